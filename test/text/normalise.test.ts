import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalise } from '../../src/text/normalise.js';

describe('normalise', () => {
  it('converts traditional to simplified one character for one', () => {
    const n = normalise('澳門賭場,六合彩,成人視頻,一夜情,百家樂');
    expect(n.text).toBe('澳门赌场,六合彩,成人视频,一夜情,百家乐');
  });

  it('folds full-width forms and lower-cases ASCII', () => {
    expect(normalise('ＡＢＣ１２３　Ｘyz').text).toBe('abc123 xyz');
  });

  it('removes zero-width characters and soft hyphens', () => {
    const s = '赌\u200b场\u200c网\u200d上\ufeff赌\u2060场\u00ad';
    expect(normalise(s).text).toBe('赌场网上赌场');
  });

  it('joins letter-spaced Chinese and dodge punctuation between Chinese characters', () => {
    expect(normalise('坚决维护中 华 人 民 共 合 国主权').text).toBe('坚决维护中华人民共合国主权');
    expect(normalise('欢迎光临赌.场').text).toBe('欢迎光临赌场');
    expect(normalise('六*合*彩').text).toBe('六合彩');
  });

  it('keeps real word boundaries and sentence punctuation', () => {
    expect(normalise('网站首页 台湾 政府信息公开').text).toBe('网站首页 台湾 政府信息公开');
    expect(normalise('台湾，政府').text).toBe('台湾,政府'); // full-width comma folds but stays
    expect(normalise('version 1.2 a-b').text).toBe('version 1.2 a-b');
    expect(normalise('首页|台湾|政府|教育/卫生').text).toBe('首页|台湾|政府|教育/卫生');
    expect(normalise('欢迎赌-场').text).toBe('欢迎赌场');
    expect(normalise('买六|合|彩').text).toBe('买六合彩');
  });

  it('maps a match back to the exact original slice', () => {
    const original = '坚决维护中 华 人 民 共 合 国主权';
    const n = normalise(original);
    const at = n.text.indexOf('中华人民共合国');
    const [s, e] = n.toOriginal(at, at + 7);
    expect(original.slice(s, e)).toBe('中 华 人 民 共 合 国');
  });

  it('property: any normalised range maps to an original slice that normalises to the same text', () => {
    const alphabet = fc.constantFrom(...'中华人民共和國澳門賭場 .*\u200bＡＢ１a,，。台湾政府X'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const original = chars.join('');
        const n = normalise(original);
        if (n.text.length === 0) return;
        const s = a % n.text.length;
        const e = s + 1 + (b % (n.text.length - s));
        const [os, oe] = n.toOriginal(s, e);
        expect(os).toBeLessThanOrEqual(oe);
        // The original slice, normalised alone, gives back the normalised range (edge separators aside).
        expect(normalise(original.slice(os, oe)).text.replace(/[ .*]/g, '')).toBe(n.text.slice(s, e).replace(/[ .*]/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});
