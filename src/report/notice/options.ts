// What the supervisor configures for the 通报 (kept in settings) and what each issue carries (number,
// date, 下步工作要求). Everything else in the document comes from the round's snapshot.

import type { NoticeSettings, Requirement } from '../../domain/notice.js';

export { DEFAULT_NOTICE_SETTINGS, NOTICE_LIMITS as LIMITS, type NoticeSettings, type Requirement } from '../../domain/notice.js';

/** One earlier round on the trend chart. */
export interface TrendPoint {
  label: string; // e.g. 「2024年第5次」
  total: number;
  qualified: number;
  unqualified: number;
  incomplete: number;
}

export interface NoticeOptions {
  settings: NoticeSettings;
  /** The document's number within its year, or null while not assigned (the draft leaves a blank). */
  docNumber: { year: number; seq: number } | null;
  /** 成文日期, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  requirements: Requirement[];
  /** Earlier rounds, oldest first, for the trend chart; the current round is appended from the snapshot. */
  trend: TrendPoint[];
}
