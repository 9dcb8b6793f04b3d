// One call from a round's snapshot to a finished file: the model, the charts (SVG; PNG fallbacks for the
// DOCX when Chromium is at hand), then DOCX, HTML or PDF.
import type { RoundSnapshot } from '../../domain/round.js';
import { buildNotice } from './build.js';
import { renderCharts, type ChartSvg } from './charts.js';
import { renderDocx, type RenderedChart } from './docx.js';
import { renderHtml } from './html.js';
import type { ChartId, ChartSpec, NoticeDocument, OfficialDocument } from './model.js';
import type { NoticeOptions } from './options.js';
import { openPrinter, type Printer } from './pdf.js';

export const NOTICE_FORMATS = ['docx', 'pdf', 'html'] as const;
export type NoticeFormat = (typeof NOTICE_FORMATS)[number];
export const NOTICE_MIME: Record<NoticeFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export interface RenderEnv {
  chromiumPath?: string;
  /** An open printer to reuse (tests, a server rendering many); otherwise one is opened and closed here. */
  printer?: Printer;
}

export interface RenderedNotice {
  doc: NoticeDocument;
  body: Buffer;
  /** Set when the DOCX's charts have no PNG fallback because Chromium could not start (the SVG is still in). */
  warning?: string;
}

export async function renderNotice(snapshot: RoundSnapshot, options: NoticeOptions, format: NoticeFormat, env: RenderEnv = {}): Promise<RenderedNotice> {
  const doc = buildNotice(snapshot, options);
  return { doc, ...(await renderDocument(doc, doc.charts, format, env)) };
}

/** Any document of the model (the notice, the yearly reports) to DOCX, PDF or HTML. */
export async function renderDocument(doc: OfficialDocument, specs: ChartSpec[], format: NoticeFormat, env: RenderEnv = {}): Promise<{ body: Buffer; warning?: string }> {
  const charts = renderCharts(specs);
  if (format === 'html') return { body: Buffer.from(renderHtml(doc, byId(charts)), 'utf8') };
  if (format === 'pdf') return { body: await withPrinter(env, (p) => p.pdf(renderHtml(doc, byId(charts)))) };
  const withPngs = await (charts.length === 0 ? Promise.resolve({}) : withPrinter(env, (p) => pngs(p, charts))).then((c) => ({ charts: c, warning: undefined }), (e: Error) => ({ charts: byId(charts), warning: `图表未生成PNG备用图（Chromium不可用：${e.message.split('\n')[0]}）` }));
  return { body: await renderDocx(doc, withPngs.charts), warning: withPngs.warning };
}

function byId(charts: ChartSvg[]): Partial<Record<ChartId, RenderedChart>> {
  return Object.fromEntries(charts.map((c) => [c.id, c]));
}

async function pngs(printer: Printer, charts: ChartSvg[]): Promise<Partial<Record<ChartId, RenderedChart>>> {
  const out: Partial<Record<ChartId, RenderedChart>> = {};
  for (const c of charts) out[c.id] = { ...c, png: await printer.png(c.svg, c.width, c.height) };
  return out;
}

async function withPrinter<T>(env: RenderEnv, use: (p: Printer) => Promise<T>): Promise<T> {
  if (env.printer) return use(env.printer);
  const printer = await openPrinter(env.chromiumPath);
  try {
    return await use(printer);
  } finally {
    await printer.close();
  }
}
