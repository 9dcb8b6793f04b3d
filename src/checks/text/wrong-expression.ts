import type { Finding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, shorten, textMatches, where, type TextSource } from './shared.js';

export function wrongExpressionFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): Finding[] {
  return textMatches(source, ctx, 'wrong-expression', page).map(({ first, field, count }) => ({
    check: 'wrong-expression',
    indicator: '',
    severity: 'major',
    url: source.url,
    evidence: shorten(first.evidence),
    message:
      first.category === '领导职务'
        ? `${where(field, source)}出现领导职务表述错误「${first.found}」（${first.correct}）`
        : `${where(field, source)}出现严重表述错误「${first.found}」，应为「${first.correct}」`,
    detail: {
      found: first.found,
      correct: first.correct,
      category: first.category,
      count,
      field,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: `严重表述错误可导致单项否决。请立即更正为「${first.correct}」，核查同一稿件的审校记录，并排查全站同类表述。`,
    },
  }));
}

export const wrongExpressionCheck: PageCheck = {
  id: 'wrong-expression',
  scope: 'page',
  run: (page, ctx) => wrongExpressionFindings(pageSource(page), ctx, page),
};
