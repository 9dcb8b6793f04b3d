// Conversions between API objects and stored rows. Scanned content is hostile: text is bounded and
// NUL characters are dropped (PostgreSQL TEXT rejects them; SQLite would keep them, so both drop them
// and the two backends return the same thing).
import { createHash } from 'node:crypto';
import type { Finding } from '../domain/index.js';
import type { Baseline, BrokenLink } from '../domain/index.js';
import type { BaselinesTable, BrokenLinksTable, FindingsTable, PageRow, PagesTable } from './types.js';
import type { Insertable, Selectable } from 'kysely';

/** Per-field caps, far above what the contracts promise (evidence ≤ 300 chars) so honest data is untouched. */
export const LIMITS = {
  url: 16_384,
  short: 4_096, // titles, names, messages, outcomes
  evidence: 65_536,
  json: 1_048_576,
  baselineText: 1_048_576,
} as const;

export function cleanText(value: unknown, max: number): string {
  let s = typeof value === 'string' ? value : value == null ? '' : String(value);
  if (s.includes('\u0000')) s = s.replaceAll('\u0000', '');
  return s.length > max ? s.slice(0, max) : s;
}

function cleanOptional(value: unknown, max: number): string | null {
  return value == null ? null : cleanText(value, max);
}

/** JSON text; an oversized value is replaced by a marker rather than cut into invalid JSON. */
export function toJson(value: unknown, fallback: unknown = null): string {
  const text = JSON.stringify(value ?? null) ?? 'null';
  return text.length > LIMITS.json ? JSON.stringify(fallback) : text;
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function finiteNumber(n: unknown): number {
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

export function findingFingerprint(f: Pick<Finding, 'check' | 'url' | 'target' | 'evidence'>): string {
  return createHash('sha256')
    .update(JSON.stringify([f.check, f.url, f.target ?? '', f.evidence]))
    .digest('hex');
}

export function pageToRow(scanId: number, p: PageRow): Insertable<PagesTable> {
  return {
    scanId: scanId,
    url: cleanText(p.url, LIMITS.url),
    status: Math.trunc(finiteNumber(p.status)),
    outcome: cleanText(p.outcome, LIMITS.short),
    ms: finiteNumber(p.ms),
    bytes: Math.trunc(finiteNumber(p.bytes)),
    title: cleanText(p.title, LIMITS.short),
    kind: cleanText(p.kind, LIMITS.short),
    pubDate: cleanOptional(p.pubDate, LIMITS.short),
    columnName: cleanOptional(p.columnName, LIMITS.short),
    depth: Math.trunc(finiteNumber(p.depth)),
  };
}

export function rowToPage(r: Selectable<PagesTable>): PageRow {
  const page: PageRow = {
    url: r.url, status: r.status, outcome: r.outcome, ms: r.ms, bytes: r.bytes, title: r.title, kind: r.kind, depth: r.depth,
  };
  if (r.pubDate != null) page.pubDate = r.pubDate;
  if (r.columnName != null) page.columnName = r.columnName;
  return page;
}

export function brokenLinkToRow(scanId: number, l: BrokenLink): Insertable<BrokenLinksTable> {
  return {
    scanId: scanId,
    target: cleanText(l.target, LIMITS.url),
    outcome: cleanText(l.outcome, LIMITS.short),
    status: Math.trunc(finiteNumber(l.status)),
    internal: l.internal ? 1 : 0,
    error: cleanOptional(l.error, LIMITS.short),
    seenCount: Math.trunc(finiteNumber(l.seenCount)),
    seenOn: toJson(l.seenOn ?? [], []),
  };
}

export function rowToBrokenLink(r: Selectable<BrokenLinksTable>): BrokenLink {
  const link: BrokenLink = {
    target: r.target,
    outcome: r.outcome as BrokenLink['outcome'],
    status: r.status,
    internal: r.internal === 1,
    seenOn: fromJson(r.seenOn, []),
    seenCount: r.seenCount,
  };
  if (r.error != null) link.error = r.error;
  return link;
}

export function findingToRow(scanId: number, f: Finding): Insertable<FindingsTable> {
  const clean = {
    check: cleanText(f.check, LIMITS.short) as Finding['check'],
    url: cleanText(f.url, LIMITS.url),
    target: f.target == null ? undefined : cleanText(f.target, LIMITS.url),
    evidence: cleanText(f.evidence, LIMITS.evidence),
  };
  return {
    scanId: scanId,
    checkId: clean.check,
    indicator: cleanText(f.indicator, LIMITS.short),
    severity: cleanText(f.severity, LIMITS.short),
    url: clean.url,
    target: clean.target ?? null,
    evidence: clean.evidence,
    message: cleanText(f.message, LIMITS.short),
    detail: toJson(f.detail ?? {}, { advice: f.detail?.advice ?? '', truncated: true }),
    fingerprint: findingFingerprint(clean),
  };
}

export function rowToFinding(r: Pick<Selectable<FindingsTable>, 'checkId' | 'indicator' | 'severity' | 'url' | 'target' | 'evidence' | 'message' | 'detail'>): Finding {
  // A stored row was a Finding when written; its detail comes back as plain JSON, typed by its check id.
  const finding = {
    check: r.checkId as Finding['check'],
    indicator: r.indicator,
    severity: r.severity as Finding['severity'],
    url: r.url,
    evidence: r.evidence,
    message: r.message,
    detail: fromJson(r.detail, { advice: '' }),
  } as Finding;
  if (r.target != null) finding.target = r.target;
  return finding;
}

export function baselineToRow(siteId: number, scanId: number, b: Baseline): Insertable<BaselinesTable> {
  return {
    siteId: siteId,
    scanId: scanId,
    url: cleanText(b.url, LIMITS.url),
    takenAt: cleanText(b.takenAt, LIMITS.short),
    title: cleanText(b.title, LIMITS.short),
    bodyText: cleanText(b.text, LIMITS.baselineText),
    scriptSrcs: toJson(b.scriptSrcs ?? [], []),
    iframeSrcs: toJson(b.iframeSrcs ?? [], []),
  };
}

export function rowToBaseline(r: Selectable<BaselinesTable>): Baseline {
  return {
    url: r.url,
    scanId: String(r.scanId),
    takenAt: r.takenAt,
    title: r.title,
    text: r.bodyText,
    scriptSrcs: fromJson(r.scriptSrcs, []),
    iframeSrcs: fromJson(r.iframeSrcs, []),
  };
}

/** Splits rows so one INSERT stays well under SQLite's (32 766) and PostgreSQL's (65 535) parameter limits. */
export function chunks<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
