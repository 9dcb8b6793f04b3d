// What the four text checks share: one engine scan per page (cached), grouped one finding per distinct word.
import type { PageFacts } from '../../domain/index.js';
import type { CheckContext } from '../types.js';
import { evidenceOf, getTextEngine, type TextMatch } from '../../text/engine.js';
import { findPrivacy, type PrivacyMatch } from '../../text/privacy.js';
import { bundledCharModel } from '../../text/charmodel.js';
import { findSlips, type Slip } from '../../text/slips.js';

/** The text a check reads: title and visible body text (hidden blocks belong to the hidden-link check). */
export interface TextSource {
  url: string;
  title: string;
  text: string;
  linkedFrom?: string; // set for attachments
}

export type Field = 'title' | 'text';

export interface Grouped<T> {
  first: T;
  field: Field;
  count: number;
}

export type GroupedMatch = Grouped<TextMatch>;

export const MAX_EVIDENCE = 300;

export function pageSource(page: PageFacts): TextSource {
  return { url: page.finalUrl || page.url, title: page.title ?? '', text: page.text ?? '' };
}

/** A statistical typo suspect with the exact text around it. */
export type SlipMatch = Slip & { evidence: string };

interface ScanResult {
  matches?: Array<TextMatch & { field: Field }>;
  privacy?: Array<PrivacyMatch & { field: Field }>;
  slips?: Array<SlipMatch & { field: Field }>;
}

/**
 * Scans each source once per scan even though four checks read it; the dictionary scan and the personal-data
 * scan are separate, so a check that needs only one (privacy-leak on a page whose other results are reused
 * from the previous scan) does not pay for the other.
 */
function scanOnce(source: TextSource, ctx: CheckContext, page: PageFacts | undefined, part: 'matches'): Array<TextMatch & { field: Field }>;
function scanOnce(source: TextSource, ctx: CheckContext, page: PageFacts | undefined, part: 'privacy'): Array<PrivacyMatch & { field: Field }>;
function scanOnce(source: TextSource, ctx: CheckContext, page: PageFacts | undefined, part: 'slips'): Array<SlipMatch & { field: Field }>;
function scanOnce(source: TextSource, ctx: CheckContext, page: PageFacts | undefined, part: keyof ScanResult): unknown[] {
  let cache = ctx.resources.get('text-scan-cache') as WeakMap<object, ScanResult> | undefined;
  if (!cache) {
    cache = new WeakMap();
    ctx.resources.set('text-scan-cache', cache);
  }
  const key = page ?? source;
  let result = cache.get(key);
  if (!result) {
    result = {};
    cache.set(key, result);
  }
  if (part === 'matches') return (result.matches ??= scanFields(source, (value) => getTextEngine(ctx).scan(value)));
  if (part === 'slips') return (result.slips ??= scanFields(source, slipsOf));
  return (result.privacy ??= scanFields(source, (value) => findPrivacy(value, ctx.now)));
}

function slipsOf(value: string): SlipMatch[] {
  return findSlips(value, bundledCharModel()).map((s) => ({ ...s, evidence: evidenceOf(value, s.start, s.end) }));
}

function scanFields<T>(source: TextSource, scan: (value: string) => Iterable<T>): Array<T & { field: Field }> {
  const out: Array<T & { field: Field }> = [];
  for (const field of ['title', 'text'] as const) {
    const value = source[field];
    if (!value) continue;
    for (const m of scan(value)) out.push({ ...m, field });
  }
  return out;
}

/** The matches of one list, one group per distinct word; `keep` drops single occurrences before grouping. */
export function textMatches(source: TextSource, ctx: CheckContext, list: TextMatch['list'], page?: PageFacts, keep?: (m: TextMatch) => boolean): GroupedMatch[] {
  const matches = scanOnce(source, ctx, page, 'matches').filter((m) => m.list === list && (!keep || keep(m)));
  return groupFirst(matches, (m) => `${m.category}\u0000${m.word}`);
}

/** Statistical typo suspects, one group per written → correct pair. A suspect overlapping a typo or wrong
 *  expression the lists know (险恶 inside 扫黑险恶) is the same error, which the list says with certainty. */
export function slipMatches(source: TextSource, ctx: CheckContext, page?: PageFacts): Array<Grouped<SlipMatch>> {
  const listed = scanOnce(source, ctx, page, 'matches').filter((m) => m.list === 'typo' || m.list === 'wrong-expression');
  const unlisted = scanOnce(source, ctx, page, 'slips').filter(
    (s) => !listed.some((m) => m.field === s.field && m.start < s.end && s.start < m.end),
  );
  return groupFirst(unlisted, (s) => `${s.written}\u0000${s.correct}`);
}

export function privacyMatches(source: TextSource, ctx: CheckContext, page?: PageFacts): Array<Grouped<PrivacyMatch>> {
  return groupFirst(scanOnce(source, ctx, page, 'privacy'), (p) => `${p.type}\u0000${p.value}`);
}

/** One group per key: its first occurrence, the field it is in, and how many times it occurs. */
function groupFirst<T>(items: Array<T & { field: Field }>, keyOf: (item: T) => string): Array<Grouped<T>> {
  if (items.length === 0) return [];
  const groups = new Map<string, Grouped<T>>();
  for (const item of items) {
    const key = keyOf(item);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: item, field: item.field, count: 1 });
  }
  return [...groups.values()];
}

export function shorten(s: string, max = MAX_EVIDENCE): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function where(field: Field, source: TextSource): string {
  if (source.linkedFrom) return '附件';
  return field === 'title' ? '页面标题' : '页面';
}
