import { del, get, patch, post, type Page, type Query } from './request';
import type { ScanSummary, Website } from './types';

export type WebsiteInput = Pick<Website, 'name' | 'url' | 'unitId' | 'kind' | 'siteCode' | 'icp' | 'subsites' | 'scheduleCron' | 'maxPages'>;
export const listWebsites = (q: Query) => get<Page<Website>>('/websites', q);
export const getWebsite = (id: number | string) => get<Website>(`/websites/${id}`, undefined, { silent: true });
export const createWebsite = (w: WebsiteInput) => post<Website>('/websites', w);
export const updateWebsite = (id: number, w: Partial<WebsiteInput>) => patch<Website>(`/websites/${id}`, w);
export const deleteWebsite = (id: number) => del<void>(`/websites/${id}`);
export const listScans = (id: number | string) => get<{ items: ScanSummary[] }>(`/websites/${id}/scans`, { page: 1, pageSize: 100 });
export const startScan = (id: number | string) => post<{ jobId: number | string }>(`/websites/${id}/scans`);
