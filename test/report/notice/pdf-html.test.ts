// Opens the PDF and HTML as a reader would: Chromium prints the PDF, poppler reads it back (page count,
// text, first page as PNG); the HTML is checked for escaping and self-containment. UPDATE_DOCS=1 also
// writes the first page to docs/notice-page1.png for the README.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPrinter, type Printer } from '../../../src/report/notice/pdf.js';
import { renderNotice } from '../../../src/report/notice/render.js';
import { fixtureOptions, fixtureSnapshot } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'notice-'));
let printer: Printer;
beforeAll(async () => {
  printer = await openPrinter(); // the headless shell where installed, as the platform prints
});
afterAll(async () => {
  await printer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, '');

describe('通报 PDF', () => {
  it('prints A4 pages with the text, the figures, page numbers 「— N —」 and the charts', async () => {
    const { body, doc } = await renderNotice(fixtureSnapshot(), fixtureOptions(), 'pdf', { printer });
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, body);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = squash(text);
    for (const t of [doc.title, '营政办公开〔2024〕12号', '本次共检查全市政府网站6个（其中政府门户网站1个、部门网站5个），检查率83.3%。',
      '合格3个，不合格2个，合格率60%', '网民留言12条，已办理答复11条，其中按时答复10条', '【待补充：政务新媒体检查情况', '营口市人民政府办公室2024年7月5日',
      '全市政府网站检查发现问题清单', '图1各单位网站检查结果', '图3历次常态检查结果']) expect(flat).toContain(squash(t));
    // Page numbers, one per page, and the chart texts drawn from the SVG (so the images did load).
    const pageTexts = text.split('\f').filter((p) => p.trim());
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((p, i) => expect(squash(p)).toMatch(new RegExp(`—${i + 1}—$`)));
    expect(flat).toContain('2024年第4次');
    expect(flat).toContain('未判定');
    // The first page as a reader sees it.
    execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page1')]);
    const png = readFileSync(join(dir, 'page1.png'));
    expect(png.readUInt32BE(16)).toBe(827); // 210 mm at 100 dpi
    expect(png.readUInt32BE(20)).toBe(1170); // 297 mm
    if (process.env.UPDATE_DOCS) copyFileSync(join(dir, 'page1.png'), join(process.cwd(), 'docs/notice-page1.png'));
  });
});

describe('通报 HTML', () => {
  it('is one self-contained, escaped file with print CSS to GB/T 9704', async () => {
    const html = (await renderNotice(fixtureSnapshot(), fixtureOptions(), 'html')).body.toString('utf8');
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('content: "— " counter(page) " —"');
    expect(html).toContain('&lt;a href=&quot;/b&quot;&gt;办事指南&lt;/a&gt;');
    expect(html).not.toMatch(/<a |<script|src="http|href="http/);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)).toHaveLength(3);
    expect(html).toContain('<mark class="placeholder">【待补充：政务新媒体检查情况');
  });
});

describe('通报 DOCX charts', () => {
  it('embeds each chart as SVG with a PNG fallback drawn by Chromium', async () => {
    const { body, warning } = await renderNotice(fixtureSnapshot(), fixtureOptions(), 'docx', { printer });
    expect(warning).toBeUndefined();
    const files = unzipSync(new Uint8Array(body));
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(3);
    const pngs = media.filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(3);
    for (const f of pngs) expect(files[f].length).toBeGreaterThan(5_000); // a drawn chart, not the blank fallback
    const docXml = new TextDecoder().decode(files['word/document.xml']);
    expect(docXml.match(/asvg:svgBlip/g)?.length).toBe(3);
  });
});

describe('the printer', () => {
  it('fetches nothing the document names: no loopback server, no other local file; data: images still draw', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const secret = join(dir, 'secret.html');
    writeFileSync(secret, '<p>本机文件内容不应出现</p>');
    try {
      const dot = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"></head>
        <body><p>打印测试正文</p><img src="http://127.0.0.1:${port}/beacon.png"><iframe src="${pathToFileURL(secret).href}"></iframe>
        <img src="data:image/png;base64,${dot}" width="40" height="40"></body></html>`;
      const pdf = await printer.pdf(html);
      const file = join(dir, 'guard.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain('打印测试正文');
      expect(text).not.toContain('本机文件内容不应出现');
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });
});
