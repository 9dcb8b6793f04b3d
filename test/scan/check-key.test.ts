// The key under which page check results are reused by an incremental rescan changes with everything the
// results depend on, and only with that.
import { describe, expect, it } from 'vitest';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import { pageCheckKey } from '../../src/scan/check-key.js';
import { loadDictionaries } from '../../src/text/dictionaries.js';

describe('page check key', () => {
  const cfg = defaultConfig();
  const dicts = loadDictionaries();
  const root = 'http://www.example.gov.cn/';
  const day = new Date('2026-12-03T04:00:00Z');
  const base = pageCheckKey(cfg, root, dicts, day);

  it('is stable for the same inputs, on the same and on a later day', () => {
    expect(pageCheckKey(cfg, root, dicts, new Date('2026-12-03T15:00:00Z'))).toBe(base);
    expect(pageCheckKey(cfg, root, dicts, new Date('2026-12-10T04:00:00Z'))).toBe(base);
  });

  it('changes with the check configuration, the site and its subsites', () => {
    expect(pageCheckKey(mergeConfig(cfg, { checks: { disabled: ['typo'] } }), root, dicts, day)).not.toBe(base);
    expect(pageCheckKey(cfg, 'http://www.other.gov.cn/', dicts, day)).not.toBe(base);
    expect(pageCheckKey(mergeConfig(cfg, { crawl: { subsites: ['zwgk.example.gov.cn'] } }), root, dicts, day)).not.toBe(base);
  });

  it('changes with a dictionary entry', () => {
    const more = { ...dicts, entries: [...dicts.entries, { ...dicts.entries[0], word: '新增词条' }] };
    expect(pageCheckKey(cfg, root, more, day)).not.toBe(base);
  });

  it('changes on the day a leader takes or leaves a title', () => {
    const leaders = [{ name: '王某某', title: '示范市副市长', validFrom: '2026-12-05', source: 'test' }];
    const withLeader = { ...dicts, leaders };
    const before = pageCheckKey(cfg, root, withLeader, new Date('2026-12-04T04:00:00Z'));
    expect(pageCheckKey(cfg, root, withLeader, new Date('2026-12-04T15:59:00Z'))).toBe(before); // 23:59 in Shanghai
    expect(pageCheckKey(cfg, root, withLeader, new Date('2026-12-04T16:00:00Z'))).not.toBe(before); // 12-05 00:00
  });
});
