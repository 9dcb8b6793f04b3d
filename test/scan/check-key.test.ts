// The key under which page check results are reused by an incremental rescan changes with everything the
// results depend on, and only with that.
import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import { clockMatters, pageCheckKey } from '../../src/scan/check-key.js';
import { findPrivacy } from '../../src/text/privacy.js';
import { idCheckChar } from '../../src/text/validators.js';
import { loadDictionaries } from '../../src/text/dictionaries.js';

describe('page check key', () => {
  const cfg = defaultConfig();
  const dicts = loadDictionaries();
  const root = 'http://www.example.gov.cn/';
  const base = pageCheckKey(cfg, root, dicts);

  it('is stable for the same inputs (no clock input: titles are judged by the page date)', () => {
    expect(pageCheckKey(cfg, root, loadDictionaries())).toBe(base);
  });

  it('changes with the check configuration, the site and its subsites', () => {
    expect(pageCheckKey(mergeConfig(cfg, { checks: { disabled: ['typo'] } }), root, dicts)).not.toBe(base);
    expect(pageCheckKey(cfg, 'http://www.other.gov.cn/', dicts)).not.toBe(base);
    expect(pageCheckKey(mergeConfig(cfg, { crawl: { subsites: ['zwgk.example.gov.cn'] } }), root, dicts)).not.toBe(base);
  });

  it('changes with a dictionary entry', () => {
    const more = { ...dicts, entries: [...dicts.entries, { ...dicts.entries[0], word: '新增词条' }] };
    expect(pageCheckKey(cfg, root, more)).not.toBe(base);
  });

  it('changes when a leader row or its term changes', () => {
    const leaders = [{ name: '王某某', title: '示范市副市长', validFrom: '2026-12-05', source: 'test' }];
    const withLeader = pageCheckKey(cfg, root, { ...dicts, leaders });
    expect(withLeader).not.toBe(base);
    expect(pageCheckKey(cfg, root, { ...dicts, leaders: [{ ...leaders[0], validTo: '2027-01-01' }] })).not.toBe(withLeader);
  });
});

describe('clockMatters: whether a page\'s privacy-leak result can change with the day', () => {
  // Born 2027-01-15: not a valid ID number on 2026-12-03 (birth date in the future), valid a year later.
  const first17 = '21080220270115021';
  const futureId = first17 + idCheckChar(first17);
  const today = new Date('2026-12-03T04:00:00Z');
  const nextYear = new Date('2027-12-03T04:00:00Z');
  const page = (text: string, title = '公示') => ({ title, text });

  it('holds for text with an ID number whose answer does change with the day', () => {
    expect(findPrivacy(futureId, today)).toEqual([]);
    expect(findPrivacy(futureId, nextYear).map((m) => m.type)).toEqual(['id-card']);
    expect(clockMatters(page(`申请人 ${futureId} 已公示`))).toBe(true);
    expect(clockMatters(page('正文', `名单 ${futureId}`))).toBe(true);
  });

  it('holds for 15-digit runs, full-width digits and digits split by invisible characters', () => {
    expect(clockMatters(page('证件号 210802780615021'))).toBe(true);
    expect(clockMatters(page('２１０８０２２０２７０１１５０２１Ｘ'))).toBe(true);
    const split = `${futureId.slice(0, 9)}\u200b${futureId.slice(9)}`;
    expect(findPrivacy(split, nextYear).map((m) => m.type)).toEqual(['id-card']);
    expect(clockMatters(page(split))).toBe(true);
  });

  it('does not hold for text whose digit runs are all shorter than an ID number', () => {
    const text = '发布时间：2026-12-03 联系电话 13812345678 邮编 110000 文号 20261203001 第12345678901234号';
    expect(clockMatters(page(text))).toBe(false);
    expect(findPrivacy(text, today)).toEqual(findPrivacy(text, nextYear));
  });
});
