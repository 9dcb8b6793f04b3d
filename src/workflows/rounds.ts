// Monthly inspection rounds (常态检查, issue 10 item 2): a supervisor opens the year's N-th round, the round takes
// each site's latest finished full scan (or starts a fresh one) and the probe week before its cut-off,
// inspectors confirm or dismiss machine findings and work through the person-judged checklist, the rules
// engine gives each site its verdict (round-verdict.ts), and the supervisor publishes: the snapshot and the
// inputs it came from are frozen together, so a published round never changes and recomputes identically.
import type { Kysely } from 'kysely';
import type { MessageStats, RoundSnapshot } from '../domain/round.js';
import type { Database } from '../store/types.js';
import type { Actor, UnitScope } from '../store/scope.js';
import * as store from '../store/rounds.js';
import { getSettings } from '../store/settings.js';
import { invalid, notFound } from '../store/errors.js';
import { loadCatalogue, type Catalogue, type CatalogueData } from '../rules/index.js';
import { availabilityWindows } from './availability.js';
import { messageStats } from './messages.js';
import { checklistOf, computeRound, reviewedFindings, type ReviewedFinding, type RoundInputs, type SiteInputs } from './round-verdict.js';

export { computeRound, checklistOf, type RoundInputs } from './round-verdict.js';

type Db = Kysely<Database>;
export const BASE_CATALOGUE = 'national-2019';

/** The part of the job queue a round needs (app.platform.jobs). */
export interface ScanStarter {
  enqueueScan(websiteId: number, opts: { actor: Actor; trigger: 'manual' | 'schedule' | 'import' | 'demo' }): Promise<{ id: number }>;
}

// ---------- dates ----------

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight opening a calendar day in Asia/Shanghai, as an ISO instant. */
export function shanghaiMidnight(ymd: string): string {
  const t = Date.parse(`${ymd}T00:00:00+08:00`);
  if (!YMD.test(ymd) || Number.isNaN(t)) throw invalid(`日期格式应为 YYYY-MM-DD：${ymd}`);
  return new Date(t).toISOString();
}

