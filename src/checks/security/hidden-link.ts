// 暗链: a container people cannot see that holds links to other sites, usually with gambling or porn
// anchor text. One finding per container. Hidden same-site menus, skip-links and empty anchors are fine.
import { hostOf, type HiddenBlock, type LinkFact, type SiteFacts, type CheckFinding } from '../../domain/index.js';
import { clip, makeFinding } from '../site/util.js';
import type { CheckContext, PageCheck, SiteCheck } from '../types.js';
import { isTrustedHost, looksLikeSpamHost, siteMatcherFor } from './hosts.js';
import { distinctWords, hasCounterContext, spamScanner } from './spam.js';

const ANCHOR_TAGS = new Set(['a', 'area']);
// Hiding that menus and accessibility never use; display:none / visibility:hidden are also how dropdowns hide.
const MENU_HIDING = /^(display\s*:\s*none|visibility\s*:\s*hidden|hidden)/i;
const MIN_PLAIN_HIDDEN_HOSTS = 3;
const MAX_DETAIL_LINKS = 10;

interface HiddenGroup {
  reason: string;
  markup: string;
  text: string;
  links: LinkFact[];
}

/** Pairs each hidden block with its hidden links (page order, same reason, up to its link count);
 *  hidden links left over form groups of consecutive links with the same reason. */
export function groupHiddenLinks(links: readonly LinkFact[], blocks: readonly HiddenBlock[]): HiddenGroup[] {
  const hiddenLinks = links.filter((l) => l.hidden && ANCHOR_TAGS.has(l.tag));
  const used = new Set<LinkFact>();
  const groups: HiddenGroup[] = blocks.map((b) => {
    const links: LinkFact[] = [];
    for (const l of hiddenLinks) {
      if (links.length >= b.linkCount) break;
      if (!used.has(l) && l.hidden === b.reason) {
        used.add(l);
        links.push(l);
      }
    }
    return { reason: b.reason, markup: b.markup, text: b.text, links };
  });
  let run: HiddenGroup | undefined;
  for (const l of hiddenLinks) {
    if (used.has(l)) {
      run = undefined;
      continue;
    }
    if (!run || run.reason !== l.hidden) {
      run = { reason: l.hidden ?? '', markup: l.markup ?? '', text: '', links: [] };
      groups.push(run);
    }
    run.links.push(l);
    run.text += ` ${l.text}`;
  }
  return groups;
}

function judgeGroup(group: HiddenGroup, pageUrl: string, ctx: CheckContext, via?: 'script-injected'): CheckFinding<'hidden-link'> | undefined {
  const isSite = siteMatcherFor(ctx, pageUrl);
  const offSite = group.links.filter((l) => !isSite(hostOf(l.url)));
  const scan = spamScanner(ctx);
  const anchorWords = distinctWords(group.links.flatMap((l) => scan(l.text)));
  const spamWords = distinctWords([...scan(group.text), ...group.links.flatMap((l) => scan(l.text))]);
  const untrusted = offSite.filter((l) => !isTrustedHost(hostOf(l.url)));
  const untrustedHosts = new Set(untrusted.map((l) => hostOf(l.url)));
  const spamHosts = [...untrustedHosts].filter(looksLikeSpamHost);

  let spam = false;
  if (spamWords.length > 0) {
    // Spam pages planted on the hacked site itself are linked same-site; a hidden police menu
    // 「打击赌博」 is not spam, hence the counter-context test when no foreign link is involved.
    const counter = hasCounterContext(`${group.text} ${group.links.map((l) => l.text).join(' ')}`);
    spam = untrusted.length > 0 || (!counter && (anchorWords.length > 0 || spamWords.length >= 2));
  }
  let flagged = spam;
  if (!flagged && untrusted.length > 0) {
    if (!MENU_HIDING.test(group.reason)) flagged = untrusted.some((l) => l.text.trim() !== '') || spamHosts.length > 0;
    else {
      // A hidden dropdown mixes in same-site or government links; a sold-link block is purely foreign.
      const pure = offSite.length === group.links.length && untrusted.length === offSite.length;
      flagged = spamHosts.length > 0 || (pure && untrustedHosts.size >= MIN_PLAIN_HIDDEN_HOSTS);
    }
  }
  if (!flagged) return undefined;

  const shown = (untrusted.length ? untrusted : offSite.length ? offSite : group.links).slice(0, MAX_DETAIL_LINKS);
  const anchorTexts = shown.map((l) => l.text).filter(Boolean).slice(0, 4);
  return makeFinding({
    check: 'hidden-link',
    url: pageUrl,
    target: shown[0]?.url,
    evidence: `${group.markup || shown[0]?.markup || ''} ${anchorTexts.length ? `…${anchorTexts.join('、')}` : clip(group.text, 80)}`,
    message: spam
      ? `页面中存在对访问者隐藏的链接（暗链），含赌博、色情等违规词：${spamWords.slice(0, 5).join('、')}`
      : `页面中存在对访问者隐藏的外部链接（暗链），共 ${untrustedHosts.size || offSite.length} 个外部站点`,
    advice: '立即删除暗链并排查网站是否被入侵，检查模板与数据库，修补漏洞后复查',
    detail: {
      reason: group.reason,
      links: shown.map((l) => l.url),
      spamWords,
      spam,
      ...(via ? { via } : {}),
    },
  });
}

export const hiddenLinkCheck: PageCheck<'hidden-link'> = {
  id: 'hidden-link',
  scope: 'page',
  run(page, ctx) {
    if (!page.hiddenBlocks.length && !page.links.some((l) => l.hidden)) return [];
    const out: CheckFinding<'hidden-link'>[] = [];
    for (const group of groupHiddenLinks(page.links, page.hiddenBlocks)) {
      const f = judgeGroup(group, page.url, ctx);
      if (f) out.push(f);
    }
    return out;
  },
};

/** 暗链 that scripts write after load (invisible to the static extractor), from the browser pass. */
export const renderedHiddenLinkCheck: SiteCheck<'hidden-link'> = {
  id: 'hidden-link',
  scope: 'site',
  needs: ['rendered'],
  run(site: SiteFacts, ctx) {
    const out: CheckFinding<'hidden-link'>[] = [];
    for (const r of site.rendered) {
      if (r.as !== 'browser' || r.error) continue;
      for (const group of groupHiddenLinks(r.injectedLinks, [])) {
        const f = judgeGroup(group, r.url, ctx, 'script-injected');
        if (f) out.push(f);
      }
    }
    return out;
  },
};
