import { describe, expect, it } from 'vitest';
import { createScope } from '../../src/domain/index.js';
import { classifyUrl, hasRepeatingSegments, isRejectedScheme, normalizeUrl, targetKindOf } from '../../src/crawl/url.js';

describe('normalizeUrl', () => {
  it.each([
    ['HTTP://WWW.Example.GOV.cn/a', 'http://www.example.gov.cn/a'],
    ['http://example.gov.cn:80/a', 'http://example.gov.cn/a'],
    ['https://example.gov.cn:443/a', 'https://example.gov.cn/a'],
    ['http://example.gov.cn:8080/a', 'http://example.gov.cn:8080/a'],
    ['http://example.gov.cn/a/./b/../c.html#top', 'http://example.gov.cn/a/c.html'],
    ['http://example.gov.cn/list?', 'http://example.gov.cn/list'],
    ['http://example.gov.cn/list?b=2&a=1', 'http://example.gov.cn/list?b=2&a=1'],
    ['http://example.gov.cn/list#', 'http://example.gov.cn/list'],
    ['http://example.gov.cn/list?#', 'http://example.gov.cn/list'],
    ['http://example.gov.cn/list?#top', 'http://example.gov.cn/list'],
    ['http://example.gov.cn/list#top?', 'http://example.gov.cn/list'],
    ['http://example.gov.cn/list?q=?', 'http://example.gov.cn/list?q=?'],
    ['http://example.gov.cn/list??', 'http://example.gov.cn/list??'],
    ['http://example.gov.cn/list?q=?#top', 'http://example.gov.cn/list?q=?'],
    ['http://example.gov.cn', 'http://example.gov.cn/'],
    ['http://example.gov.cn/index.html', 'http://example.gov.cn/index.html'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it('resolves relative links against the page', () => {
    expect(normalizeUrl('../xxgk/index.html', 'http://a.gov.cn/zwgk/tzgg/')).toBe('http://a.gov.cn/zwgk/xxgk/index.html');
    expect(normalizeUrl('?page=2', 'http://a.gov.cn/list.jsp?page=1')).toBe('http://a.gov.cn/list.jsp?page=2');
  });

  it('rejects javascript:, mailto:, tel:, data: and junk', () => {
    for (const href of ['javascript:void(0)', 'mailto:x@a.gov.cn', 'tel:12345', 'data:text/html,hi', ' JavaScript:;']) {
      expect(isRejectedScheme(href)).toBe(true);
      expect(normalizeUrl(href, 'http://a.gov.cn/')).toBeNull();
    }
    expect(classifyUrl('ftp://a.gov.cn/x')).toMatchObject({ kind: 'rejected', reason: 'scheme' });
    expect(classifyUrl('http://')).toMatchObject({ kind: 'rejected', reason: 'invalid' });
    expect(classifyUrl('http://a.gov.cn/' + 'x'.repeat(3000))).toMatchObject({ kind: 'rejected', reason: 'too-long' });
    expect(isRejectedScheme('/news/1.html')).toBe(false);
  });

  it('classifies targets by extension', () => {
    expect(targetKindOf('/a/b/')).toBe('page');
    expect(targetKindOf('/a/t20240101_1.html')).toBe('page');
    expect(targetKindOf('/list.jsp')).toBe('page');
    expect(targetKindOf('/files/x.PDF')).toBe('attachment');
    expect(targetKindOf('/files/x.et')).toBe('attachment');
    expect(targetKindOf('/img/logo.png')).toBe('resource');
    expect(targetKindOf('/.hidden')).toBe('page');
  });

  it('detects paths whose segments repeat three times', () => {
    expect(hasRepeatingSegments('/a/b/a/b/a/b/')).toBe(true);
    expect(hasRepeatingSegments('/x/x/x')).toBe(true);
    expect(hasRepeatingSegments('/a/b/a/b/')).toBe(false);
    expect(hasRepeatingSegments('/2024/01/02/t.html')).toBe(false);
  });
});

describe('scope', () => {
  it('accepts the host, its www twin and subsites; ignores ports and scheme', () => {
    const s = createScope('http://www.example.gov.cn:8080/', ['jyj.example.gov.cn', 'https://WSB.example.gov.cn/']);
    expect(s.inScope('http://www.example.gov.cn/a')).toBe(true);
    expect(s.inScope('https://example.gov.cn/a')).toBe(true);
    expect(s.inScope('http://jyj.example.gov.cn/')).toBe(true);
    expect(s.inScope('http://www.jyj.example.gov.cn/')).toBe(true);
    expect(s.inScope('http://wsb.example.gov.cn/')).toBe(true);
    expect(s.inScope('http://other.example.gov.cn/')).toBe(false);
    expect(s.inScope('http://www.gov.cn/')).toBe(false);
    expect(s.inScope('not a url')).toBe(false);
    s.addHost('moved.gov.cn');
    expect(s.inScope('http://www.moved.gov.cn/')).toBe(true);
  });
});
