import { describe, expect, it } from 'vitest';
import { conditionalHeaders, validatorsOf } from '../../src/crawl/page-cache.js';

describe('validatorsOf', () => {
  it('keeps the ETag and Last-Modified a response sent, and nothing else', () => {
    expect(validatorsOf({ etag: '"a1"', 'last-modified': 'Fri, 04 Dec 2026 10:00:00 GMT', 'content-type': 'text/html' })).toEqual({
      etag: '"a1"',
      lastModified: 'Fri, 04 Dec 2026 10:00:00 GMT',
    });
    expect(validatorsOf({ etag: '"a1"' })).toEqual({ etag: '"a1"' });
    expect(Object.keys(validatorsOf({ 'last-modified': 'x' })!)).toEqual(['lastModified']);
  });

  it('is undefined without either, and an empty value counts as none', () => {
    expect(validatorsOf({ 'content-type': 'text/html' })).toBeUndefined();
    expect(validatorsOf({ etag: '', 'last-modified': '' })).toBeUndefined();
  });

  it('bounds what a hostile server sends', () => {
    expect(validatorsOf({ etag: 'e'.repeat(5000) })!.etag).toHaveLength(200);
  });

  it('asks with If-None-Match before If-Modified-Since', () => {
    expect(conditionalHeaders({ etag: '"a1"', lastModified: 'x' })).toEqual({ 'if-none-match': '"a1"' });
    expect(conditionalHeaders({ lastModified: 'x' })).toEqual({ 'if-modified-since': 'x' });
    expect(conditionalHeaders(undefined)).toBeUndefined();
  });
});
