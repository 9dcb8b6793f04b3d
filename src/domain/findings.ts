// What a check saw, in the words every later stage (rules, report, store, platform) understands.
// A check reports a CheckFinding: what it saw, with `detail` typed per check id. Only the rules turn it into
// a Finding, adding the indicator it counts under and its severity (veto, major, minor, info).
import type { ColumnEmptiness, ColumnType, FetchOutcome, LinkPlace, LinkTag, OversizedPage, TlsChainFact } from './facts.js';

export type Severity = 'veto' | 'major' | 'minor' | 'info';

/** Keys every finding's detail carries: the advice (中文整改建议), and for attachments the linking page. */
export interface CommonDetail {
  advice: string;
  /** Set when the finding is inside an attachment: the page that links it (`url` is the attachment's). */
  linkedFrom?: string;
}

/** The five marks a government page must show (missing-identifier). */
export type IdentifierWhich = 'dangzheng' | 'site-id-code' | 'icp' | 'police' | 'jiucuo';
/** Where a text check found its match. */
export type TextField = 'title' | 'text';

/**
 * The detail each check reports, by check id (design.md, "Check ids"). The catalogue's matchers read these
 * fields (`detail.type`, `detail.location` …), so a field here is part of the rules contract: rename one only
 * together with the catalogue data.
 */
export interface CheckDetails {
  availability: { status: number; ms: number; outcome: FetchOutcome; failed: number; attempts: number; thresholdMs: number; unreachable: boolean };
  'dead-link': {
    location: 'home' | 'page'; internal: boolean; status: number; outcome: FetchOutcome; reason: string; tag: LinkTag; place: LinkPlace;
    seenCount: number; error?: string;
  };
  'soft-404': { status: number; finalUrl: string; title: string; bytes: number };
  'stale-homepage': { days: number | null; newest: string | null; limitDays: number };
  'stale-column': {
    column: string; type: ColumnType; level: 1 | 2; limitDays: number; itemCount: number; days: number | null; newest: string | null;
    /** 'typed': judged by its column type's limit; 'long': an 'other' column that should update (长期未更新). */
    update: 'typed' | 'long'; category?: string; limitUnverified?: boolean;
  };
  'empty-column': { column: string; type: ColumnType; level: 1 | 2; shape?: ColumnEmptiness['shape']; linkedFrom?: ColumnEmptiness['linkedFrom'] };
  'missing-identifier': { which: IdentifierWhich; name: string; isHome: boolean };
  'no-search': Record<string, never>;
  'no-https': { outcome: FetchOutcome; status: number; reason: string };
  'no-ipv6': { aaaa: string[]; connected: boolean; outcome?: FetchOutcome };
  /** method: 'list' (a dictionary entry) or 'statistical' (a suspect of the character model, with its 0–1
   *  confidence; 'statistical-confirmed' once an inspector confirmed it in a round). */
  typo: { found: string; correct?: string; count: number; field: TextField; method?: 'list' | 'statistical' | 'statistical-confirmed'; confidence?: number };
  'wrong-expression': { found: string; correct?: string; category: string; since?: number; count: number; field: TextField };
  'sensitive-word': { list: string; listName: string; word: string; found: string; count: number; field: TextField };
  'privacy-leak': { type: string; masked: string; field: TextField; start: number; end: number; count: number };
  'hidden-link': { reason: string; links: string[]; spamWords: string[]; spam: boolean; via?: 'script-injected' };
  'seo-spam': {
    where: 'title' | 'keywords' | 'description' | 'body'; words: string[]; families?: string[]; segments?: string[];
    method: 'structure' | 'lexicon'; spam: true;
  };
  'malicious-redirect':
    | { via: 'script'; condition: 'referrer' | 'spider' | 'plain'; obfuscated: boolean; targets: string[]; spam: true }
    | { via: 'meta-refresh'; spam: boolean }
    | { via: 'external-script'; loader: true }
    | { via: 'browser'; as: string; onlyFromSearchEngine: boolean; spam: boolean; screenshot?: string };
  cloaking: {
    as: string; differs: Array<'title' | 'links' | 'redirect' | 'text'>; spamWords: string[]; similarity: number; spam: boolean;
    extraHosts: string[];
  };
  defacement: { newScripts: string[]; newIframes: string[]; similarity: number; baselineScanId: string; spam: boolean; spamWords: string[] };
  'consultation-period': { days: number; from: string; to: string; minDays: number; column: string };
  'interpretation-missing':
    | { kind: 'policy-without-interpretation'; column: string }
    | { kind: 'interpretation-without-labels'; missing: string[]; column: string };
  /** Body past the size cap after decompression, never ending, or still arriving at the time limit. */
  'oversized-page': Pick<OversizedPage, 'reason' | 'bytes' | 'wireBytes' | 'ratio' | 'ms' | 'status' | 'capBytes' | 'timeLimitMs'> & {
    location: 'home' | 'page';
    finalUrl?: string;
  };
  /** A certificate chain sent incomplete (browsers repair it through AIA; many clients fail). */
  'tls-chain': Pick<TlsChainFact, 'missingIssuer' | 'subject' | 'repaired' | 'aiaUrl' | 'error'>;
  /**
   * An inspector's failed checklist item in a round (a person-judged indicator): it counts under exactly the
   * indicator it names; `points` is what a deduction indicator loses (its full value when absent).
   */
  manual: { indicator: string; points?: number; note: string; inspector: string };
}

/** Stable check ids (design.md). New checks get new ids; an id never changes meaning. */
export type CheckId = keyof CheckDetails;

/** Every check id, for validating catalogues, overlays and configuration. */
export const CHECK_IDS = [
  'availability', 'dead-link', 'soft-404', 'stale-homepage', 'stale-column', 'empty-column',
  'missing-identifier', 'no-search', 'no-https', 'no-ipv6',
  'typo', 'wrong-expression', 'sensitive-word', 'privacy-leak',
  'hidden-link', 'seo-spam', 'malicious-redirect', 'cloaking', 'defacement',
  'consultation-period', 'interpretation-missing', 'oversized-page', 'tls-chain', 'manual',
] as const satisfies readonly CheckId[];
// Compile-time proof that CHECK_IDS lists every key of CheckDetails.
const everyIdListed: Exclude<CheckId, (typeof CHECK_IDS)[number]> extends never ? true : never = true;
void everyIdListed;

export function isCheckId(s: string): s is CheckId {
  return (CHECK_IDS as readonly string[]).includes(s);
}

/** The detail of one check's finding: its own fields plus the common ones. */
export type DetailOf<C extends CheckId> = CheckDetails[C] & CommonDetail;

interface ObservedBy<C extends CheckId> {
  check: C;
  url: string; // page where it was seen (an attachment's own URL for attachment findings)
  target?: string; // linked URL, when there is one
  evidence: string; // exact text or markup, shortened (≤ 300 chars)
  message: string; // 中文说明: what is wrong
  detail: DetailOf<C>;
}

/** What a check saw: no severity, no indicator (the rules assign both). Discriminated by `check`. */
export type CheckFinding<C extends CheckId = CheckId> = { [K in C]: ObservedBy<K> }[C];

/** A finding as the rules judged it: the indicator it counts under and its severity. The report's finding. */
export type Finding<C extends CheckId = CheckId> = CheckFinding<C> & {
  /** Indicator code from the catalogue, or 'info' when no indicator claims the finding. */
  indicator: string;
  severity: Severity;
};
