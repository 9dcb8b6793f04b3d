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
