// 「我为政府网站找错」 messages: the inbox and its steps (signed in), and the public form and look-up (no session).
import { apiUrl, get, post, request, type Page, type Query } from './request';

export type MessageStatus = 'received' | 'dispatched' | 'answered' | 'published' | 'rejected' | 'invalid';
export const MESSAGE_STATUSES: MessageStatus[] = ['received', 'dispatched', 'answered', 'published', 'rejected', 'invalid'];

export interface Message {
  id: number; trackingNo: string; source: 'public' | 'national'; externalNo: string | null;
  websiteId: number | null; websiteName: string | null; siteName: string; siteUrl: string; pageUrl: string;
  unitId: number | null; unitName: string | null; category: string; categoryLabel: string; title: string; content: string;
  contactName: string; contact: string; status: MessageStatus; reason: string | null; receivedAt: string;
  forwardDeadline: string; forwardDeadlineEstimated: boolean; dispatchedAt: string | null; replyDeadline: string | null;
  replyDeadlineEstimated: boolean; reply: string | null; repliedAt: string | null; repliedBy: string | null;
  publishedAt: string | null; closedAt: string | null; dueAt: string | null; forwardOverdue: boolean; replyOverdue: boolean; overdue: boolean;
}
export interface MessageEvent { id: number; at: string; actor: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null }
export interface MessageStats {
  received: number; answered: number; answeredOnTime: number; overdue: number; open: number;
  byUnit: { unitId: number; unitName: string; received: number; answeredOnTime: number; overdue: number }[];
}
export interface PublicForm {
  websites: { id: number; name: string; url: string }[];
  categories: { code: string; label: string }[];
  limits: Record<string, number>;
}
export interface PublicMessage {
  trackingNo: string; siteName: string; category: string; title: string; content: string; status: string; receivedAt: string;
  reply: string | null; replyUnit: string | null; repliedAt: string | null; publishedAt: string | null; reason: string | null;
}
export interface Submission {
  websiteId?: number | null; siteUrl?: string; pageUrl?: string; category: string; title: string; content: string;
  contactName?: string; contact?: string; website?: string;
}

export const listMessages = (q: Query) => get<Page<Message>>('/messages', q);
export const getMessage = (id: number | string) => get<Message & { events: MessageEvent[] }>(`/messages/${id}`, undefined, { silent: true });
export const dispatchMessage = (id: number, body: { unitId?: number | null; note?: string }) => post<Message>(`/messages/${id}/dispatch`, body);
export const answerMessage = (id: number, reply: string) => post<Message>(`/messages/${id}/answer`, { reply });
export const returnMessage = (id: number, note: string) => post<Message>(`/messages/${id}/return`, { note });
export const publishMessage = (id: number) => post<Message>(`/messages/${id}/publish`);
export const closeMessage = (id: number, status: 'rejected' | 'invalid', reason: string) => post<Message>(`/messages/${id}/close`, { status, reason });
export const messageStats = (month: string) => get<{ month: string; stats: MessageStats | null }>('/messages/stats', { month });
export const yearStats = (year: number) => get<{ year: number; months: { month: string; stats: MessageStats | null }[] }>('/messages/stats/year', { year });
export const messageTemplateUrl = () => apiUrl('/messages/template');
/** All or nothing: 422 import_invalid carries details [{ row, column, message }]; held numbers are skipped. */
export function importMessages(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<{ imported: number; unmatched: number; skipped: { row: number; externalNo: string; message: string }[] }>('POST', '/messages/import', { form, silent: true });
}

export const publicForm = () => get<PublicForm>('/public/messages/form');
export const submitMessage = (s: Submission) => post<{ trackingNo: string }>('/public/messages', s, { silent: true });
export const lookupMessage = (trackingNo: string) => get<PublicMessage>(`/public/messages/${encodeURIComponent(trackingNo)}`, undefined, { silent: true });
