import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Frontier, type FrontierEntry } from '../../src/crawl/frontier.js';
import { LinkBook } from '../../src/crawl/links.js';
import { Politeness } from '../../src/crawl/politeness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const workDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'frontier-test-'));
  dirs.push(d);
  return d;
};
const page = (url: string, depth = 1): FrontierEntry => ({ url, depth, kind: 'page', internal: true });
const opts = { memoryLimit: 1000, maxDepth: 5, maxUrls: 100_000, maxQueryVariantsPerPath: 50 };

describe('Frontier', () => {
  it('dedupes before enqueue and pops FIFO', () => {
    const f = new Frontier(opts);
    expect(f.offer(page('http://a/1'))).toBe('queued');
    expect(f.offer(page('http://a/1'))).toBe('seen');
    expect(f.offer(page('http://a/2', 2))).toBe('queued');
    expect(f.size).toBe(2);
    expect(f.pop()?.url).toBe('http://a/1');
    expect(f.pop()?.url).toBe('http://a/2');
    expect(f.pop()).toBeUndefined();
    expect(f.offer(page('http://a/1'))).toBe('seen'); // popped URLs stay seen
    f.close();
  });

  it('spills queue and seen-set to SQLite past the memory limit, keeping FIFO order and dedupe', () => {
    const dir = workDir();
    const f = new Frontier({ ...opts, memoryLimit: 100, workDir: dir });
    const ref = { url: 'http://a/', isHome: true, place: 'nav' as const, tag: 'a' as const, text: '首页' };
    for (let i = 0; i < 2000; i++) expect(f.offer({ ...page(`http://a/p${i}`), ref })).toBe('queued');
    expect(f.spilled).toBe(true);
    expect(existsSync(join(dir, 'frontier.sqlite'))).toBe(true);
    for (let i = 0; i < 2000; i += 7) expect(f.offer(page(`http://a/p${i}`))).toBe('seen');
    const got: string[] = [];
    for (let e = f.pop(); e; e = f.pop()) {
      got.push(e.url);
      if (got.length === 1000) f.offer(page('http://a/late')); // pushes while draining
      if (e.url !== 'http://a/late') expect(e.ref).toEqual(ref);
    }
    expect(got.length).toBe(2001);
    expect(got.slice(0, 2000)).toEqual(Array.from({ length: 2000 }, (_, i) => `http://a/p${i}`));
    expect(got[2000]).toBe('http://a/late');
    f.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('enforces depth, URL count, repeating paths and query variants, recording each cap', () => {
    const f = new Frontier({ ...opts, maxDepth: 2, maxUrls: 60, maxQueryVariantsPerPath: 5 });
    expect(f.offer(page('http://a/deep', 3))).toBe('max-depth');
    expect(f.offer({ url: 'http://a/deep.png', depth: 3, kind: 'resource', internal: true })).toBe('queued');
    expect(f.offer(page('http://a/x/y/x/y/x/y/'))).toBe('repeating-path');
    const outcomes = Array.from({ length: 8 }, (_, i) => f.offer(page(`http://a/cal?date=2024-01-0${i + 1}`)));
    expect(outcomes.filter((o) => o === 'queued').length).toBe(5);
    expect(outcomes.slice(5)).toEqual(['query-variants', 'query-variants', 'query-variants']);
    for (let i = 0; i < 100; i++) f.offer(page(`http://a/n${i}`));
    expect(f.accepted).toBe(60);
    expect(f.offer(page('http://a/one-more'))).toBe('max-urls');
    expect([...f.limitsHit].sort()).toEqual(['max-depth', 'max-urls', 'query-variants', 'repeating-path']);
    f.close();
  });

  it('counts query variants on disk too once many paths are seen', () => {
    const f = new Frontier({ ...opts, memoryLimit: 10, maxQueryVariantsPerPath: 3 });
    for (let p = 0; p < 30; p++) for (let q = 0; q < 5; q++) f.offer(page(`http://a/p${p}?q=${q}`));
    expect(f.accepted).toBe(90);
    f.close();
  });
});

describe('LinkBook', () => {
  it('keeps referrers only for pending and broken targets, capped at 10, counting all', () => {
    const book = new LinkBook(10);
    const ref = (i: number) => ({ url: `http://a/r${i}`, isHome: i === 0, place: 'body' as const, tag: 'a' as const, text: `r${i}` });
    book.track('http://a/x');
    for (let i = 1; i < 5; i++) book.note('http://a/x', ref(i));
    expect(book.resolve('http://a/x', { outcome: 'http-error', status: 404 }, true, ref(0))).toBe(true);
    for (let i = 5; i < 30; i++) book.note('http://a/x', ref(i));
    book.track('http://a/ok');
    book.note('http://a/ok', ref(1));
    expect(book.resolve('http://a/ok', { outcome: 'ok', status: 200 }, true, ref(0))).toBe(false);
    expect(book.wants('http://a/ok')).toBe(false);
    const [b] = book.list();
    expect(book.list().length).toBe(1);
    expect(b.seenCount).toBe(30);
    expect(b.seenOn.length).toBe(10);
    expect(b.seenOn[0].isHome).toBe(true);
  });
});

describe('Politeness', () => {
  it('never exceeds per-host or global concurrency and honours back-off', () => {
    const p = new Politeness<string>({ concurrency: 3, perHostConcurrency: 2, perHostDelayMs: 0, maxParked: 10, maxBackoffMs: 1000 });
    expect(p.tryStart('a', 0)).toBe(true);
    expect(p.tryStart('a', 0)).toBe(true);
    expect(p.tryStart('a', 0)).toBe(false);
    p.park('a', 'a3');
    expect(p.take(0)).toBe(Infinity);
    expect(p.tryStart('b', 0)).toBe(true);
    expect(p.hasGlobalSlot).toBe(false);
    p.finish('b');
    expect(p.take(0)).toBe(Infinity); // host a still full
    p.finish('a');
    expect(p.take(0)).toEqual({ item: 'a3', host: 'a' });
    p.backoff('c', 500, 0);
    p.park('c', 'c1');
    expect(p.take(100)).toBe(400);
    expect(p.take(600)).toEqual({ item: 'c1', host: 'c' });
  });
});
