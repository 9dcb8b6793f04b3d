// The 通报 as a Word document laid out to GB/T 9704-2012. Fonts are set by name (layout.ts FONTS); Word
// substitutes a font the reader lacks and keeps the name, so a machine with the 公文 fonts prints it exactly.
// Charts go in as SVG image runs with a PNG fallback (Word 2016+ and WPS draw the SVG; older readers the PNG).
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, HighlightColor, ImageRun, LineRuleType, Packer,
  PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
  type IRunOptions, type IParagraphOptions,
} from 'docx';
import type { Block, ChartId, OfficialDocument, Run } from './model.js';
import {
  CHAR_SPACE, FONTS, FOOTER_MM, LINE_TWIPS, MARGIN_MM, PAGE, PT, TEXT_WIDTH_MM, letterheadPt, mmToTwips, signatureIndents,
} from './layout.js';

/** A chart as drawn for embedding: the SVG, and a PNG of it when Chromium was at hand. */
export interface RenderedChart {
  svg: string;
  png?: Buffer;
  width: number; // px
  height: number; // px
}

const half = (pt: number) => Math.round(pt * 2); // docx sizes are half-points
const CHAR_TWIPS = PT.body * 20; // one 3号 character
const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });
const exact = (twips: number) => ({ line: twips, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
/** 1×1 white PNG: the fallback when no PNG of a chart could be made (the SVG is still there). */
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

export const STYLE_IDS = { letterhead: 'GovLetterhead', title: 'GovTitle', heading1: 'GovHeading1', body: 'GovBody', table: 'GovTable', caption: 'GovCaption' };

export async function renderDocx(doc: OfficialDocument, charts: Partial<Record<ChartId, RenderedChart>> = {}): Promise<Buffer> {
  const document = new Document({
    creator: 'govpatrol',
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: styles(),
    sections: [{
      properties: {
        page: {
          size: { width: mmToTwips(PAGE.widthMm), height: mmToTwips(PAGE.heightMm) },
          margin: { top: mmToTwips(MARGIN_MM.top), left: mmToTwips(MARGIN_MM.left), bottom: mmToTwips(MARGIN_MM.bottom), right: mmToTwips(MARGIN_MM.right), footer: mmToTwips(FOOTER_MM), header: mmToTwips(15) },
        },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_TWIPS, charSpace: CHAR_SPACE },
      },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children: doc.blocks.flatMap((b, i) => blockToDocx(b, doc.blocks[i - 1], charts)),
    }],
  });
  return Packer.toBuffer(document);
}

function styles() {
  const body = { font: font(FONTS.body), size: half(PT.body) };
  return {
    default: {
      document: { run: { ...body, language: { value: 'en-US', eastAsia: 'zh-CN' } }, paragraph: { spacing: exact(LINE_TWIPS) } },
    },
    paragraphStyles: [
      { id: STYLE_IDS.body, name: 'Gov Body', run: body, paragraph: { spacing: exact(LINE_TWIPS), indent: { firstLine: 2 * CHAR_TWIPS }, alignment: AlignmentType.BOTH } },
      { id: STYLE_IDS.title, name: 'Gov Title', run: { font: font(FONTS.title), size: half(PT.title) }, paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE_TWIPS), after: LINE_TWIPS } } },
      { id: STYLE_IDS.heading1, name: 'Gov Heading 1', run: { font: font(FONTS.heading1), size: half(PT.body) }, paragraph: { spacing: exact(LINE_TWIPS), indent: { firstLine: 2 * CHAR_TWIPS }, outlineLevel: 0 } },
      { id: STYLE_IDS.letterhead, name: 'Gov Letterhead', run: { font: font(FONTS.title), color: 'E60012' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 1000, lineRule: LineRuleType.AT_LEAST, before: 0, after: LINE_TWIPS } } },
      { id: STYLE_IDS.table, name: 'Gov Table', run: { font: font(FONTS.body), size: half(PT.table) }, paragraph: { spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, alignment: AlignmentType.LEFT } },
      { id: STYLE_IDS.caption, name: 'Gov Caption', run: { font: font(FONTS.body), size: half(PT.caption) }, paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE_TWIPS), after: LINE_TWIPS } } },
    ],
  };
}

/** 「— 1 —」 in 4号 宋体: odd pages right with one character's space, even pages left (GB/T 9704 7.5). */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const run = (children: IRunOptions['children']) => new TextRun({ children, font: font(FONTS.pageNumber), size: half(PT.pageNumber) });
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: PT.pageNumber * 20 } : { left: PT.pageNumber * 20 },
      children: [run(['— ']), run([PageNumber.CURRENT]), run([' —'])],
    })],
  });
}

function runs(list: Run[]): TextRun[] {
  return list.map((r) => new TextRun({
    text: r.text,
    ...(r.style === 'heading' ? { font: font(FONTS.heading2) } : {}),
    ...(r.style === 'placeholder' ? { highlight: HighlightColor.YELLOW, color: 'C00000' } : {}),
  }));
}

