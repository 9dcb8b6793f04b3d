// Shared helpers for the extraction tests: build ExtractInput and feed bodies in random chunks.
import type { ExtractInput } from '../../src/crawl/extract/index.js';
import { createExtractor, extractFacts } from '../../src/crawl/extract/index.js';
import type { PageFacts } from '../../src/domain/index.js';

export function input(url: string, opts: Partial<ExtractInput> = {}): ExtractInput {
  return {
    url,
    finalUrl: url,
    depth: 1,
    isHome: false,
    contentTypeHeader: 'text/html',
    fetch: { url, finalUrl: url, redirects: [], outcome: 'ok', status: 200, ms: 5, headers: {}, contentType: 'text/html', bytes: 0 },
    maxTextChars: 200_000,
    now: new Date('2025-12-01T00:00:00Z'),
    ...opts,
  };
}

/** Deterministic PRNG so a failing chunking can be reproduced from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function extractChunked(inp: ExtractInput, body: Buffer, seed: number, min = 7, max = 300): PageFacts {
  const r = rng(seed);
  const ex = createExtractor(inp);
  for (let i = 0; i < body.length; ) {
    const n = min + Math.floor(r() * (max - min + 1));
    ex.write(body.subarray(i, i + n));
    i += n;
  }
  return ex.end();
}

export function html(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试页</title>${head}</head><body>${body}</body></html>`;
}

export function facts(body: string, url = 'http://www.example.gov.cn/a/b/page.html', opts: Partial<ExtractInput> = {}): PageFacts {
  return extractFacts(input(url, opts), Buffer.from(body, 'utf8'));
}
