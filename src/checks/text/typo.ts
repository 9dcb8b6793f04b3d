import type { CheckFinding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, shorten, slipMatches, textMatches, where, type TextSource } from './shared.js';

export function typoFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'typo'>[] {
  const listed = listFindings(source, ctx, page);
  if (!ctx.config.checks.statisticalTypos) return listed;
  return [...listed, ...slipMatches(source, ctx, page).map(({ first, field, count }) => ({
    check: 'typo' as const,
    url: source.url,
    evidence: shorten(first.evidence),
    message: `${where(field, source)}疑似错别字「${first.written}」，可能应为「${first.correct}」（统计判断，置信度 ${first.confidence.toFixed(2)}），请人工核实`,
    detail: {
      found: first.written,
      correct: first.correct,
      count,
      field,
      method: 'statistical' as const,
      confidence: first.confidence,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: `请核实「${first.written}」是否为「${first.correct}」之误（不在错别字词表中，由字的上下文统计判断）；确为错字的，改正并排查全站同类错误。`,
    },
  }))];
}

function listFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'typo'>[] {
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
      method: 'list',
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
