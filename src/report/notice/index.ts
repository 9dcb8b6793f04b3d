export { buildNotice, computeFigures, noticeTitle, docNumberText, plainText, PLACEHOLDER_OPEN } from './build.js';
export { renderDocx, type RenderedChart } from './docx.js';
export { renderHtml } from './html.js';
export { renderCharts, renderChartSvg, type ChartSvg } from './charts.js';
export { openPrinter, type Printer } from './pdf.js';
export { renderNotice, NOTICE_FORMATS, NOTICE_MIME, type NoticeFormat, type RenderEnv, type RenderedNotice } from './render.js';
export { DEFAULT_NOTICE_SETTINGS, LIMITS, type NoticeOptions, type NoticeSettings, type Requirement, type TrendPoint } from './options.js';
export type { Block, ChartId, ChartSpec, NoticeDocument, NoticeFigures, Run } from './model.js';
