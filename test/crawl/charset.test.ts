// Charset detection and streaming decoding: declared, BOM, meta, sniffed and wrongly declared pages.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createDecoder, sniffCharset } from '../../src/crawl/charset.js';
import { extractChunked, input } from './extract-helpers.js';
import { extractFacts } from '../../src/crawl/extract/index.js';

const TITLE = '邯郸市人民政府办公室关于做好政务公开工作的通知';
const body = (meta: string, filler = 0) =>
  `<html><head>${meta}<title>${TITLE}</title></head><body>${' '.repeat(filler)}<p>发布日期：2024年3月5日</p><p>网站标识码：1304000009 冀ICP备05029117号-1</p></body></html>`;
const gb = (s: string, enc = 'gbk') => iconv.encode(s, enc);
const url = 'http://www.example.gov.cn/art/2024/3/5/art_1_1.html';

describe('sniffCharset', () => {
  it('prefers the header, then BOM, then meta, then a sniff', () => {
    expect(sniffCharset('text/html; charset=GBK', Buffer.from('<html>'))).toEqual({ charset: 'gbk', source: 'header' });
    expect(sniffCharset('text/html', Buffer.from([0xef, 0xbb, 0xbf, 0x3c]))).toEqual({ charset: 'utf-8', source: 'bom' });
    expect(sniffCharset('text/html', Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))).toEqual({ charset: 'gb2312', source: 'meta' });
    expect(sniffCharset('', Buffer.from('<p>中文</p>'))).toEqual({ charset: 'utf-8', source: 'sniff' });
    expect(sniffCharset('', gb('<p>中文</p>'))).toEqual({ charset: 'gb18030', source: 'sniff' });
    expect(sniffCharset('', Buffer.from('<p>ascii</p>'))).toEqual({ charset: 'utf-8', source: 'default' });
  });
  it('uses a GB meta over a lying utf-8 header when the bytes are not UTF-8', () => {
    expect(sniffCharset('text/html; charset=utf-8', gb('<meta charset="gb2312"><title>中文标题</title>'))).toEqual({ charset: 'gb2312', source: 'meta' });
    expect(sniffCharset('text/html; charset=utf-8', Buffer.from('<meta charset="gb2312"><title>中文标题</title>'))).toEqual({ charset: 'utf-8', source: 'header' });
  });
  it('never throws on junk labels', () => {
    expect(sniffCharset('text/html; charset=no-such-thing', Buffer.from('<meta charset="x-bogus">é'))).toMatchObject({ source: 'sniff' });
    expect(createDecoder('no-such-thing').write(Buffer.from('ok'))).toBe('ok');
  });
});

describe('createDecoder', () => {
  it('decodes GBK split inside a character, byte by byte', () => {
    const bytes = gb(TITLE);
    const d = createDecoder('gbk');
    let out = '';
    for (const b of bytes) out += d.write(Buffer.from([b]));
    expect(out + d.end()).toBe(TITLE);
  });
});

describe('pages in Chinese legacy encodings', () => {
  for (const enc of ['gbk', 'gb2312', 'gb18030']) {
    it(`${enc} page declared by meta, whole and chunked`, () => {
      const bytes = gb(body(`<meta http-equiv="Content-Type" content="text/html; charset=${enc}">`), enc);
      const p = extractFacts(input(url, { contentTypeHeader: 'text/html' }), bytes);
      expect(p.title).toBe(TITLE);
      expect(p.charset).toBe(enc);
      expect(p.charsetSource).toBe('meta');
      expect(p.pubDate).toBe('2024-03-05');
      expect(p.identifiers.siteIdCode).toEqual({ value: '1304000009', where: 'footer' });
      expect(extractChunked(input(url), bytes, 9, 1, 5).title).toBe(TITLE);
    });
  }
  it('GBK declared only in the header', () => {
    const p = extractFacts(input(url, { contentTypeHeader: 'text/html; charset=gbk' }), gb(body('')));
    expect([p.charset, p.charsetSource, p.title]).toEqual(['gbk', 'header', TITLE]);
  });
  it('undeclared GBK after a long ASCII head is sniffed at the first non-ASCII byte', () => {
    const p = extractChunked(input(url, { contentTypeHeader: 'text/html' }), gb(body('<meta name="x" content="y">'.repeat(120))), 4);
    expect([p.charset, p.charsetSource, p.title]).toEqual(['gb18030', 'sniff', TITLE]);
  });
  it('a meta charset after 2 KB of ASCII still decides while nothing non-ASCII was seen', () => {
    const meta = '<meta name="x" content="y">'.repeat(100) + '<meta charset="gbk">';
    const p = extractChunked(input(url, { contentTypeHeader: 'text/html' }), gb(body(meta)), 5);
    expect([p.charset, p.charsetSource, p.title]).toEqual(['gbk', 'meta', TITLE]);
  });
  it('wrongly declared: utf-8 header over a GBK body with a gb2312 meta', () => {
    const bytes = gb(body('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'));
    const p = extractChunked(input(url, { contentTypeHeader: 'text/html; charset=utf-8' }), bytes, 11);
    expect([p.charset, p.charsetSource, p.title]).toEqual(['gb2312', 'meta', TITLE]);
    expect(p.notes.join()).toContain('不是合法 UTF-8');
  });
  it('wrongly declared with the first Chinese byte after 2 KB', () => {
    const bytes = gb(body('<meta charset="gb2312">' + '<meta name="x" content="y">'.repeat(100)));
    const p = extractFacts(input(url, { contentTypeHeader: 'text/html; charset=utf-8' }), bytes);
    expect([p.charset, p.charsetSource, p.title]).toEqual(['gb2312', 'meta', TITLE]);
  });
  it('UTF-8 BOM and UTF-16LE BOM pages', () => {
    const u8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(''))]);
    const p8 = extractFacts(input(url, { contentTypeHeader: 'text/html' }), u8);
    expect([p8.charset, p8.charsetSource, p8.title]).toEqual(['utf-8', 'bom', TITLE]);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body(''), 'utf16le')]);
    const p16 = extractChunked(input(url, { contentTypeHeader: 'text/html' }), u16, 3);
    expect([p16.charset, p16.charsetSource, p16.title]).toEqual(['utf-16le', 'bom', TITLE]);
  });
});
