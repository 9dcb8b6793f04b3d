// A monthly inspection round (常态检查) as it is published: the frozen snapshot that the 通报, the
// dashboards and any recomputation read. Produced by src/workflows/rounds, consumed by src/report.
// A figure the platform does not hold is null ("not held"), never 0.
import type { IndicatorKind } from './report.js';

export type RoundStatus = 'open' | 'published';
export type SiteVerdict = 'qualified' | 'unqualified' | 'incomplete';

/** The 站点无法访问 probe window: a rolling week of availability probes ending at the round's cut-off. */
export interface AvailabilityWindow {
  from: string; // ISO
  to: string; // ISO
  probes: number;
  failed: number;
  /** failed / probes, or null when there were no probes. */
  share: number | null;
  /** True once the window holds a full week of probes; until then the veto is "data incomplete". */
  complete: boolean;
  /** Whether the veto fires (share ≥ threshold); null while incomplete. */
  vetoed: boolean | null;
}

/** One problem as the 附件 lists it: every field a reader needs to find and fix it. */
export interface RoundProblem {
  indicator: string;
  indicatorName: string;
  kind: IndicatorKind;
  check: string;
  url: string;
  evidence: string;
  message: string;
  advice: string;
  /** 'machine' (a confirmed finding) or 'manual' (an inspector's item). */
  source: 'machine' | 'manual';
  /**
   * A machine finding's identity across scans (findingFingerprint: check + url + target + evidence), so a
   * rectification task can follow it; absent for manual items and the probe window's availability veto.
   */
  fingerprint?: string;
}

export interface RoundIndicator {
  code: string;
  name: string;
  kind: IndicatorKind;
  triggered: boolean;
  points: number;
}

export interface RoundSiteResult {
  websiteId: number;
  name: string;
  url: string;
  unitId: number;
  unitName: string;
  kind: 'portal' | 'department';
  scanId: number | null;
  scannedAt: string | null;
  verdict: SiteVerdict;
  /** null when incomplete. */
  score: number | null;
  /** Names of the vetoes that fired (单项否决). */
  vetoes: string[];
  /** Why the verdict is incomplete (no scan, probe week not complete, manual items open…). */
  incompleteReasons: string[];
  indicators: RoundIndicator[];
  problems: RoundProblem[];
  availability: AvailabilityWindow;
  manual: { done: number; total: number };
  findings: { confirmed: number; dismissed: number; pending: number };
}

/** 「我为政府网站找错」 statistics for the round's month (§6), per unit and in total. */
export interface MessageStats {
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  open: number;
  byUnit: Array<{ unitId: number; unitName: string; received: number; answeredOnTime: number; overdue: number }>;
}

export interface RoundSnapshot {
  schema: 'govpatrol.round/1';
  id: number;
  year: number;
  /** The N in 「YYYY年第N次常态检查」, numbered per year. */
  seq: number;
  /** The month inspected, YYYY-MM (Asia/Shanghai). */
  month: string;
  title: string;
  catalogue: { id: string; name: string; basis: string };
  deadline: string | null;
  inspectors: string[];
  publishedAt: string | null;
  /** The probe window's end and the scans' cut-off (ISO). */
  cutoff: string;
  sites: RoundSiteResult[];
  /** New-media accounts: null until the platform holds account checks (never shown as zero). */
  accounts: null | { total: number; checked: number; qualified: number; unqualified: number };
  /** null when the platform held no 找错 data for the month. */
  messages: MessageStats | null;
}
