// Tables of migration 0006: 「我为政府网站找错」 messages with their events, and the notification inbox.
import type { Generated } from 'kysely';

export const MESSAGE_STATUSES = ['received', 'dispatched', 'answered', 'published', 'rejected', 'invalid'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const MESSAGE_SOURCES = ['public', 'national'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];
export const MAIL_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface NotificationsTable {
  id: Generated<number>;
  userId: number;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  mailStatus: MailStatus;
  mailError: string | null;
  mailedAt: string | null;
}

export interface MessagesTable {
  id: Generated<number>;
  trackingNo: string;
  source: MessageSource;
  externalNo: string | null;
  websiteId: number | null;
  siteName: string;
  siteUrl: string;
  pageUrl: string;
  unitId: number | null;
  category: string;
  title: string;
  content: string;
  contactName: string;
  contact: string;
  status: MessageStatus;
  reason: string | null;
  receivedAt: string;
  forwardDeadline: string;
  forwardDeadlineEstimated: number; // 0/1
  dispatchedAt: string | null;
  replyDeadline: string | null;
  replyDeadlineEstimated: number; // 0/1
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  publishedAt: string | null;
  closedAt: string | null;
  forwardRemindedAt: string | null;
  replyRemindedAt: string | null;
  forwardOverdueAt: string | null;
  replyOverdueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageEventsTable {
  id: Generated<number>;
  messageId: number;
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

export interface MessageTables {
  notifications: NotificationsTable;
  messages: MessagesTable;
  messageEvents: MessageEventsTable;
}