function todayInShanghai(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---------- opening ----------

/** The number and title the next round gets (numbered per year), for the month given or this month. */
export async function nextRoundTitle(db: Db, month?: string, now = new Date()): Promise<{ year: number; seq: number; title: string }> {
  const year = Number((month ?? todayInShanghai(now)).slice(0, 4));
  const seq = await store.nextSeq(db, year);
  return { year, seq, title: store.roundTitle(year, seq) };
}

export interface OpenRoundInput {
  month: string; // YYYY-MM
  deadline?: string | null; // YYYY-MM-DD
  inspectors: number[];
  /** The probe window's end and the scans' cut-off, a date (its Shanghai midnight); default: today's. */
  cutoff?: string;
  /** Start a fresh full scan of every site instead of taking its latest finished one. */
  freshScans?: boolean;
}

/**
 * Opens the year's next round: every website, its latest finished full scan before the cut-off (or a fresh
 * scan through the job queue when it has none, or when asked), and the catalogue with today's overlays.
 */
export async function openRound(db: Db, jobs: ScanStarter | undefined, scope: UnitScope, input: OpenRoundInput, now = new Date()): Promise<store.Round> {
  if (!MONTH.test(input.month)) throw invalid('检查月份格式应为 YYYY-MM');
  if (input.deadline != null && !YMD.test(input.deadline)) throw invalid('截止日期格式应为 YYYY-MM-DD');
  const cutoff = shanghaiMidnight(input.cutoff ?? todayInShanghai(now));
  const settings = await getSettings(db);
  loadCatalogue(BASE_CATALOGUE, settings.overlays); // refuse a round whose catalogue cannot load, before writing it
  const { round, sites } = await store.createRound(db, scope, {
    month: input.month,
    deadline: input.deadline ?? null,
    inspectors: [...new Set(input.inspectors)],
    catalogue: BASE_CATALOGUE,
    overlays: settings.overlays,
    cutoff,
  });
  const latest = input.freshScans ? new Map<number, store.ScanRef>() : await store.latestFinishedScans(db, sites.map((s) => s.websiteId), now.toISOString());
  for (const site of sites) {
    const scan = latest.get(site.websiteId);
    if (scan) await store.attachScan(db, scope, site.id, { scanId: scan.id });
    else if (jobs) await store.attachScan(db, scope, site.id, { jobId: (await jobs.enqueueScan(site.websiteId, { actor: scope.actor, trigger: 'manual' })).id });
  }
  return round;
}

// ---------- the inputs a round is computed from ----------

function catalogueOf(round: store.Round): CatalogueData {
  const { sources: _s, ...data } = loadCatalogue(round.catalogue, round.overlays);
  return data;
}

/** The scan each site is judged on: the attached one, else the one its fresh job produced. */
async function resolveScans(db: Db, rows: store.RoundSiteRow[]): Promise<Map<number, { scan: store.ScanRef | null; running: boolean }>> {
  const jobs = await store.jobOutcomes(db, rows.filter((r) => r.scanId == null && r.jobId != null).map((r) => r.jobId!));
  const scanIds = rows.map((r) => r.scanId ?? (r.jobId != null ? (jobs.get(r.jobId)?.scanId ?? null) : null)).filter((x): x is number => x != null);
  const scans = await store.scanRefs(db, scanIds);
  const out = new Map<number, { scan: store.ScanRef | null; running: boolean }>();
  for (const r of rows) {
    const job = r.jobId != null ? jobs.get(r.jobId) : undefined;
    const id = r.scanId ?? job?.scanId ?? null;
    out.set(r.websiteId, { scan: id != null ? (scans.get(id) ?? null) : null, running: r.scanId == null && (job?.status === 'queued' || job?.status === 'running') });
  }
  return out;
}

/** 「找错」 statistics for the round's month as of now (null: the platform holds none), narrowed to the caller's units. */
function messagesFor(db: Db, scope: UnitScope, month: string, now: Date): Promise<MessageStats | null> {
  return messageStats(db, month, now, scope.unitIds);
}

async function liveInputs(db: Db, scope: UnitScope, round: store.Round, rows: store.RoundSiteRow[], now = new Date()): Promise<RoundInputs> {
  const websiteIds = rows.map((r) => r.websiteId);
  const [scans, windows, reviews, remembered, manual, inspectors, messages] = await Promise.all([
    resolveScans(db, rows),
    availabilityWindows(db, websiteIds, new Date(round.cutoff)),
    store.listReviews(db, scope, round.id),
    store.listDismissals(db, scope, websiteIds),
    store.listManualResults(db, scope, round.id),
    store.userNames(db, round.inspectors),
    messagesFor(db, scope, round.month, now),
  ]);
  const findings = await store.findingsOfScans(db, [...scans.values()].map((s) => s.scan?.id).filter((x): x is number => x != null));
  const sites: SiteInputs[] = rows.map((r) => {
    const { scan, running } = scans.get(r.websiteId)!;
    return {
      websiteId: r.websiteId,
      name: r.name,
      url: r.url,
      unitId: r.unitId,
      unitName: r.unitName,
      kind: r.kind,
      scan: scan ? { id: scan.id, finishedAt: scan.finishedAt } : null,
      scanRunning: running,
      findings: scan ? (findings.get(scan.id) ?? []) : [],
      reviews: reviews.filter((x) => x.websiteId === r.websiteId).map(({ websiteId: _w, ...x }) => x),
      remembered: remembered.filter((x) => x.websiteId === r.websiteId).map((x) => ({ fingerprint: x.fingerprint, reason: x.reason, roundId: x.roundId, by: x.by, at: x.at })),
      manual: manual.filter((x) => x.websiteId === r.websiteId).map(({ websiteId: _w, ...x }) => x),
      availability: windows.get(r.websiteId)!,
    };
  });
  return {
    schema: 'govpatrol.round-inputs/1',
    round: { id: round.id, year: round.year, seq: round.seq, month: round.month, title: round.title, deadline: round.deadline, inspectors, cutoff: round.cutoff, publishedAt: round.publishedAt },
    catalogue: catalogueOf(round),
    sites,
    messages,
    accounts: null,
  };
}

/** A frozen round's inputs and snapshot, narrowed to the sites the caller may see. */
async function frozen(db: Db, scope: UnitScope, roundId: number): Promise<{ inputs: RoundInputs; snapshot: RoundSnapshot }> {
  const f = await store.frozenRound(db, scope, roundId);
  if (!f) throw notFound('检查轮次');
  const inputs = f.inputs as RoundInputs;
  const snapshot = f.snapshot as RoundSnapshot;
  if (scope.all) return { inputs, snapshot };
  return { inputs: { ...inputs, sites: inputs.sites.filter((s) => scope.canSee(s.unitId)) }, snapshot: narrowSnapshot(scope, snapshot) };
}

function narrowSnapshot(scope: UnitScope, snapshot: RoundSnapshot): RoundSnapshot {
  if (scope.all) return snapshot;
  const sites = snapshot.sites.filter((s) => scope.canSee(s.unitId));
  const messages = snapshot.messages && { ...snapshot.messages, byUnit: snapshot.messages.byUnit.filter((u) => scope.canSee(u.unitId)) };
  return { ...snapshot, sites, messages };
}

/** The round's inputs as they stand (open) or as frozen (published). */
export async function getRoundInputs(db: Db, scope: UnitScope, roundId: number): Promise<RoundInputs> {
  const round = await store.getRound(db, scope, roundId);
  if (round.status === 'published') return (await frozen(db, scope, roundId)).inputs;
  return liveInputs(db, scope, round, await store.listRoundSites(db, scope, roundId));
}

/** The round as the 通报 and dashboards read it: live while open, the frozen JSON once published. */
export async function getRoundSnapshot(db: Db, scope: UnitScope, roundId: number): Promise<RoundSnapshot> {
  const round = await store.getRound(db, scope, roundId);
  if (round.status === 'published') {
    const snapshot = (await store.frozenSnapshot(db, scope, roundId)) as RoundSnapshot | undefined;
    if (!snapshot) throw notFound('检查轮次');
    return narrowSnapshot(scope, snapshot);
  }
  return computeRound(await liveInputs(db, scope, round, await store.listRoundSites(db, scope, roundId)));
}

/** Recomputes a published round from its own stored inputs (the reproducibility check). */
export async function recomputePublished(db: Db, scope: UnitScope, roundId: number): Promise<{ stored: RoundSnapshot; recomputed: RoundSnapshot }> {
  const round = await store.getRound(db, scope, roundId);
  if (round.status !== 'published') throw invalid('只有已发布的检查轮次可以复算');
  const { inputs, snapshot } = await frozen(db, scope, roundId);
  const recomputed = computeRound(inputs);
  return { stored: snapshot, recomputed: scope.all ? recomputed : { ...recomputed, messages: snapshot.messages } };
}

// ---------- one site: the inspector's page ----------

export interface ChecklistItem {
  indicator: string;
  name: string;
  kind: 'veto' | 'deduction' | 'bonus';
  judgedBy: 'machine' | 'person' | 'both';
  points: number;
  basis: string;
  advice: string;
  result: 'pass' | 'fail' | 'na' | null;
  note: string;
  deducted: number | null;
  by: string | null;
  at: string | null;
  evidence: store.EvidenceMeta[];
}

export interface RoundSiteView {
  roundSiteId: number;
  round: { id: number; title: string; status: 'open' | 'published' };
  site: RoundSnapshot['sites'][number];
  findings: Array<Omit<ReviewedFinding, 'finding'> & { finding: ReviewedFinding['finding'] & { indicatorName: string } }>;
  checklist: ChecklistItem[];
}

/** A site of a round with its findings (each with its standing), its checklist and its result. */
export async function getRoundSite(db: Db, scope: UnitScope, roundSiteId: number): Promise<RoundSiteView> {
  const row = await store.getRoundSite(db, scope, roundSiteId);
  const round = await store.getRound(db, scope, row.roundId);
  const inputs = round.status === 'published' ? (await frozen(db, scope, round.id)).inputs : await liveInputs(db, scope, round, [row]);
  const siteInputs = inputs.sites.find((s) => s.websiteId === row.websiteId);
  if (!siteInputs) throw notFound('检查网站');
  const snapshot = computeRound({ ...inputs, sites: [siteInputs] });
  const catalogue = inputs.catalogue;
  const names = new Map(catalogue.indicators.map((i) => [i.code, i.name]));
  const evidence = await store.listEvidence(db, scope, round.id, row.websiteId);
  return {
    roundSiteId,
    round: { id: round.id, title: round.title, status: round.status },
    site: snapshot.sites[0]!,
    findings: reviewedFindings(siteInputs).map((r) => ({ ...r, finding: { ...r.finding, indicatorName: names.get(r.finding.indicator) ?? '提示（不计分）' } })),
    checklist: checklistOf(catalogue).map((ind) => {
      const m = siteInputs.manual.find((x) => x.indicator === ind.code);
      return {
        indicator: ind.code, name: ind.name, kind: ind.kind, judgedBy: ind.judgedBy, points: ind.points, basis: ind.basis, advice: ind.advice,
        result: m?.result ?? null, note: m?.note ?? '', deducted: m?.points ?? null, by: m?.by ?? null, at: m?.at ?? null,
        evidence: evidence.filter((e) => e.indicator === ind.code),
      };
    }),
  };
}

// ---------- inspectors' work ----------

/** Confirms or dismisses findings of a site's scan, named by fingerprint (each must be one of the scan's). */
export async function reviewSiteFindings(
  db: Db,
  scope: UnitScope,
  roundSiteId: number,
  input: { fingerprints: string[]; decision: 'confirmed' | 'dismissed'; reason: string },
): Promise<store.Review[]> {
  const row = await store.getRoundSite(db, scope, roundSiteId);
  store.assertOpen(await store.getRound(db, scope, row.roundId));
  const [{ scan }] = [...(await resolveScans(db, [row])).values()];
  if (!scan) throw invalid('该网站在本轮检查中还没有扫描结果，无法确认或排除问题');
  const findings = (await store.findingsOfScans(db, [scan.id])).get(scan.id) ?? [];
  const byFingerprint = new Map(findings.map((f) => [f.fingerprint, f]));
  const items = [...new Set(input.fingerprints)].map((fp) => {
    const f = byFingerprint.get(fp);
    if (!f) throw invalid('所选问题不属于该网站本轮使用的扫描结果');
    return { fingerprint: fp, check: f.check, evidence: f.evidence };
  });
  return store.reviewFindings(db, scope, { roundId: row.roundId, websiteId: row.websiteId, decision: input.decision, reason: input.reason, items });
}

async function checklistIndicator(db: Db, scope: UnitScope, row: store.RoundSiteRow, code: string): Promise<Catalogue['indicators'][number]> {
  const round = await store.getRound(db, scope, row.roundId);
  store.assertOpen(round);
  const ind = checklistOf(catalogueOf(round)).find((i) => i.code === code);
  if (!ind) throw invalid(`「${code}」不是本轮的人工检查项`);
  return ind;
}

export async function setSiteManualResult(
  db: Db,
  scope: UnitScope,
  roundSiteId: number,
  input: { indicator: string; result: 'pass' | 'fail' | 'na'; note: string; points?: number | null },
): Promise<store.ManualResult> {
  const row = await store.getRoundSite(db, scope, roundSiteId);
  const ind = await checklistIndicator(db, scope, row, input.indicator);
  if (input.points != null && (ind.kind !== 'deduction' || input.points < 0 || input.points > ind.points)) {
    throw invalid(ind.kind === 'deduction' ? `扣分应在 0 到 ${ind.points} 分之间` : '单项否决指标不设扣分');
  }
  return store.setManualResult(db, scope, { roundId: row.roundId, websiteId: row.websiteId, indicator: ind.code, result: input.result, note: input.note, points: input.points ?? null });
}

export async function addSiteEvidence(db: Db, scope: UnitScope, roundSiteId: number, input: { indicator: string; filename: string; data: Buffer }): Promise<store.EvidenceMeta> {
  const row = await store.getRoundSite(db, scope, roundSiteId);
  const ind = await checklistIndicator(db, scope, row, input.indicator);
  return store.addEvidence(db, scope, { roundId: row.roundId, websiteId: row.websiteId, indicator: ind.code, filename: input.filename, data: input.data });
}

// ---------- approve and publish ----------

/** Freezes the round: the snapshot and the very inputs it was computed from are stored together. */
export async function publishRound(db: Db, scope: UnitScope, roundId: number, now = new Date()): Promise<RoundSnapshot> {
  if (!scope.all) throw notFound('检查轮次');
  const round = await store.getRound(db, scope, roundId);
  store.assertOpen(round);
  const publishedAt = now.toISOString();
  const live = await liveInputs(db, scope, round, await store.listRoundSites(db, scope, roundId), now);
  const inputs: RoundInputs = { ...live, round: { ...live.round, publishedAt } };
  const snapshot = computeRound(inputs);
  await store.publishRound(db, scope, roundId, { snapshot, inputs, publishedAt, scans: inputs.sites.map((s) => ({ websiteId: s.websiteId, scanId: s.scan?.id ?? null })) });
  return snapshot;
}

// ---------- the list ----------

export interface RoundSummary extends store.Round {
  sites: number;
  qualified: number;
  unqualified: number;
  incomplete: number;
  manual: { done: number; total: number };
}

export function summarise(round: store.Round, snapshot: RoundSnapshot): RoundSummary {
  const count = (v: string) => snapshot.sites.filter((s) => s.verdict === v).length;
  return {
    ...round,
    sites: snapshot.sites.length,
    qualified: count('qualified'),
    unqualified: count('unqualified'),
    incomplete: count('incomplete'),
    manual: snapshot.sites.reduce((a, s) => ({ done: a.done + s.manual.done, total: a.total + s.manual.total }), { done: 0, total: 0 }),
  };
}

export async function listRoundSummaries(db: Db, scope: UnitScope, p: { page: number; pageSize: number; year?: number }): Promise<{ items: RoundSummary[]; total: number }> {
  const { items, total } = await store.listRounds(db, scope, p);
  const out: RoundSummary[] = [];
  for (const round of items) out.push(summarise(round, await getRoundSnapshot(db, scope, round.id)));
  return { items: out, total };
}
