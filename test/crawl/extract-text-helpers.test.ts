// The extractor's hand-written text scans must answer exactly what the regexes they replace answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLANK, SPACED, collapse, isSpaceCode, spaceShape } from '../../src/crawl/extract/markup.js';
import { RecentText, TAIL } from '../../src/crawl/extract/recent.js';

const regexCollapse = (s: string) => s.replace(/\s+/g, ' ').trim();

// Text built from the characters that matter: every kind of whitespace, ASCII, CJK and the footer words.
const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2003', '\ufeff', '\u200b', 'a', 'Z', '1', '中', '码', '备', '，', 'ICP备', '标识码');
const text = fc.array(piece, { maxLength: 30 }).map((xs) => xs.join(''));

describe('whitespace scans', () => {
  it('isSpaceCode is \\s for every UTF-16 code unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it('spaceShape and collapse agree with the regexes', () => {
    fc.assert(
      fc.property(text, (s) => {
        const shape = spaceShape(s);
        expect(shape === BLANK).toBe(!/\S/.test(s));
        if (shape === SPACED) expect(s.replace(/\s+/g, ' ')).toBe(s);
        expect(collapse(s)).toBe(regexCollapse(s));
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });
});

describe('RecentText', () => {
  it('keeps the tail the old string window kept, and knows where 码 and 备 are', () => {
    fc.assert(
      fc.property(fc.array(text.map((s) => s.trim()), { maxLength: 40 }), (nodes) => {
        const r = new RecentText();
        let stream = '';
        for (const n of nodes) {
          const before = stream.slice(-TAIL);
          r.push(n);
          stream += ' ' + n;
          expect(r.before()).toBe(before);
          expect(r.newest()).toBe(' ' + n);
          expect(r.beforeHadWord).toBe(/[码备]/.test(before));
          expect(r.newestHasWord).toBe(/[码备]/.test(n));
        }
      }),
      { numRuns: 1_500, seed: 7 },
    );
  });
});
