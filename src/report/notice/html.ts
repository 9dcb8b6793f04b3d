// The 通报 as one self-contained HTML file: for publishing on the portal, and the layout Chromium prints to
// PDF. Print CSS carries GB/T 9704 (A4, @page margins, 28.95 pt line pitch, 「— N —」 page numbers, odd pages
// right and even pages left). Every text is escaped; charts are SVG inside <img> (an image cannot run script).
import { escapeHtml } from '../html.js';
import type { Block, ChartId, OfficialDocument, Run } from './model.js';
import { CHARS_PER_LINE, FONTS, MARGIN_MM, MM_PER_INCH, PDF_FONTS, PT, TEXT_WIDTH_MM, letterheadPt, signatureIndents } from './layout.js';

/** Letter spacing that makes the 3号 character pitch 156 mm / 28 (≈ −0.21 pt). */
const CHAR_PITCH_DELTA_PT = ((TEXT_WIDTH_MM * 72) / MM_PER_INCH / CHARS_PER_LINE - PT.body).toFixed(3);

export interface HtmlChart {
  svg: string;
  width: number;
  height: number;
}

/** The 公文 font first (a reader who has it sees it), then what this machine has (fonts-noto-cjk). */
const stack = (gov: string, fallback: string) => `"${gov}", ${fallback}`;
const LINE = '28.95pt';

function css(): string {
  return `
@page { size: A4; margin: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: ${PT.pageNumber}pt ${stack(FONTS.pageNumber, PDF_FONTS.pageNumber)}; vertical-align: top; padding-top: 7mm; padding-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: ${PT.pageNumber}pt ${stack(FONTS.pageNumber, PDF_FONTS.pageNumber)}; vertical-align: top; padding-top: 7mm; padding-left: 1em; } }
* { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; color: #000; font-family: ${stack(FONTS.body, PDF_FONTS.body)}; font-size: ${PT.body}pt; line-height: ${LINE}; }
.main, .attachments, .signature { letter-spacing: ${CHAR_PITCH_DELTA_PT}pt; } /* 28 characters to the line, as Word's character grid */
.gw { width: 210mm; margin: 16px auto; padding: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
p { margin: 0; }
.letterhead { margin: 0 0 ${LINE}; color: #e60012; text-align: center; font-family: ${stack(FONTS.title, PDF_FONTS.title)}; font-weight: 700; line-height: 1.3; letter-spacing: .02em; }
.doc-number { text-align: center; padding-bottom: 4mm; border-bottom: 0.5mm solid #e60012; margin-bottom: calc(2 * ${LINE}); }
.title { margin: 0 0 ${LINE}; text-align: center; font-family: ${stack(FONTS.title, PDF_FONTS.title)}; font-size: ${PT.title}pt; font-weight: 700; line-height: ${LINE}; }
.title.first { margin-top: ${LINE}; }
.body { text-indent: 2em; text-align: justify; }
h2.h1 { margin: 0; text-indent: 2em; font: 400 ${PT.body}pt/${LINE} ${stack(FONTS.heading1, PDF_FONTS.heading1)}; }
.h2 { font-family: ${stack(FONTS.heading2, PDF_FONTS.heading2)}; font-weight: 600; }
.attachments { margin-top: ${LINE}; }
.attachments p:first-child { text-indent: 2em; }
.attachments p + p { padding-left: 5em; }
.signature { margin-top: calc(2 * ${LINE}); text-align: right; }
.closing { break-inside: avoid; } /* 附件说明 and signature stay together, never a signature alone on a page */
mark.placeholder { background: #fff59d; color: #c00000; }
section.attachment { break-before: page; margin-top: ${LINE}; }
@media screen { section.attachment { border-top: 1px dashed #bbb; padding-top: ${LINE}; } }
.attachment-label { font-family: ${stack(FONTS.heading1, PDF_FONTS.heading1)}; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: ${PT.table}pt; line-height: 1.45; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; overflow-wrap: anywhere; }
th { font-family: ${stack(FONTS.heading1, PDF_FONTS.heading1)}; font-weight: 400; }
td:first-child { text-align: center; }
tr { break-inside: avoid; }
figure { margin: ${LINE} 0 0; text-align: center; break-inside: avoid; }
figure img { width: 100%; max-width: ${TEXT_WIDTH_MM}mm; height: auto; }
figcaption { font-size: ${PT.caption}pt; }
@media print { html { background: none; } .gw { width: auto; margin: 0; padding: 0; box-shadow: none; } }
`;
}

const runsHtml = (runs: Run[]) => runs.map((r) => {
  const t = escapeHtml(r.text);
  return r.style === 'heading' ? `<span class="h2">${t}</span>` : r.style === 'placeholder' ? `<mark class="placeholder">${t}</mark>` : t;
}).join('');

function blockHtml(b: Block, previous: Block | undefined, charts: Partial<Record<ChartId, HtmlChart>>): string {
  switch (b.kind) {
    case 'letterhead': return `<h1 class="letterhead" style="font-size:${letterheadPt(b.text)}pt">${escapeHtml(b.text)}</h1>`;
    case 'docNumber': return `<p class="doc-number">${runsHtml(b.runs)}</p>`;
    case 'title': return `<h1 class="title${previous?.kind === 'docNumber' ? '' : ' first'}">${escapeHtml(b.text)}</h1>`;
    case 'addressees': return `<p class="addressees">${escapeHtml(b.text)}</p>`;
    case 'paragraph': return `<p class="body">${runsHtml(b.runs)}</p>`;
    case 'heading1': return `<h2 class="h1">${escapeHtml(b.text)}</h2>`;
    case 'heading2': return `<p class="body"><span class="h2">${escapeHtml(b.text)}</span></p>`;
    case 'attachmentList': return `<div class="closing"><div class="attachments">${b.items.map((it, i) => `<p>${i === 0 ? '附件：' : ''}${i + 1}.${escapeHtml(it)}</p>`).join('')}</div>`;
    case 'signature': {
      // Opened by the attachment list when there is one (the two stay on one page).
      const { officeEm, dateEm } = signatureIndents(b.office, b.date);
      return `<div class="signature"><p style="padding-right:${officeEm}em">${escapeHtml(b.office)}</p><p style="padding-right:${dateEm}em">${escapeHtml(b.date)}</p></div>${previous?.kind === 'attachmentList' ? '</div>' : ''}`;
    }
    case 'attachment': return `</section><section class="attachment"><p class="attachment-label">${escapeHtml(b.label)}</p><h1 class="title first">${escapeHtml(b.title)}</h1>`;
    case 'table': {
      const cols = b.columns.map((c) => `<col style="width:${(c.width * 100).toFixed(1)}%">`).join('');
      const head = b.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
      const rows = b.rows.length > 0 ? b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${b.columns.length}">${escapeHtml(b.empty)}</td></tr>`;
      return `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'chart': {
      const c = charts[b.chart];
      const img = c ? `<img src="data:image/svg+xml;base64,${Buffer.from(c.svg, 'utf8').toString('base64')}" width="${c.width}" height="${c.height}" alt="${escapeHtml(b.caption)}">` : '';
      return `<figure>${img}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>`;
    }
  }
}

export function renderHtml(doc: OfficialDocument, charts: Partial<Record<ChartId, HtmlChart>> = {}): string {
  const body = doc.blocks.map((b, i) => blockHtml(b, doc.blocks[i - 1], charts)).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${css()}</style></head>
<body><main class="gw"><section class="main">
${body}
</section></main></body></html>
`;
}
