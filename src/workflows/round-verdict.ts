// A round's verdicts from its inputs, with no I/O: the same inputs always give the same snapshot. A published
// round stores its inputs next to its snapshot, so recomputing it later gives the identical result whatever
// happened to the scans since (rules-cn §1.1 scoring, §1.2 the availability veto).
//
// Per site: the machine findings an inspector confirmed, the failed person-judged checklist items (as 'manual'
// findings of their indicators) and the probe window's 站点无法访问 veto go through the rules engine. Findings
// still pending, a missing scan, an incomplete probe week or open checklist items make the verdict
// 'incomplete' (with the reasons), unless a veto already fired: then the site is 不合格 whatever is missing.
import type { CheckFinding, Finding } from '../domain/index.js';
import type { AvailabilityWindow, MessageStats, RoundProblem, RoundSiteResult, RoundSnapshot, SiteVerdict } from '../domain/round.js';
import { score } from '../rules/index.js';
import type { Catalogue, CatalogueData, Indicator } from '../rules/index.js';

export type FindingStatus = 'confirmed' | 'dismissed' | 'pending';
export type ManualValue = 'pass' | 'fail' | 'na';

export interface ReviewInput {
  fingerprint: string;
  decision: 'confirmed' | 'dismissed';
  reason: string;
  by: string;
  at: string;
}

export interface RememberedDismissal {
  fingerprint: string;
  reason: string;
  roundId: number | null;
  by: string;
  at: string;
}

export interface ManualInput {
  indicator: string;
  result: ManualValue;
  note: string;
  points: number | null;
  by: string;
  at: string;
}

/** Everything one site's verdict is computed from. */
export interface SiteInputs {
  websiteId: number;
  name: string;
  url: string;
  unitId: number;
  unitName: string;
  kind: 'portal' | 'department';
  scan: { id: number; finishedAt: string | null } | null;
  /** A fresh scan was started for the round and has not finished. */
  scanRunning: boolean;
  findings: Array<Finding & { fingerprint: string }>;
  reviews: ReviewInput[];
  /** Dismissals argued in earlier rounds for the same evidence on this site. */
  remembered: RememberedDismissal[];
  manual: ManualInput[];
  availability: AvailabilityWindow;
}

export interface RoundInputs {
  schema: 'govpatrol.round-inputs/1';
  round: { id: number; year: number; seq: number; month: string; title: string; deadline: string | null; inspectors: string[]; cutoff: string; publishedAt: string | null };
  catalogue: CatalogueData;
  sites: SiteInputs[];
  messages: MessageStats | null;
  accounts: RoundSnapshot['accounts'];
}

/** A scan finding with its standing in the round: this round's decision, else a remembered dismissal, else pending. */
export interface ReviewedFinding {
  finding: Finding & { fingerprint: string };
  status: FindingStatus;
  reason: string;
  by: string | null;
  at: string | null;
  /** Dismissed by the memory of an earlier round (not argued again). */
  remembered: boolean;
  /** The probe window decides 站点无法访问 in a round; the scan's few availability attempts are shown, not scored. */
  superseded: boolean;
}

export const NOT_SCORED_IN_ROUND = new Set<string>(['availability']);

export function reviewedFindings(site: SiteInputs): ReviewedFinding[] {
  const reviews = new Map(site.reviews.map((r) => [r.fingerprint, r]));
  const memory = new Map(site.remembered.map((d) => [d.fingerprint, d]));
  return site.findings.map((finding) => {
    const superseded = NOT_SCORED_IN_ROUND.has(finding.check);
    const review = reviews.get(finding.fingerprint);
    if (review) return { finding, status: review.decision, reason: review.reason, by: review.by, at: review.at, remembered: false, superseded };
    const remembered = memory.get(finding.fingerprint);
    if (remembered) return { finding, status: 'dismissed', reason: remembered.reason, by: remembered.by, at: remembered.at, remembered: true, superseded };
    return { finding, status: 'pending', reason: '', by: null, at: null, remembered: false, superseded };
  });
}

/** The person-judged indicators an inspector checks on every site (judgedBy person or both; vetoes and deductions). */
export function checklistOf(catalogue: Pick<CatalogueData, 'indicators'>): Indicator[] {
  return catalogue.indicators.filter((i) => (i.judgedBy === 'person' || i.judgedBy === 'both') && i.kind !== 'bonus');
}

const percent = (x: number) => `${(Math.round(x * 10000) / 100).toFixed(2)}%`;

/** The probe window's veto as the finding the catalogue's 站点无法访问 trigger reads (failed / attempts). */
function availabilityFinding(site: SiteInputs): CheckFinding | undefined {
  const w = site.availability;
  if (w.vetoed !== true) return undefined;
  return {
    check: 'availability',
    url: site.url,
    evidence: `${w.from} 至 ${w.to} 共探测 ${w.probes} 次，失败 ${w.failed} 次（${percent(w.share ?? 0)}）`,
    message: `一周内首页访问失败比例 ${percent(w.share ?? 0)}，达到站点无法访问否决标准（≥5%）`,
    detail: { advice: '', status: 0, ms: 0, outcome: 'timeout', failed: w.failed, attempts: w.probes, thresholdMs: 15_000, unreachable: true },
  };
}

function manualFinding(site: SiteInputs, m: ManualInput, ind: Indicator): CheckFinding {
  return {
    check: 'manual',
    url: site.url,
    evidence: m.note.slice(0, 300),
    message: `人工检查不符合：${ind.name}`,
    detail: { advice: ind.advice, indicator: ind.code, note: m.note, inspector: m.by, ...(m.points == null ? {} : { points: m.points }) },
  };
}

