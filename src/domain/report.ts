// The scan report contract, `govpatrol.scan/1` (design.md). Tests, scripts and users depend on it:
// change it only on purpose.
import type { Finding } from './findings.js';

export type IndicatorKind = 'veto' | 'deduction' | 'bonus';

export interface IndicatorResult {
  code: string;
  name: string;
  kind: IndicatorKind;
  triggered: boolean;
  points: number; // points lost (deduction), gained (bonus), 0 for veto
  findings: number;
}

export interface ScanReport {
  schema: 'govpatrol.scan/1';
  site: { url: string; name: string };
  startedAt: string;
  finishedAt: string;
  stats: { pages: number; links: number; bytes: number; errors: number };
  verdict: 'qualified' | 'unqualified';
  score: number;
  indicators: IndicatorResult[];
  findings: Finding[];
}
