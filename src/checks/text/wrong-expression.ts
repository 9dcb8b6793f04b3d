import type { CheckFinding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, shorten, textMatches, where, type TextSource } from './shared.js';
import type { TextMatch } from '../../text/engine.js';
import { leaderCorrection, leaderTitleWrong } from '../../text/leaders.js';

/**
 * The year a text is written in: its stated 发布时间, else the latest year it names (「鲁政发〔2014〕20号」「2016年」).
 * A superseded name is an error only in a text written after it went out of use; with no year at all it is reported.
 */
export function documentYear(source: TextSource, page?: PageFacts): number | undefined {
  if (page?.pubDate) return Number(page.pubDate.slice(0, 4));
  let latest: number | undefined;
  for (const m of `${source.title}\n${source.text}`.matchAll(/(?<![0-9])((?:19|20)[0-9]{2})(?=年|〕|\]|）|\)|-[01][0-9]-)/g)) {
    const y = Number(m[1]);
    if (latest === undefined || y > latest) latest = y;
  }
  return latest;
}

export function wrongExpressionFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'wrong-expression'>[] {
  // The year is read only for a superseded name (most pages name none): without a 发布时间 it scans the whole text.
  let year: { value: number | undefined } | undefined;
  const yearOfText = () => (year ??= { value: documentYear(source, page) }).value;
  // A leader's title is judged by the page's own 发布时间 only: a year named in the text may be a plan's or a history's.
  const date = page?.pubDate;
  const current = (m: TextMatch): boolean => {
    if (m.leader) return leaderTitleWrong(m.leader, date);
    if (m.since === undefined) return true;
    const y = yearOfText();
    return y === undefined || y >= m.since;
  };
  return textMatches(source, ctx, 'wrong-expression', page, current).map(({ first, field, count }) => {
    const correct = first.leader ? leaderCorrection(first.leader, date) : first.correct;
    return {
    check: 'wrong-expression',
    url: source.url,
    evidence: shorten(first.evidence),
    message:
      first.category === '领导职务'
        ? `${where(field, source)}出现领导职务表述错误「${first.found}」（${correct}）`
        : `${where(field, source)}出现严重表述错误「${first.found}」，应为「${correct}」`,
    detail: {
      found: first.found,
      correct,
      category: first.category,
      ...(first.since ? { since: first.since } : {}),
      count,
      field,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: first.leader
        ? `严重表述错误可导致单项否决。请按任职记录更正领导职务（${correct}），核查同一稿件的审校记录，并排查全站同类表述。`
        : `严重表述错误可导致单项否决。请立即更正为「${correct}」，核查同一稿件的审校记录，并排查全站同类表述。`,
    },
  };
  });
}

export const wrongExpressionCheck: PageCheck<'wrong-expression'> = {
  id: 'wrong-expression',
  scope: 'page',
  run: (page, ctx) => wrongExpressionFindings(pageSource(page), ctx, page),
};
