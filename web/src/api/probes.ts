import { get } from './request';

/** The 站点无法访问 window (src/domain/round.ts AvailabilityWindow). */
export interface AvailabilityWindow {
  from: string; to: string; probes: number; failed: number;
  share: number | null; complete: boolean; vetoed: boolean | null;
}
export interface ProbePoint { at: string; ok: boolean; status: number; ms: number; error: string | null }
export interface ProbeHistory {
  websiteId: number; from: string; to: string;
  points: ProbePoint[]; truncated: boolean;
  hourly: Array<{ hour: string; probes: number; failed: number }>;
  daily: Array<{ date: string; probes: number; failed: number }>;
  window: AvailabilityWindow;
}

export const getProbes = (websiteId: number | string, q: { from?: string; to?: string } = {}) =>
  get<ProbeHistory>(`/websites/${websiteId}/probes`, q, { silent: true });
