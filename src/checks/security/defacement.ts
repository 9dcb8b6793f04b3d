// Defacement / 挂马: a key page changed against its baseline from an earlier scan in a way normal
// publishing does not explain: new scripts or iframes from foreign hosts, a title turned to spam,
// spam text, or the whole page replaced. New news items alone (same title and scripts) are normal.
import { hostOf, type Baseline, type PageFacts, type SiteFacts, type CheckFinding } from '../../domain/index.js';
import { makeFinding } from '../site/util.js';
import type { CheckContext, SiteCheck } from '../types.js';
import { isBenignScriptHost, siteMatcherFor } from './hosts.js';
import { bigramJaccard, normaliseForCompare } from './similarity.js';
import { spamWordsIn } from './spam.js';

const FRAME_TAGS = new Set(['iframe', 'frame']);
const SHRUNK_RATIO = 0.3;

function iframeSrcs(page: PageFacts): string[] {
  return [...new Set(page.links.filter((l) => FRAME_TAGS.has(l.tag)).map((l) => l.url))];
}

function scriptSrcs(page: PageFacts): string[] {
  return [...new Set(page.scripts.map((s) => s.src).filter((s): s is string => !!s))];
}

/** What the pipeline stores after a scan, to compare the next scan against. */
export function makeBaseline(page: PageFacts, scanId: string, takenAt: Date = new Date()): Baseline {
  return {
    url: page.url,
    scanId,
    takenAt: takenAt.toISOString(),
    title: page.title,
    text: normaliseForCompare(page.text),
    scriptSrcs: scriptSrcs(page),
    iframeSrcs: iframeSrcs(page),
  };
}

/** The texts whose spam words a key page is judged by against its baseline (rememberKeyPageWords keeps them for
 *  the next scan). */
export function judgedTexts(page: Pick<PageFacts, 'title' | 'text'>, base: Pick<Baseline, 'title' | 'text'>): { baseline: string; title: string; text: string } {
  return { baseline: `${base.title} ${base.text}`, title: page.title, text: page.text };
}

function compare(page: PageFacts, base: Baseline, site: SiteFacts, ctx: CheckContext): CheckFinding<'defacement'> | undefined {
  const isSite = siteMatcherFor(ctx, site.rootUrl);
  const foreign = (u: string) => {
    const h = hostOf(u);
    return h !== '' && !isSite(h) && !isBenignScriptHost(h);
  };
  const oldScripts = new Set(base.scriptSrcs);
  const oldFrames = new Set(base.iframeSrcs);
  const newScripts = scriptSrcs(page).filter((s) => !oldScripts.has(s) && foreign(s));
  const newIframes = iframeSrcs(page).filter((s) => !oldFrames.has(s) && foreign(s));

  const judged = judgedTexts(page, base);
  const oldWords = new Set(spamWordsIn(ctx, judged.baseline));
  const titleSpam = spamWordsIn(ctx, judged.title).filter((w) => !oldWords.has(w));
  const text = normaliseForCompare(page.text);
  const textSpam = spamWordsIn(ctx, judged.text).filter((w) => !oldWords.has(w));
  const similarity = Math.round(bigramJaccard(text, base.text) * 100) / 100;
  const threshold = ctx.config.checks.defacementSimilarity;
  const titleChanged = normaliseForCompare(page.title) !== normaliseForCompare(base.title);
  const replaced = similarity < threshold && (titleChanged || text.length < base.text.length * SHRUNK_RATIO);
  const spam = titleSpam.length > 0 || (textSpam.length >= 2 && similarity < threshold);

  if (!newScripts.length && !newIframes.length && !spam && !replaced) return undefined;

  const newMarkup = [
    ...page.scripts.filter((s) => s.src && newScripts.includes(s.src)).map((s) => s.markup || s.src!),
    ...page.links.filter((l) => FRAME_TAGS.has(l.tag) && newIframes.includes(l.url)).map((l) => l.markup || l.url),
  ];
  const evidence = newMarkup.length
    ? newMarkup.join(' ')
    : titleSpam.length || titleChanged
      ? `标题由「${base.title}」变为「${page.title}」`
      : `正文与 ${base.takenAt.slice(0, 10)} 的基线相似度 ${similarity}`;
  const reasons = [
    newScripts.length ? `新增外部脚本 ${newScripts.length} 个` : '',
    newIframes.length ? `新增外部 iframe ${newIframes.length} 个` : '',
    titleSpam.length ? `标题出现违规词：${titleSpam.join('、')}` : '',
    !titleSpam.length && spam ? `正文出现违规词：${textSpam.slice(0, 5).join('、')}` : '',
    replaced ? `页面内容与基线相比大幅改变（相似度 ${similarity}）` : '',
  ].filter(Boolean);
  return makeFinding({
    check: 'defacement',
    url: page.url,
    target: newScripts[0] ?? newIframes[0],
    evidence,
    message: `重点页面疑似被篡改或挂马：${reasons.join('；')}`,
    advice: '立即核查页面变更是否为本单位发布，如非授权修改请恢复页面、删除恶意代码、排查服务器入侵途径并修补漏洞后复查',
    detail: { newScripts, newIframes, similarity, baselineScanId: base.scanId, spam, spamWords: [...new Set([...titleSpam, ...textSpam])] },
  });
}

export const defacementCheck: SiteCheck<'defacement'> = {
  id: 'defacement',
  scope: 'site',
  needs: ['baselines'],
  run(site, ctx) {
    const out: CheckFinding<'defacement'>[] = [];
    for (const page of site.keyPages) {
      if (page.outcome !== 'ok') continue;
      const base = site.baselines.find((b) => b.url === page.url) ?? site.baselines.find((b) => b.url === page.finalUrl);
      if (!base) continue;
      const f = compare(page, base, site, ctx);
      if (f) out.push(f);
    }
    return out;
  },
};
