// Cloaking: the same URL answers a search-engine spider (or a visitor arriving from a search engine)
// differently from a plain browser. WAF block pages for a fake spider UA are not cloaking.
import { hostOf, type SiteFacts, type VariantFacts, type CheckFinding } from '../../domain/index.js';
import { makeFinding } from '../site/util.js';
import type { CheckContext, SiteCheck } from '../types.js';
import { looksLikeSpamHost, siteMatcherFor } from './hosts.js';
import { bigramJaccard, normaliseForCompare } from './similarity.js';
import { spamWordsIn } from './spam.js';

const TEXT_SIMILARITY_MIN = 0.5;
const MIN_TEXT_FOR_COMPARE = 50;
const EXTRA_HOSTS_MIN = 5;
const BLOCK_PAGE = /拦截|拒绝访问|禁止访问|访问受限|安全狗|防火墙|云盾|waf|forbidden|access denied|验证码|人机验证/i;

type Difference = 'title' | 'links' | 'redirect' | 'text';

function looksLikeBlockPage(v: VariantFacts): boolean {
  return v.outcome !== 'ok' || v.status !== 200 || (v.text.length < 500 && BLOCK_PAGE.test(`${v.title} ${v.text}`));
}

/** The text whose spam words a view of a page is judged by (rememberKeyPageWords keeps them for the next scan). */
export function viewText(view: Pick<VariantFacts, 'title' | 'text'>): string {
  return `${view.title} ${view.text}`;
}

function compare(browser: VariantFacts, other: VariantFacts, site: SiteFacts, ctx: CheckContext): CheckFinding<'cloaking'> | undefined {
  if (looksLikeBlockPage(other)) return undefined;
  const isSite = siteMatcherFor(ctx, site.rootUrl);
  const differs: Difference[] = [];

  const browserHost = hostOf(browser.finalUrl);
  const otherHost = hostOf(other.finalUrl);
  const redirected = otherHost !== browserHost && !isSite(otherHost) && isSite(browserHost);
  if (redirected) differs.push('redirect');
  if (normaliseForCompare(other.title) !== normaliseForCompare(browser.title)) differs.push('title');

  const browserHosts = new Set(browser.linkHosts);
  const extraHosts = other.linkHosts.filter((h) => !browserHosts.has(h) && !isSite(h));
  const spamHosts = extraHosts.filter(looksLikeSpamHost);
  if (extraHosts.length >= EXTRA_HOSTS_MIN || spamHosts.length > 0) differs.push('links');

  const a = normaliseForCompare(browser.text);
  const b = normaliseForCompare(other.text);
  const similarity = bigramJaccard(a, b);
  if (a.length >= MIN_TEXT_FOR_COMPARE && b.length >= MIN_TEXT_FOR_COMPARE && similarity < TEXT_SIMILARITY_MIN) differs.push('text');

  const browserWords = new Set(spamWordsIn(ctx, viewText(browser)));
  const spamWords = spamWordsIn(ctx, viewText(other)).filter((w) => !browserWords.has(w));
  if (!differs.length && !spamWords.length) return undefined;

  const strong = redirected || spamWords.length > 0 || differs.includes('links');
  // A changed title or text alone is weak (dynamic pages, A/B content): report it only when both differ.
  if (!strong && !(differs.includes('title') && differs.includes('text'))) return undefined;

  return makeFinding({
    check: 'cloaking',
    url: other.url,
    target: redirected ? other.finalUrl : undefined,
    evidence: `${other.as} 看到的标题：「${other.title}」；浏览器看到的标题：「${browser.title}」`,
    message: spamWords.length
      ? `以 ${other.as} 身份访问时页面出现浏览器访问时没有的违规内容：${spamWords.slice(0, 5).join('、')}（针对搜索引擎的伪装页面）`
      : `以 ${other.as} 身份访问时页面与浏览器访问时不同（${differs.join('、')}），疑似针对搜索引擎的伪装（cloaking）`,
    advice: '立即排查服务器配置、伪静态规则和程序文件中针对搜索引擎爬虫或来路的判断代码，清除后向搜索引擎申请更新快照并复查',
    detail: { as: other.as, differs, spamWords, similarity: Math.round(similarity * 100) / 100, spam: spamWords.length > 0, extraHosts: extraHosts.slice(0, 10) },
  });
}

export const cloakingCheck: SiteCheck<'cloaking'> = {
  id: 'cloaking',
  scope: 'site',
  needs: ['variants'],
  run(site, ctx) {
    const out: CheckFinding<'cloaking'>[] = [];
    for (const browser of site.variants.filter((v) => v.as === 'browser' && !looksLikeBlockPage(v))) {
      for (const other of site.variants) {
        if (other.url !== browser.url || other.as === 'browser') continue;
        const f = compare(browser, other, site, ctx);
        if (f) out.push(f);
      }
    }
    return out;
  },
};
