// A report's coverage of checks: which ran, which were skipped (and why), which failed. The server may send
// { ran: [...], skipped: [...], failed: [...] }, a record keyed by check id, or a list of { check, status };
// each becomes rows of { check, status, reason }.
export type CoverageStatus = 'ran' | 'skipped' | 'failed';
export interface CoverageRow { check: string; status: CoverageStatus; reason: string }

const STATUSES: CoverageStatus[] = ['ran', 'skipped', 'failed'];

function asStatus(s: unknown): CoverageStatus | null {
  const v = String(s ?? '').toLowerCase();
  if (v === 'ran' || v === 'ok' || v === 'run' || v === 'done') return 'ran';
  // 'partial': part of the check did not run (e.g. its browser half); the reason says which part.
  if (v === 'skipped' || v === 'skip' || v === 'partial') return 'skipped';
  if (v === 'failed' || v === 'error' || v === 'fail') return 'failed';
  return null;
}

function reasonOf(x: Record<string, unknown>): string {
  const r = x.reason ?? x.error ?? x.message ?? x.note ?? '';
  return typeof r === 'string' ? r : JSON.stringify(r);
}

function entry(x: unknown, status: CoverageStatus | null): CoverageRow | null {
  if (typeof x === 'string') return status ? { check: x, status, reason: '' } : null;
  if (!x || typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  const check = String(o.check ?? o.id ?? o.name ?? '');
  const s = status ?? asStatus(o.status ?? o.state);
  return check && s ? { check, status: s, reason: reasonOf(o) } : null;
}

export function normaliseCoverage(coverage: unknown): CoverageRow[] {
  if (!coverage) return [];
  const rows: CoverageRow[] = [];
  const push = (r: CoverageRow | null) => r && rows.push(r);
  if (Array.isArray(coverage)) {
    coverage.forEach((x) => push(entry(x, null)));
    return rows;
  }
  if (typeof coverage !== 'object') return rows;
  const o = coverage as Record<string, unknown>;
  // The scan report's own form (govpatrol.scan/1 `coverage`): { complete, checks: { <id>: {...} }, crawlNotes, … }.
  if (o.checks && typeof o.checks === 'object' && !Array.isArray(o.checks)) return normaliseCoverage(o.checks);
  const grouped = STATUSES.some((s) => Array.isArray(o[s]));
  if (grouped) {
    for (const s of STATUSES) if (Array.isArray(o[s])) (o[s] as unknown[]).forEach((x) => push(entry(x, s)));
    return rows;
  }
  for (const [check, v] of Object.entries(o)) {
    if (typeof v === 'string') push({ check, status: asStatus(v) ?? 'ran', reason: '' });
    else if (v && typeof v === 'object') push(entry({ check, ...(v as object) }, null));
  }
  return rows;
}
