export { buildNotice, computeFigures, noticeTitle, docNumberText, plainText, PLACEHOLDER_OPEN } from './build.js';
export { renderDocx, type RenderedChart } from './docx.js';
export { DEFAULT_NOTICE_SETTINGS, LIMITS, type NoticeOptions, type NoticeSettings, type Requirement, type TrendPoint } from './options.js';
export type { Block, ChartId, ChartSpec, NoticeDocument, NoticeFigures, Run } from './model.js';