const para = (opts: IParagraphOptions) => new Paragraph(opts);

function blockToDocx(b: Block, previous: Block | undefined, charts: Partial<Record<ChartId, RenderedChart>>): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'letterhead':
      return [para({ style: STYLE_IDS.letterhead, spacing: { before: LINE_TWIPS, after: LINE_TWIPS * 2, line: 1000, lineRule: LineRuleType.AT_LEAST }, children: [new TextRun({ text: b.text, size: half(letterheadPt(b.text)) })] })];
    case 'docNumber':
      // The red separator line under the number (版头中的分隔线), then two blank lines to the title.
      return [para({ alignment: AlignmentType.CENTER, children: runs(b.runs), border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'E60012', space: 12 } }, spacing: { ...exact(LINE_TWIPS), after: LINE_TWIPS * 2 } })];
    case 'title':
      return [para({ style: STYLE_IDS.title, spacing: { ...exact(LINE_TWIPS), before: previous?.kind === 'docNumber' ? 0 : LINE_TWIPS, after: LINE_TWIPS }, children: [new TextRun(b.text)] })];
    case 'addressees':
      return [para({ alignment: AlignmentType.LEFT, children: [new TextRun(b.text)] })];
    case 'paragraph':
      return [para({ style: STYLE_IDS.body, children: runs(b.runs) })];
    case 'heading1':
      return [para({ style: STYLE_IDS.heading1, children: [new TextRun(b.text)] })];
    case 'heading2':
      return [para({ style: STYLE_IDS.body, children: [new TextRun({ text: b.text, font: font(FONTS.heading2) })] })];
    case 'attachmentList':
      // 附件说明: one blank line under the body, 2 characters in; later items aligned under the first item.
      return b.items.map((item, i) => para({
        style: STYLE_IDS.body,
        spacing: { ...exact(LINE_TWIPS), before: i === 0 ? LINE_TWIPS : 0 },
        indent: i === 0 ? { firstLine: 2 * CHAR_TWIPS } : { left: 5 * CHAR_TWIPS, firstLine: 0 },
        children: [new TextRun(`${i === 0 ? '附件：' : ''}${i + 1}.${item}`)],
      }));
    case 'signature': {
      const { officeEm, dateEm } = signatureIndents(b.office, b.date);
      return [
        para({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(officeEm * CHAR_TWIPS) }, spacing: { ...exact(LINE_TWIPS), before: LINE_TWIPS * 2 }, children: [new TextRun(b.office)] }),
        para({ alignment: AlignmentType.RIGHT, indent: { right: dateEm * CHAR_TWIPS }, children: [new TextRun(b.date)] }),
      ];
    }
    case 'attachment':
      return [
        para({ pageBreakBefore: true, children: [new TextRun({ text: b.label, font: font(FONTS.heading1) })] }),
        para({ style: STYLE_IDS.title, spacing: { ...exact(LINE_TWIPS), before: LINE_TWIPS, after: LINE_TWIPS }, children: [new TextRun(b.title)] }),
      ];
    case 'table':
      return [tableToDocx(b)];
    case 'chart':
      return chartToDocx(b.caption, charts[b.chart]);
  }
}

function tableToDocx(b: Extract<Block, { kind: 'table' }>): Table {
  const total = mmToTwips(TEXT_WIDTH_MM);
  const widths = b.columns.map((c) => Math.round(c.width * total));
  const cell = (text: string, i: number, header: boolean) => new TableCell({
    width: { size: widths[i], type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [para({ style: STYLE_IDS.table, alignment: header || i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun(header ? { text, font: font(FONTS.heading1) } : text)] })],
  });
  const head = new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.title, i, true)) });
  const body = b.rows.length > 0
    ? b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) }))
    : [new TableRow({ children: [new TableCell({ columnSpan: b.columns.length, children: [para({ style: STYLE_IDS.table, alignment: AlignmentType.CENTER, children: [new TextRun(b.empty)] })] })] })];
  return new Table({ width: { size: total, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [head, ...body] });
}

function chartToDocx(caption: string, chart: RenderedChart | undefined): Paragraph[] {
  const captionPara = para({ style: STYLE_IDS.caption, children: [new TextRun(caption)] });
  if (!chart) return [captionPara];
  // Scale to the 版心 width (156 mm at 96 px/in ≈ 590 px), keeping the aspect ratio.
  const maxPx = Math.floor((TEXT_WIDTH_MM / 25.4) * 96);
  const scale = Math.min(1, maxPx / chart.width);
  const transformation = { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) };
  const image = new ImageRun({ type: 'svg', data: Buffer.from(chart.svg, 'utf8'), transformation, fallback: { type: 'png', data: chart.png ?? BLANK_PNG }, altText: { name: caption, description: caption, title: caption } });
  return [para({ alignment: AlignmentType.CENTER, spacing: { line: 240, lineRule: LineRuleType.AUTO, before: LINE_TWIPS }, children: [image] }), captionPara];
}
