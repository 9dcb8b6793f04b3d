import { get, type Page, type Query } from './request';
import type { AuditEntry } from './types';

export const listAudit = (q: Query) => get<Page<AuditEntry>>('/audit', q);
