// Text out of attachments (PDF, DOCX, XLSX, legacy XLS/DOC) for the privacy and wording checks.
// Attachments are hostile: every step is bounded (zip entries, inflated bytes, pages, characters, time)
// and nothing here throws; a failure comes back as `error` with whatever text was already extracted.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'xls' | 'other';

export interface AttachmentText {
  kind: AttachmentKind;
  text: string;
  truncated: boolean;
  error?: string;
}

export interface ExtractLimits {
  maxChars: number;
  timeoutMs: number;
}

const MAX_ZIP_ENTRIES = 5000;
const MAX_ENTRY_BYTES = 64 * 1024 * 1024; // one inflated XML part
const MAX_TOTAL_INFLATED = 128 * 1024 * 1024;
const MAX_PDF_PAGES = 300;
const MAX_SHEETS = 50;

class TextSink {
  private parts: string[] = [];
  private length = 0;
  truncated = false;
  constructor(private readonly maxChars: number) {}
  get full(): boolean {
    return this.length >= this.maxChars;
  }
  add(s: string): void {
    if (!s || this.full) {
      if (s && this.full) this.truncated = true;
      return;
    }
    const room = this.maxChars - this.length;
    if (s.length > room) {
      s = s.slice(0, room);
      this.truncated = true;
    }
    this.parts.push(s);
    this.length += s.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

export function detectKind(body: Buffer, contentType: string, url: string): AttachmentKind {
  const ct = contentType.toLowerCase();
  const path = url.toLowerCase().split(/[?#]/)[0];
  if (body.subarray(0, 5).toString('latin1') === '%PDF-' || ct.includes('pdf') || path.endsWith('.pdf')) return 'pdf';
  const isZip = body[0] === 0x50 && body[1] === 0x4b;
  if (ct.includes('wordprocessingml') || path.endsWith('.docx')) return 'docx';
  if (ct.includes('spreadsheetml') || path.endsWith('.xlsx')) return 'xlsx';
  const isOle = body.subarray(0, 4).toString('hex') === 'd0cf11e0';
  if (ct.includes('ms-excel') || ct.includes('msword') || path.endsWith('.xls') || path.endsWith('.doc') || isOle) return 'xls';
  if (isZip) return 'docx'; // sniffed below by its parts
  return 'other';
}

export async function extractAttachmentText(body: Buffer, contentType: string, url: string, limits: ExtractLimits): Promise<AttachmentText> {
  let kind: AttachmentKind = 'other';
  const sink = new TextSink(Math.max(0, limits.maxChars));
  try {
    kind = detectKind(body, contentType, url);
    if (kind === 'pdf') {
      await withTimeout(extractPdf(body, sink), limits.timeoutMs);
    } else if (kind === 'docx' || kind === 'xlsx') {
      const started = Date.now();
      const files = unzipParts(body);
      if (files['word/document.xml']) {
        kind = 'docx';
        xmlText(files['word/document.xml'], sink, docxHandlers(sink));
      } else if (files['xl/workbook.xml'] || Object.keys(files).some((n) => n.startsWith('xl/worksheets/'))) {
        kind = 'xlsx';
        extractXlsx(files, sink, started, limits.timeoutMs);
      } else {
        return { kind, text: '', truncated: false, error: '压缩包中没有可识别的 Word 或 Excel 正文' };
      }
    } else if (kind === 'xls') {
      printableStrings(body, sink);
    } else {
      return { kind, text: '', truncated: false, error: `不支持的附件类型：${contentType || '未知'}` };
    }
    return { kind, text: sink.text(), truncated: sink.truncated };
  } catch (err) {
    return { kind, text: sink.text(), truncated: sink.truncated, error: `附件文本提取失败：${(err as Error)?.message ?? String(err)}` };
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`超时（${ms} 毫秒）`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------- ZIP (DOCX/XLSX) ----------

function unzipParts(body: Buffer): Record<string, Uint8Array> {
  let entries = 0;
  let declared = 0;
  const wanted = (name: string): boolean =>
    name === 'word/document.xml' || name === 'xl/workbook.xml' || name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  return unzipSync(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
    filter(file) {
      if (++entries > MAX_ZIP_ENTRIES) throw new Error(`压缩包条目过多（超过 ${MAX_ZIP_ENTRIES} 个）`);
      if (!wanted(file.name)) return false;
      // fflate inflates into a buffer of the declared size, so a lying header cannot grow past it.
      if (file.originalSize > MAX_ENTRY_BYTES) throw new Error(`压缩包条目 ${file.name} 解压后过大（疑似压缩炸弹）`);
      declared += file.originalSize;
      if (declared > MAX_TOTAL_INFLATED) throw new Error('压缩包解压总量过大（疑似压缩炸弹）');
      return true;
    },
  });
}

interface XmlHandlers {
  open(name: string): void;
  close(name: string): void;
  text(t: string): void;
}

function xmlText(data: Uint8Array, sink: TextSink, h: XmlHandlers): void {
  const parser = new Parser(
    { onopentagname: (n) => h.open(n), onclosetag: (n) => h.close(n), ontext: (t) => h.text(t) },
    { xmlMode: true, decodeEntities: true },
  );
  const xml = new TextDecoder('utf-8').decode(data);
  // Feed in slices so a huge part stops as soon as the character budget is used up.
  const step = 256 * 1024;
  for (let i = 0; i < xml.length && !sink.full; i += step) parser.write(xml.slice(i, i + step));
  parser.end();
}

function docxHandlers(sink: TextSink): XmlHandlers {
  let inText = false;
  return {
    open(n) {
      if (n === 'w:t') inText = true;
      else if (n === 'w:tab') sink.add('\t');
      else if (n === 'w:br' || n === 'w:cr') sink.add('\n');
    },
    close(n) {
      if (n === 'w:t') inText = false;
      else if (n === 'w:p') sink.add('\n');
      else if (n === 'w:tc') sink.add('\t');
    },
    text(t) {
      if (inText) sink.add(t);
    },
  };
}

/** Shared strings, then each sheet's cells in order: shared-string, inline-string and number cells. */
function extractXlsx(files: Record<string, Uint8Array>, sink: TextSink, started: number, timeoutMs: number): void {
  const shared: string[] = [];
  const sst = files['xl/sharedStrings.xml'];
  if (sst) {
    let current: string[] | null = null;
    let inT = false;
    const collector = new TextSink(Number.MAX_SAFE_INTEGER);
    xmlText(sst, collector, {
      open(n) {
        if (n === 'si') current = [];
        else if (n === 't') inT = true;
      },
      close(n) {
        if (n === 't') inT = false;
        else if (n === 'si' && current) { shared.push(current.join('')); current = null; }
      },
      text(t) {
        if (inT && current) current.push(t);
      },
    });
  }
  const sheets = Object.keys(files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]))
    .slice(0, MAX_SHEETS);
  for (const name of sheets) {
    if (sink.full) break;
    if (Date.now() - started > timeoutMs) throw new Error(`超时（${timeoutMs} 毫秒）`);
    let cellType = '';
    let inValue = false;
    let inInline = false;
    let value: string[] = [];
    const parser = new Parser(
      {
        onopentag(n, attrs) {
          if (n === 'c') { cellType = attrs.t ?? ''; value = []; }
          else if (n === 'v') inValue = true;
          else if (n === 'is') inInline = true;
        },
        onclosetag(n) {
          if (n === 'v') inValue = false;
          else if (n === 'is') inInline = false;
          else if (n === 'c') sink.add(cellText(cellType, value.join(''), shared) + '\t');
          else if (n === 'row') sink.add('\n');
        },
        ontext(t) {
          if (inValue || inInline) value.push(t);
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
    const xml = new TextDecoder('utf-8').decode(files[name]);
    const step = 256 * 1024;
    for (let i = 0; i < xml.length && !sink.full; i += step) parser.write(xml.slice(i, i + step));
    parser.end();
  }
}

function cellText(type: string, raw: string, shared: string[]): string {
  if (type === 's') return shared[Number(raw)] ?? '';
  if (type === 'inlineStr' || type === 'str' || type === 'b' || type === 'e') return raw;
  // Numbers: Excel writes long integers (phone numbers) as 1.3912345678E10; show them as digits.
  if (/e/i.test(raw)) {
    const n = Number(raw);
    if (Number.isSafeInteger(n)) return String(n);
  }
  return raw;
}

// ---------- PDF ----------

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
const pdfAssets = (() => {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: pathToFileURL(join(root, 'cmaps')).href + '/', standardFontDataUrl: pathToFileURL(join(root, 'standard_fonts')).href + '/' };
  } catch {
    return undefined;
  }
})();

async function extractPdf(body: Buffer, sink: TextSink): Promise<void> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await pdfjsPromise;
  const task = pdfjs.getDocument({
    data: new Uint8Array(body), // pdf.js takes ownership of (detaches) the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(pdfAssets ? { cMapUrl: pdfAssets.cMapUrl, cMapPacked: true, standardFontDataUrl: pdfAssets.standardFontDataUrl } : {}),
  });
  try {
    const doc = await task.promise;
    const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
    if (doc.numPages > MAX_PDF_PAGES) sink.truncated = true;
    for (let p = 1; p <= pages && !sink.full; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) {
          sink.add(item.str);
          if (item.hasEOL) sink.add('\n');
        }
      }
      sink.add('\n');
      page.cleanup();
    }
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

// ---------- legacy OLE (XLS/DOC) ----------

/** Best effort: UTF-16LE runs (how XLS/DOC store most text, Chinese included) and long ASCII runs. */
function printableStrings(body: Buffer, sink: TextSink): void {
  const isText16 = (c: number): boolean =>
    (c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
  let run: string[] = [];
  const flush16 = (): void => {
    if (run.length >= 4) sink.add(run.join('') + '\n');
    run = [];
  };
  for (let i = 0; i + 1 < body.length && !sink.full; i += 2) {
    const c = body[i] | (body[i + 1] << 8);
    if (isText16(c)) run.push(String.fromCharCode(c));
    else flush16();
  }
  flush16();
  let ascii = '';
  for (let i = 0; i < body.length && !sink.full; i++) {
    const c = body[i];
    if (c >= 0x20 && c < 0x7f) ascii += String.fromCharCode(c);
    else {
      if (ascii.length >= 8) sink.add(ascii + '\n');
      ascii = '';
    }
  }
  if (ascii.length >= 8) sink.add(ascii + '\n');
}
