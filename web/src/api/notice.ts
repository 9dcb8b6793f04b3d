// The round's 通报: downloads, the 「下步工作要求」 draft, the document number, templates and settings.
import { apiUrl, del, get, post, request } from './request';

export interface Requirement { heading: string; body: string }
export interface NoticeDraft {
  roundId: number;
  requirements: Requirement[];
  docNumber: { year: number; seq: number } | null;
  issuedOn: string | null;
  updatedAt: string | null;
}
export interface NoticeTemplate extends Requirement { id: number | null }
export interface EarlierRequirements { roundId: number; roundTitle: string; month: string; requirements: Requirement[] }
export interface NoticeEditor { draft: NoticeDraft; templates: NoticeTemplate[]; earlier: EarlierRequirements[]; published: boolean }
export interface NoticeSettings {
  office: string; docPrefix: string; addressees: string; inspector: string; partner: string; indicatorDocument: string; letterhead: boolean;
}
export type NoticeFormat = 'docx' | 'pdf' | 'html';

export const noticeUrl = (roundId: number, format: NoticeFormat) => apiUrl(`/rounds/${roundId}/notice`, { format });
export const getNoticeEditor = (roundId: number) => get<NoticeEditor>(`/rounds/${roundId}/notice/draft`);
export const saveNoticeDraft = (roundId: number, body: { requirements: Requirement[]; issuedOn: string | null }) =>
  request<NoticeDraft>('PUT', `/rounds/${roundId}/notice/draft`, { body });
export const assignNoticeNumber = (roundId: number, year: number) => post<NoticeDraft>(`/rounds/${roundId}/notice/number`, { year });
export const createNoticeTemplate = (t: Requirement) => post<NoticeTemplate>('/notice/templates', t);
export const deleteNoticeTemplate = (id: number) => del<{ ok: true }>(`/notice/templates/${id}`);
export const getNoticeSettings = () => get<NoticeSettings>('/notice/settings');
export const saveNoticeSettings = (s: Partial<NoticeSettings>) => request<NoticeSettings>('PUT', '/notice/settings', { body: s });

/** 年度报表: the supervision report of a year (supervisor), or one website's (its unit may download it too). */
export const yearlyReportUrl = (year: number, format: NoticeFormat, websiteId?: number) =>
  websiteId === undefined ? apiUrl('/reports/yearly', { year, format }) : apiUrl(`/websites/${websiteId}/yearly-report`, { year, format });
