// missing-identifier: per page, each footer identifier the rules require (rules-cn §3): 党政机关网站标识 and
// 网站标识码 on every page, ICP备案号 on the home page (site footers carry it on every page, so other pages are
// reported too, as minor), 公安备案号 and the 「我为政府网站找错」 entry in the footer.
import type { PageFacts, CheckFinding } from '../../domain/index.js';
import type { PageCheck } from '../types.js';
import { isJudgeableHtmlPage, makeFinding } from './util.js';

export type IdentifierWhich = 'site-id-code' | 'icp' | 'police' | 'dangzheng' | 'jiucuo';

const JIUCUO_SCRIPT = /jiucuo|_jiucuo_/i;

/** A jiucuo script (external src or inline loader) renders the 找错 entry at run time. */
export function hasJiucuoScript(page: PageFacts): boolean {
  return page.scripts.some((s) => JIUCUO_SCRIPT.test(s.src ?? '') || JIUCUO_SCRIPT.test(s.inline ?? '') || JIUCUO_SCRIPT.test(s.markup));
}

function present(page: PageFacts, which: IdentifierWhich): boolean {
  const ids = page.identifiers;
  switch (which) {
    case 'site-id-code':
      return Boolean(ids.siteIdCode?.value) || Boolean(page.meta['siteidcode']?.trim());
    case 'icp':
      return Boolean(ids.icp);
    case 'police':
      return Boolean(ids.police);
    case 'dangzheng':
      return ids.dangzheng === 'link' || ids.dangzheng === 'script';
    case 'jiucuo':
      if (ids.jiucuo === 'link' || ids.jiucuo === 'script') return true;
      // An empty placeholder only turns into an entry when the jiucuo script is there to fill it.
      return hasJiucuoScript(page);
  }
}

const TEXT: Record<IdentifierWhich, { name: string; advice: string }> = {
  'site-id-code': {
    name: '网站标识码',
    advice: '在页面头部添加 <meta name="SiteIDCode" content="网站标识码">，并在页面底部显示“网站标识码：XXXXXXXXXX”',
  },
  icp: {
    name: 'ICP备案号',
    advice: '在网站首页（及各页面）底部中间位置显示 ICP 备案编号，并链接到工业和信息化部备案管理系统（beian.miit.gov.cn）',
  },
  police: {
    name: '公安机关备案号',
    advice: '在页面底部显示公安机关备案标识及备案编号，并链接到全国互联网安全管理服务平台的备案信息页面',
  },
  dangzheng: {
    name: '党政机关网站标识',
    advice: '在网站所有页面底部中间位置添加党政机关网站标识并链接到 bszs.conac.cn 的核验页面',
  },
  jiucuo: {
    name: '「我为政府网站找错」入口',
    advice: '在页面底部添加「我为政府网站找错」监督举报平台入口（引用国办提供的 jiucuo.js 脚本或链接到找错平台）',
  },
};

const ORDER: IdentifierWhich[] = ['dangzheng', 'site-id-code', 'icp', 'police', 'jiucuo'];

export const missingIdentifierCheck: PageCheck<'missing-identifier'> = {
  id: 'missing-identifier',
  scope: 'page',
  run(page) {
    if (!isJudgeableHtmlPage(page)) return [];
    const isHome = page.kind === 'home';
    const out: CheckFinding<'missing-identifier'>[] = [];
    for (const which of ORDER) {
      if (present(page, which)) continue;
      const t = TEXT[which];
      const placeholderOnly = which === 'jiucuo' && page.identifiers.jiucuo === 'placeholder';
      out.push(
        makeFinding({
          check: 'missing-identifier',
          url: page.url,
          evidence: placeholderOnly
            ? `页面仅有空的找错入口占位元素，未引用找错脚本（标题：${page.title}）`
            : `页面未发现${t.name}（标题：${page.title}）`,
          message: `${isHome ? '首页' : '页面'}缺少${t.name}${placeholderOnly ? '（只有空占位元素，不会显示）' : ''}`,
          advice: t.advice,
          detail: { which, name: t.name, isHome },
        }),
      );
    }
    return out;
  },
};
