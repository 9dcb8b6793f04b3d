// The inbox (the caller's own notifications), the caller's e-mail address, and the SMTP settings (supervisor).
import { get, patch, post, type Page } from './request';

export interface InboxItem {
  id: number; title: string; body: string; link: string | null; createdAt: string; readAt: string | null;
  mailStatus: 'none' | 'pending' | 'sent' | 'failed'; mailError: string | null;
}
export interface MailSettings {
  host: string; port: number; secure: boolean; user: string; from: string; dashboardUrl: string; configured: boolean; hasPassword: boolean;
}

export const listInbox = (q: { page: number; pageSize: number; unread?: boolean }) =>
  get<Page<InboxItem> & { unread: number }>('/notifications', { ...q, unread: q.unread ? 'true' : undefined });
/** Polled by the bell: silent, so a failed poll never pops up an error. */
export const unreadCount = () => get<{ unread: number }>('/notifications/unread', undefined, { silent: true });
export const markRead = (id: number) => post<{ ok: true }>(`/notifications/${id}/read`);
export const markAllRead = () => post<{ updated: number }>('/notifications/read-all');
export const getOwnEmail = () => get<{ email: string | null; mailEnabled: boolean }>('/notifications/email');
export const setOwnEmail = (email: string) => patch<{ ok: true }>('/notifications/email', { email });
export const getMailSettings = () => get<MailSettings>('/notifications/mail-settings');
export const updateMailSettings = (s: Partial<MailSettings> & { pass?: string }) => patch<MailSettings>('/notifications/mail-settings', s);
export const sendTestMail = (to: string) => post<{ ok: true }>('/notifications/mail-test', { to });
