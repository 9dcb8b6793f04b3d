import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { extractAttachmentText } from '../../src/text/attachments.js';
import { findPrivacy } from '../../src/text/privacy.js';
import { PLANTED_WORDS } from '../../testsite/planted.js';

const LIMITS = { maxChars: 100_000, timeoutMs: 10_000 };
const p = PLANTED_WORDS.privacy;

function minimalPdf(lines: string[]): Buffer {
  const content = `BT /F1 12 Tf 50 780 Td 16 TL ${lines.map((l) => `(${l}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function docx(paragraphs: string[]): Buffer {
  const body = paragraphs.map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`),
    }),
  );
}

function xlsx(): Buffer {
  const sst = `<sst><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>王某</t></si><si><t>${p.xlsxIdCard}</t></si></sst>`;
  const sheet =
    '<worksheet><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>电话</t></is></c></row>' +
    `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>${Number(p.xlsxMobile).toExponential()}</v></c></row>` +
    '</sheetData></worksheet>';
  return Buffer.from(
    zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/sharedStrings.xml': strToU8(sst), 'xl/worksheets/sheet1.xml': strToU8(sheet) }),
  );
}

describe('extractAttachmentText', () => {
  it('reads a hand-written Helvetica PDF', async () => {
    const r = await extractAttachmentText(minimalPdf(['ID: ' + p.pdfIdCard, 'Page text']), 'application/pdf', 'http://x/a.pdf', LIMITS);
    expect(r.error).toBeUndefined();
    expect(r.kind).toBe('pdf');
    expect(r.text).toContain(p.pdfIdCard);
    expect(findPrivacy(r.text).map((f) => f.type)).toEqual(['id-card']);
  });

  it('reads DOCX paragraphs', async () => {
    const r = await extractAttachmentText(docx(['关于公示的通知', `联系电话：${p.mobile}`]), '', 'http://x/b.docx', LIMITS);
    expect(r).toMatchObject({ kind: 'docx', truncated: false });
    expect(r.text).toBe(`关于公示的通知\n联系电话：${p.mobile}\n`);
  });

  it('reads XLSX shared strings, inline strings and numbers (Excel exponent form included)', async () => {
    const r = await extractAttachmentText(xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'http://x/c.xlsx', LIMITS);
    expect(r.kind).toBe('xlsx');
    expect(r.text).toContain(p.xlsxIdCard);
    expect(r.text).toContain(p.xlsxMobile);
    expect(findPrivacy(r.text).map((f) => f.type).sort()).toEqual(['id-card', 'mobile']);
  });

  it('scans legacy XLS/DOC bytes for UTF-16 text', async () => {
    const body = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(64), Buffer.from(`身份证号${p.idCard}`, 'utf16le'), Buffer.alloc(16)]);
    const r = await extractAttachmentText(body, 'application/vnd.ms-excel', 'http://x/d.xls', LIMITS);
    expect(r.kind).toBe('xls');
    expect(r.text).toContain(p.idCard);
  });

  it('truncates at maxChars', async () => {
    const r = await extractAttachmentText(docx(['一'.repeat(500)]), '', 'http://x/e.docx', { maxChars: 100, timeoutMs: 1000 });
    expect(r.text.length).toBe(100);
    expect(r.truncated).toBe(true);
  });

  it('refuses a zip bomb without inflating it', async () => {
    const bomb = Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(80 * 1024 * 1024) }, { level: 1 }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const r = await extractAttachmentText(bomb, '', 'http://x/bomb.docx', LIMITS);
    expect(r.error).toMatch(/压缩炸弹/);
    expect(r.text).toBe('');
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  it('never throws on corrupt or mislabelled files', async () => {
    const junk = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage \x00\xff');
    const results = await Promise.all([
      extractAttachmentText(junk, 'application/pdf', 'http://x/f.pdf', LIMITS),
      extractAttachmentText(Buffer.from('PK\x03\x04broken zip'), '', 'http://x/g.docx', LIMITS),
      extractAttachmentText(Buffer.alloc(0), 'application/pdf', 'http://x/h.pdf', LIMITS),
      extractAttachmentText(Buffer.from('hello'), 'image/png', 'http://x/i.png', LIMITS),
      extractAttachmentText(docx(['<']).subarray(0, 40), '', 'http://x/j.docx', LIMITS),
    ]);
    for (const r of results) {
      expect(typeof r.text).toBe('string');
      expect(r.error).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
