// The contract between facts and findings. A check is a small pure function; it never fetches,
// never writes, and one check failing never sinks the others (the runner catches and reports it).
import type { PageFacts, SiteFacts } from '../crawl/facts.js';

export type Severity = 'veto' | 'major' | 'minor' | 'info';

/** Stable check ids (design.md). New checks get new ids; an id never changes meaning. */
export type CheckId =
  | 'availability' | 'dead-link' | 'soft-404' | 'stale-homepage' | 'stale-column' | 'empty-column'
  | 'missing-identifier' | 'no-search' | 'no-https' | 'no-ipv6'
  | 'typo' | 'wrong-expression' | 'sensitive-word' | 'privacy-leak'
  | 'hidden-link' | 'seo-spam' | 'malicious-redirect' | 'cloaking' | 'defacement'
  | 'consultation-period' | 'interpretation-missing';

export interface Finding {
  check: CheckId;
  /** Indicator code; filled in by the rules engine from the catalogue (checks leave it ''). */
  indicator: string;
  /** The check's own judgement; the rules engine may raise it to 'veto' per the catalogue. */
  severity: Severity;
  url: string; // page where it was seen (an attachment's own URL for attachment findings)
  target?: string; // linked URL, when there is one
  evidence: string; // exact text or markup, shortened (≤ 300 chars)
  message: string; // 中文说明: what is wrong
  /** Check-specific detail (design.md lists the keys per check). `advice` (中文整改建议) is always set. */
  detail: Record<string, unknown> & { advice: string };
}

/** Shared, read-only resources a check may use (dictionaries, thresholds). Built once per scan. */
export interface CheckContext {
  config: import('../config.js').ScanConfig;
  now: Date;
  rootUrl: string;
  /** Lazily built shared resources, keyed by name (e.g. the text matcher). */
  resources: Map<string, unknown>;
}

export interface PageCheck {
  id: CheckId;
  scope: 'page';
  /** Runs on every fetched HTML page (and on attachment text, see AttachmentFacts). */
  run(page: PageFacts, ctx: CheckContext): Finding[];
}

export interface SiteCheck {
  id: CheckId;
  scope: 'site';
  run(site: SiteFacts, ctx: CheckContext): Finding[];
}

export type Check = PageCheck | SiteCheck;

/** Text pulled out of an attachment (PDF, DOCX, XLS/XLSX); text checks run on it too. */
export interface AttachmentFacts {
  url: string;
  linkedFrom: string;
  kind: 'pdf' | 'docx' | 'xlsx' | 'xls' | 'other';
  text: string; // bounded
  truncated: boolean;
  error?: string;
}
