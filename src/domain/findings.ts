// What a check saw, in the words every later stage (rules, report, store, platform) understands.

export type Severity = 'veto' | 'major' | 'minor' | 'info';

/** Stable check ids (design.md). New checks get new ids; an id never changes meaning. */
export type CheckId =
  | 'availability' | 'dead-link' | 'soft-404' | 'stale-homepage' | 'stale-column' | 'empty-column'
  | 'missing-identifier' | 'no-search' | 'no-https' | 'no-ipv6'
  | 'typo' | 'wrong-expression' | 'sensitive-word' | 'privacy-leak'
  | 'hidden-link' | 'seo-spam' | 'malicious-redirect' | 'cloaking' | 'defacement'
  | 'consultation-period' | 'interpretation-missing' | 'oversized-page' | 'tls-chain';

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
