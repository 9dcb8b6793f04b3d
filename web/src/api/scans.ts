import { get } from './request';
import type { ScanReport, ScanSummary } from './types';

export const getScan = (id: number | string) => get<{ scan: ScanSummary; report: ScanReport | null }>(`/scans/${id}`);
