import type { CheckFinding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, shorten, textMatches, where, type TextSource } from './shared.js';

export function typoFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'typo'>[] {
  return textMatches(source, ctx, 'typo', page).map(({ first, field, count }) => ({
    check: 'typo',
    url: source.url,
    evidence: shorten(first.evidence),
    message: `${where(field, source)}出现错别字「${first.found}」，应为「${first.correct}」`,
    detail: {
      found: first.found,
      correct: first.correct,
      count,
      field,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: `请将「${first.found}」改为「${first.correct}」，并在发布前执行三审三校，排查全站同类错误。`,
    },
  }));
}

export const typoCheck: PageCheck<'typo'> = {
  id: 'typo',
  scope: 'page',
  run: (page, ctx) => typoFindings(pageSource(page), ctx, page),
};
