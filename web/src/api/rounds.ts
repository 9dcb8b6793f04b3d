// Monthly rounds (常态检查): src/server/routes/rounds.ts. The snapshot shape is src/domain/round.ts.
import { apiUrl, del, get, post, request, type Page, type Query } from './request';
import type { AvailabilityWindow } from './probes';

export type RoundStatus = 'open' | 'published';
export type SiteVerdict = 'qualified' | 'unqualified' | 'incomplete';
export type IndicatorKind = 'veto' | 'deduction' | 'bonus';
export type ManualValue = 'pass' | 'fail' | 'na';
export type FindingStatus = 'confirmed' | 'dismissed' | 'pending';

export interface Round {
  id: number; year: number; seq: number; month: string; title: string;
  scope: { websites: 'all'; accounts: { rule: string } | null };
  deadline: string | null; inspectors: number[]; status: RoundStatus; catalogue: string; overlays: string[];
  cutoff: string; publishedAt: string | null; publishedBy: number | null; createdAt: string;
}
export interface RoundSummary extends Round {
  sites: number; qualified: number; unqualified: number; incomplete: number; manual: { done: number; total: number };
}
export interface RoundProblem {
  indicator: string; indicatorName: string; kind: IndicatorKind; check: string; url: string; evidence: string;
  message: string; advice: string; source: 'machine' | 'manual'; fingerprint?: string;
}
export interface RoundSiteResult {
  websiteId: number; name: string; url: string; unitId: number; unitName: string; kind: 'portal' | 'department';
  scanId: number | null; scannedAt: string | null; verdict: SiteVerdict; score: number | null; vetoes: string[];
  incompleteReasons: string[];
  indicators: Array<{ code: string; name: string; kind: IndicatorKind; triggered: boolean; points: number }>;
  problems: RoundProblem[]; availability: AvailabilityWindow;
  manual: { done: number; total: number }; findings: { confirmed: number; dismissed: number; pending: number };
}
export interface MessageStats {
  received: number; answered: number; answeredOnTime: number; overdue: number; open: number;
  byUnit: Array<{ unitId: number; unitName: string; received: number; answeredOnTime: number; overdue: number }>;
}
export interface RoundSnapshot {
  schema: 'govpatrol.round/1'; id: number; year: number; seq: number; month: string; title: string;
  catalogue: { id: string; name: string; basis: string }; deadline: string | null; inspectors: string[];
  publishedAt: string | null; cutoff: string; sites: RoundSiteResult[];
  accounts: null | { total: number; checked: number; qualified: number; unqualified: number };
  messages: MessageStats | null;
}
export interface RoundDetail { round: Round; snapshot: RoundSnapshot; roundSites: Array<{ id: number; websiteId: number }> }
export interface Evidence { id: number; roundId: number; websiteId: number; indicator: string; filename: string; contentType: string; size: number; sha256: string; by: string; at: string }
export interface ReviewedFinding {
  finding: {
    check: string; indicator: string; indicatorName: string; severity: string; url: string; target?: string;
    evidence: string; message: string; detail: Record<string, unknown>; fingerprint: string;
  };
  status: FindingStatus; reason: string; by: string | null; at: string | null; remembered: boolean; superseded: boolean;
}
export interface ChecklistItem {
  indicator: string; name: string; kind: IndicatorKind; judgedBy: 'machine' | 'person' | 'both'; points: number;
  basis: string; advice: string; result: ManualValue | null; note: string; deducted: number | null;
  by: string | null; at: string | null; evidence: Evidence[];
}
export interface RoundSiteView {
  roundSiteId: number; round: { id: number; title: string; status: RoundStatus };
  site: RoundSiteResult; findings: ReviewedFinding[]; checklist: ChecklistItem[];
}
export interface OpenRoundInput { month: string; deadline?: string | null; inspectors: number[]; cutoff?: string; freshScans?: boolean }

export const listRounds = (q: Query) => get<Page<RoundSummary>>('/rounds', q);
export const nextRoundTitle = (month?: string) => get<{ year: number; seq: number; title: string }>('/rounds/next-title', { month }, { silent: true });
export const openRound = (input: OpenRoundInput) => post<Round>('/rounds', input);
export const getRound = (id: number | string) => get<RoundDetail>(`/rounds/${id}`);
export const publishRound = (id: number | string) => post<RoundSnapshot>(`/rounds/${id}/publish`);
export const verifyRound = (id: number | string) => get<{ identical: boolean }>(`/rounds/${id}/verify`);
export const getRoundSite = (id: number | string) => get<RoundSiteView>(`/round-sites/${id}`);
export const reviewFindings = (id: number, body: { fingerprints: string[]; decision: 'confirmed' | 'dismissed'; reason?: string }) =>
  post<{ items: unknown[] }>(`/round-sites/${id}/reviews`, body);
export const setManualResult = (id: number, body: { indicator: string; result: ManualValue; note: string; points?: number | null }) =>
  request<unknown>('PUT', `/round-sites/${id}/manual`, { body });
export function uploadEvidence(id: number, indicator: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Evidence>('POST', `/round-sites/${id}/evidence`, { query: { indicator }, form });
}
export const evidenceUrl = (id: number) => apiUrl(`/round-evidence/${id}`);
export const deleteEvidence = (id: number) => del<void>(`/round-evidence/${id}`);
