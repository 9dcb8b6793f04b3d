// Scores findings against a catalogue (rules-cn §1.1): any veto → 不合格; otherwise 100 − deductions, below the
// pass score (60) → 不合格, exactly 60 passes; every indicator and block loses at most its value; 加分 only for
// portals scoring above 80, at most 130; without external service 办事服务 is skipped and the rest ×100/75.
// With a veto the verdict is 不合格 and `score` is still the deduction score (no 加分), for information.
// Checks report what they saw (CheckFinding); this is the one place that gives each finding its indicator and
// severity, decides vetoes and counts points, all from the catalogue data.
import type { CheckFinding, Finding, Severity, IndicatorResult } from '../domain/index.js';
import { distinctKey, matchesAny, readPath } from './match.js';
import type { Catalogue, Indicator, SeverityRule, Trigger } from './schema.js';

export interface ScoreOptions {
  catalogue: Catalogue;
  portal: boolean;
  noExternalService: boolean;
  /** 加分 points an inspector awarded by indicator code (no automated check finds merit); each capped at its value. */
  awards?: Record<string, number>;
}

export interface ScoreResult {
  verdict: 'qualified' | 'unqualified';
  score: number;
  indicators: IndicatorResult[];
  findings: Finding[];
  /** How the score was reached, for reports and audits. */
  breakdown: {
    vetoes: string[];
    deductionScore: number;
    lostByBlock: Record<string, number>;
    bonus: number;
    scaled: boolean;
  };
}

export const INFO_INDICATOR = 'info';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Stale columns that are also blank: scored once, as blank (rules-cn-deductions §2.1 note). */
function doubleCountedColumns(findings: CheckFinding[]): Set<number> {
  const blank = new Set(findings.filter((f) => f.check === 'empty-column').map((f) => f.url));
  const skip = new Set<number>();
  findings.forEach((f, i) => {
    if (f.check === 'stale-column' && blank.has(f.url)) skip.add(i);
  });
  return skip;
}

/**
 * An inspector's failed checklist item (check 'manual') belongs to exactly the indicator it names; every other
 * finding to the indicators whose matchers it satisfies.
 */
function manualFor(f: CheckFinding): string | undefined {
  return f.check === 'manual' ? f.detail.indicator : undefined;
}

function belongsTo(f: CheckFinding, ind: Indicator): boolean {
  const manual = manualFor(f);
  return manual !== undefined ? manual === ind.code : matchesAny(f, ind.match);
}

/** Points a deduction indicator loses for the inspector's failed items: the stated points, else its value. */
function manualLoss(ind: Indicator, findings: CheckFinding[]): number {
  let lost = 0;
  for (const f of findings) {
    if (f.check !== 'manual' || f.detail.indicator !== ind.code) continue;
    const p = f.detail.points;
    lost += typeof p === 'number' && Number.isFinite(p) && p >= 0 ? p : ind.points;
  }
  return lost;
}

function triggerFires(t: Trigger, findings: CheckFinding[], scored: (i: number) => boolean): boolean {
  if ('count' in t) {
    const keys = new Set<string>();
    findings.forEach((f, i) => {
      if (scored(i) && matchesAny(f, t.count)) keys.add(distinctKey(f, t.distinctBy, i));
    });
    return keys.size >= t.atLeast;
  }
  return findings.some((f, i) => {
    if (!scored(i) || !matchesAny(f, t.ratio.match)) return false;
    const num = Number(readPath(f, t.ratio.numerator));
    const den = Number(readPath(f, t.ratio.denominator));
    return Number.isFinite(num) && Number.isFinite(den) && den > 0 && num / den >= t.atLeast;
  });
}

function vetoFires(ind: Indicator, findings: CheckFinding[], scored: (i: number) => boolean): boolean {
  if (findings.some((f) => manualFor(f) === ind.code)) return true;
  if (!ind.triggers) return findings.some((f, i) => scored(i) && matchesAny(f, ind.match));
  return ind.triggers.some((t) => triggerFires(t, findings, scored));
}

/** Points an indicator loses: rules in order, a key counted by one rule is not counted again by a later one. */
function indicatorLoss(ind: Indicator, findings: CheckFinding[], scored: (i: number) => boolean): number {
  let lost = manualLoss(ind, findings);
  const counted = new Set<string>();
  for (const rule of ind.deductions ?? []) {
    let units = 0;
    let any = false;
    findings.forEach((f, i) => {
      if (!scored(i) || !matchesAny(f, rule.match)) return;
      const key = distinctKey(f, rule.distinctBy, i);
      if (counted.has(key)) return;
      counted.add(key);
      any = true;
      const w = rule.weightBy ? Number(readPath(f, rule.weightBy)) : 1;
      units += Number.isFinite(w) && w > 0 ? w : 1;
    });
    let ruleLoss = rule.once !== undefined ? (any ? rule.once : 0) : units * (rule.each ?? 0);
    if (rule.max !== undefined) ruleLoss = Math.min(ruleLoss, rule.max);
    lost += ruleLoss;
  }
  return Math.min(round2(lost), ind.points);
}

