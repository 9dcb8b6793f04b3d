// dead-link: one finding per (broken target, referring page), so each page's editor sees their own links.
import type { SiteCheck } from '../types.js';
import { describeOutcome } from './outcomes.js';
import { makeFinding } from './util.js';

const TAG_TEXT: Record<string, string> = {
  a: '链接', area: '链接', img: '图片', script: '脚本', link: '样式/资源', iframe: '内嵌框架', frame: '框架',
  'meta-refresh': '自动跳转', embed: '嵌入资源', source: '媒体资源',
};

export const deadLinkCheck: SiteCheck<'dead-link'> = {
  id: 'dead-link',
  scope: 'site',
  run(site, ctx) {
    const cap = ctx.config.checks.maxFindingsPerCheck;
    const out = [];
    const seen = new Set<string>();
    for (const broken of site.brokenLinks) {
      const reason = describeOutcome(broken.outcome, broken.status);
      for (const ref of broken.seenOn) {
        if (out.length >= cap) return out;
        const key = `${broken.target}\u0000${ref.url}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const location = ref.isHome ? 'home' : 'page';
        const what = TAG_TEXT[ref.tag] ?? '链接';
        const label = ref.text ? `「${ref.text.slice(0, 40)}」` : '';
        out.push(
          makeFinding({
            check: 'dead-link',
            url: ref.url,
            target: broken.target,
            evidence: ref.markup || ref.text || broken.target,
            message: `${ref.isHome ? '首页' : '页面'}${broken.internal ? '站内' : '外部'}${what}${label}不可用：${reason}`,
            advice: broken.internal
              ? '修复或删除该站内链接：恢复被删除的页面/附件，或把链接改为正确地址；定期巡检全站不可用链接'
              : '核实外部链接目标：更新为对方现行地址，或删除失效链接，防止过期域名被抢注后指向违法网站',
            detail: {
              location,
              internal: broken.internal,
              status: broken.status,
              outcome: broken.outcome,
              reason,
              tag: ref.tag,
              place: ref.place,
              seenCount: broken.seenCount,
              ...(broken.error ? { error: broken.error.slice(0, 200) } : {}),
            },
          }),
        );
      }
    }
    return out;
  },
};
