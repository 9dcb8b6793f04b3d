import type { CheckFinding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, shorten, textMatches, where, type TextSource } from './shared.js';
import { SENSITIVE_NAMES } from '../../text/dictionaries.js';

/** Body text only: spam words in the title (and keywords/description) are the seo-spam check's finding,
 *  as hidden blocks are the hidden-link check's; reporting them here too would double-count one injection. */
export function sensitiveWordFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'sensitive-word'>[] {
  return textMatches(source, ctx, 'sensitive', page).filter((g) => g.field === 'text').map(({ first, field, count }) => ({
    check: 'sensitive-word',
    url: source.url,
    evidence: shorten(first.evidence),
    message: `${where(field, source)}出现${SENSITIVE_NAMES[first.category] ?? first.category}类敏感词「${first.found}」`,
    detail: {
      list: first.category, // gambling | porn | violence
      listName: SENSITIVE_NAMES[first.category] ?? first.category,
      word: first.word,
      found: first.found,
      count,
      field,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: '请立即核查该内容是否被篡改或植入，删除违规信息，排查网站后台账号与漏洞，并保留日志以备追查。',
    },
  }));
}

export const sensitiveWordCheck: PageCheck<'sensitive-word'> = {
  id: 'sensitive-word',
  scope: 'page',
  run: (page, ctx) => sensitiveWordFindings(pageSource(page), ctx, page),
};