function stripFingerprint(f: Finding & { fingerprint: string }): CheckFinding {
  const { fingerprint: _f, indicator: _i, severity: _s, ...seen } = f;
  return seen as CheckFinding;
}

/** A statistical typo suspect weighs nothing until confirmed (the catalogue's typo deduction skips method
 *  'statistical'); once an inspector confirms it, it is an error like a listed one. */
export function asConfirmed(f: CheckFinding): CheckFinding {
  if (f.check !== 'typo' || (f.detail as { method?: string }).method !== 'statistical') return f;
  return { ...f, detail: { ...f.detail, method: 'statistical-confirmed' } } as CheckFinding;
}

function incompleteReasons(site: SiteInputs, reviewed: ReviewedFinding[], manualDone: number, manualTotal: number): string[] {
  const reasons: string[] = [];
  if (!site.scan) reasons.push(site.scanRunning ? '全站扫描进行中，尚无结果' : '没有已完成的全站扫描');
  if (!site.availability.complete) {
    reasons.push(`可用性探测不足一周（每天至少 20 次）：已有 ${site.availability.probes} 次探测，站点无法访问指标暂不能判定`);
  }
  const pending = reviewed.filter((r) => r.status === 'pending' && !r.superseded).length;
  if (pending > 0) reasons.push(`${pending} 条机器发现的问题待检查员确认或排除`);
  if (manualDone < manualTotal) reasons.push(`人工检查项未完成（${manualDone}/${manualTotal}）`);
  return reasons;
}

function siteResult(site: SiteInputs, catalogue: Catalogue): RoundSiteResult {
  const reviewed = reviewedFindings(site);
  const checklist = checklistOf(catalogue);
  const byCode = new Map(catalogue.indicators.map((i) => [i.code, i]));
  const manualDone = site.manual.filter((m) => checklist.some((c) => c.code === m.indicator)).length;

  // What the rules engine scores, each with where it came from.
  const scored: Array<{ finding: CheckFinding; source: 'machine' | 'manual'; fingerprint?: string }> = [];
  for (const r of reviewed) if (r.status === 'confirmed' && !r.superseded) scored.push({ finding: asConfirmed(stripFingerprint(r.finding)), source: 'machine', fingerprint: r.finding.fingerprint });
  for (const m of site.manual) {
    const ind = byCode.get(m.indicator);
    if (m.result === 'fail' && ind) scored.push({ finding: manualFinding(site, m, ind), source: 'manual' });
  }
  const veto = availabilityFinding(site);
  if (veto) scored.push({ finding: veto, source: 'machine' });

  const result = score(scored.map((s) => s.finding), { catalogue, portal: site.kind === 'portal', noExternalService: false });
  const vetoes = result.breakdown.vetoes.map((code) => byCode.get(code)?.name ?? code);
  const reasons = incompleteReasons(site, reviewed, manualDone, checklist.length);
  const verdict: SiteVerdict = vetoes.length > 0 ? 'unqualified' : reasons.length > 0 ? 'incomplete' : result.verdict;

  const problems: RoundProblem[] = result.findings.map((f, i) => {
    const ind = byCode.get(f.indicator);
    const problem: RoundProblem = {
      indicator: f.indicator,
      indicatorName: ind?.name ?? '提示（不计分）',
      kind: ind?.kind ?? 'deduction',
      check: f.check,
      url: f.url,
      evidence: f.evidence,
      message: f.message,
      advice: f.detail.advice || ind?.advice || '请核实并整改',
      source: scored[i]!.source,
    };
    if (scored[i]!.fingerprint) problem.fingerprint = scored[i]!.fingerprint;
    return problem;
  });

  return {
    websiteId: site.websiteId,
    name: site.name,
    url: site.url,
    unitId: site.unitId,
    unitName: site.unitName,
    kind: site.kind,
    scanId: site.scan?.id ?? null,
    scannedAt: site.scan?.finishedAt ?? null,
    verdict,
    score: verdict === 'incomplete' ? null : result.score,
    vetoes,
    incompleteReasons: reasons,
    indicators: result.indicators.map((x) => ({ code: x.code, name: x.name, kind: x.kind, triggered: x.triggered, points: x.points })),
    problems,
    availability: site.availability,
    manual: { done: manualDone, total: checklist.length },
    findings: {
      confirmed: reviewed.filter((r) => r.status === 'confirmed').length,
      dismissed: reviewed.filter((r) => r.status === 'dismissed').length,
      pending: reviewed.filter((r) => r.status === 'pending').length,
    },
  };
}

/** The snapshot from its inputs: pure and deterministic (the freeze test recomputes it deep-equal). */
export function computeRound(inputs: RoundInputs): RoundSnapshot {
  const catalogue: Catalogue = { ...inputs.catalogue, sources: [] };
  const r = inputs.round;
  return {
    schema: 'govpatrol.round/1',
    id: r.id,
    year: r.year,
    seq: r.seq,
    month: r.month,
    title: r.title,
    catalogue: { id: catalogue.id, name: catalogue.name, basis: catalogue.basis },
    deadline: r.deadline,
    inspectors: r.inspectors,
    publishedAt: r.publishedAt,
    cutoff: r.cutoff,
    sites: inputs.sites.map((s) => siteResult(s, catalogue)),
    accounts: inputs.accounts,
    messages: inputs.messages,
  };
}
