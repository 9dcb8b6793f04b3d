import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcher } from '../../src/text/matcher.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) out.push(`${i}@${at + p.length}`);
  });
  return out.sort();
}

function viaMatcher(patterns: string[], text: string): string[] {
  const out: string[] = [];
  buildMatcher(patterns).scan(text, (i, end) => out.push(`${i}@${end}`));
  return out.sort();
}

describe('Aho-Corasick matcher', () => {
  it('reports overlapping and nested matches with their pattern ids', () => {
    const patterns = ['he', 'she', 'his', 'hers', '网上赌场', '赌场'];
    expect(viaMatcher(patterns, 'ushers 欢迎网上赌场')).toEqual(naive(patterns, 'ushers 欢迎网上赌场'));
    expect(viaMatcher(patterns, 'ushers')).toEqual(['0@4', '1@4', '3@6']);
  });

  it('reports duplicate patterns under each id', () => {
    expect(viaMatcher(['六合彩', '六合彩'], '买六合彩')).toEqual(['0@4', '1@4']);
  });

  it('property: equals a naive indexOf search on random inputs', () => {
    const ch = fc.constantFrom('a', 'b', 'c', '中', '华', '\ud83d', '\ude00');
    const word = fc.array(ch, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 15 }), fc.array(ch, { maxLength: 80 }), (patterns, text) => {
        expect(viaMatcher(patterns, text.join(''))).toEqual(naive(patterns, text.join('')));
      }),
      { numRuns: 400 },
    );
  });

  it('handles an empty pattern list and empty text', () => {
    expect(viaMatcher([], 'abc')).toEqual([]);
    expect(viaMatcher(['a'], '')).toEqual([]);
  });
});