/** The catalogue's severity for a finding not under a fired veto: first matching rule, else 'info'. */
function listedSeverity(f: CheckFinding, rules: SeverityRule[]): Severity {
  return rules.find((r) => matchesAny(f, r.match))?.severity ?? 'info';
}

export function score(findings: CheckFinding[], opts: ScoreOptions): ScoreResult {
  const { catalogue: cat } = opts;
  const skip = doubleCountedColumns(findings);
  const scored = (i: number) => !skip.has(i);
  const skippedBlock = opts.noExternalService ? cat.serviceBlock : undefined;
  const active = (ind: Indicator) => ind.block === undefined || ind.block !== skippedBlock;

  // 1. Vetoes.
  const firedVetoes = new Set(cat.indicators.filter((ind) => ind.kind === 'veto' && active(ind) && vetoFires(ind, findings, scored)).map((i) => i.code));

  // 2. Deductions, capped per indicator, then per block.
  const lossByIndicator = new Map<string, number>();
  const lostByBlock: Record<string, number> = {};
  for (const ind of cat.indicators) {
    if (ind.kind !== 'deduction' || !active(ind)) continue;
    const lost = indicatorLoss(ind, findings, scored);
    lossByIndicator.set(ind.code, lost);
    lostByBlock[ind.block!] = (lostByBlock[ind.block!] ?? 0) + lost;
  }
  let totalLost = 0;
  for (const b of cat.blocks) {
    if (b.kind !== 'deduction' || b.code === skippedBlock) continue;
    lostByBlock[b.code] = round2(Math.min(lostByBlock[b.code] ?? 0, b.points));
    totalLost += lostByBlock[b.code];
  }
  const serviceBlock = cat.blocks.find((b) => b.code === skippedBlock);
  const base = cat.deductionTotal - (serviceBlock?.points ?? 0);
  const deductionScore = round2(Math.max(0, ((base - totalLost) * cat.deductionTotal) / base));

  // 3. 加分: portals only, above the threshold, no veto.
  let bonus = 0;
  const bonusByIndicator = new Map<string, number>();
  if (opts.portal && firedVetoes.size === 0 && deductionScore > cat.bonusThreshold) {
    for (const ind of cat.indicators) {
      if (ind.kind !== 'bonus') continue;
      const got = Math.min(Math.max(0, opts.awards?.[ind.code] ?? 0), ind.points);
      if (got > 0) bonusByIndicator.set(ind.code, got);
      bonus += got;
    }
    bonus = Math.min(bonus, cat.bonusTotal);
  }
  const finalScore = firedVetoes.size > 0 ? deductionScore : round2(Math.min(deductionScore + bonus, cat.maxScore));
  const verdict = firedVetoes.size > 0 || deductionScore < cat.passScore ? 'unqualified' : 'qualified';

  // 4. Each finding to one indicator: a fired veto first, then the first deduction indicator, else 'info'.
  //    Severity: 'veto' under a fired veto, else the deduction indicator's own, else the catalogue's severity list.
  const counts = new Map<string, number>();
  const outFindings = findings.map((f): Finding => {
    const owners = cat.indicators.filter((ind) => active(ind) && ind.kind !== 'bonus' && belongsTo(f, ind));
    for (const o of owners) counts.set(o.code, (counts.get(o.code) ?? 0) + 1);
    const veto = owners.find((o) => o.kind === 'veto' && firedVetoes.has(o.code));
    const deduction = owners.find((o) => o.kind === 'deduction');
    const fallbackVeto = owners.find((o) => o.kind === 'veto');
    if (veto) return { ...f, indicator: veto.code, severity: 'veto' };
    const severity = deduction?.severity ?? listedSeverity(f, cat.severities);
    return { ...f, indicator: (deduction ?? fallbackVeto)?.code ?? INFO_INDICATOR, severity };
  });

  const indicators: IndicatorResult[] = cat.indicators.map((ind) => {
    const findingsCount = counts.get(ind.code) ?? 0;
    if (ind.kind === 'veto') return { code: ind.code, name: ind.name, kind: 'veto', triggered: firedVetoes.has(ind.code), points: 0, findings: findingsCount };
    if (ind.kind === 'bonus') {
      const got = bonusByIndicator.get(ind.code) ?? 0;
      return { code: ind.code, name: ind.name, kind: 'bonus', triggered: got > 0, points: got, findings: 0 };
    }
    const lost = lossByIndicator.get(ind.code) ?? 0;
    return { code: ind.code, name: ind.name, kind: 'deduction', triggered: active(ind) && findingsCount > 0, points: lost, findings: findingsCount };
  });

  return {
    verdict,
    score: finalScore,
    indicators,
    findings: outFindings,
    breakdown: { vetoes: [...firedVetoes], deductionScore, lostByBlock, bonus: firedVetoes.size > 0 ? 0 : bonus, scaled: skippedBlock !== undefined },
  };
}
