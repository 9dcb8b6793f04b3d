// The dashboard's pure helpers: coverage normalising, the unit tree, Beijing-time formatting, safe links.
import { describe, expect, it } from 'vitest';
import { normaliseCoverage } from '../../web/src/utils/coverage.js';
import { buildUnitTree, descendantIds } from '../../web/src/utils/tree.js';
import { beijingDays, formatDateTime, safeHref } from '../../web/src/utils/format.js';
import { CHECKS } from '../../web/src/utils/checks.js';
import zh from '../../web/src/i18n/zh-CN.js';
import en from '../../web/src/i18n/en.js';

const unit = (id: number, parentId: number | null) => ({ id, name: `单位${id}`, type: 'other' as const, parentId, includeSubunits: false });

describe('coverage of checks', () => {
  it('reads the grouped form', () => {
    const rows = normaliseCoverage({ ran: ['typo'], skipped: [{ check: 'no-ipv6', reason: '无 IPv6' }], failed: [{ check: 'tls-chain', error: '超时' }] });
    expect(rows).toEqual([
      { check: 'typo', status: 'ran', reason: '' },
      { check: 'no-ipv6', status: 'skipped', reason: '无 IPv6' },
      { check: 'tls-chain', status: 'failed', reason: '超时' },
    ]);
  });

  it('reads a list and a record keyed by check id', () => {
    expect(normaliseCoverage([{ check: 'typo', status: 'skipped', reason: '已禁用' }])).toEqual([{ check: 'typo', status: 'skipped', reason: '已禁用' }]);
    expect(normaliseCoverage({ typo: 'ran', 'no-ipv6': { status: 'failed', error: 'x' } })).toEqual([
      { check: 'typo', status: 'ran', reason: '' },
      { check: 'no-ipv6', status: 'failed', reason: 'x' },
    ]);
  });

  it('reads the scan report\'s own coverage (checks keyed by id; partial shown as skipped with its reason)', () => {
    const report = {
      complete: false,
      checks: { typo: { status: 'ran', pages: 12 }, cloaking: { status: 'partial', reason: '未安装 Chromium，浏览器部分未运行' }, 'no-ipv6': { status: 'failed', reason: '超时', errors: 1 } },
      crawlNotes: ['站点地图：14 个网址已加入抓取'],
      checkErrors: { count: 1, examples: [] },
    };
    expect(normaliseCoverage(report)).toEqual([
      { check: 'typo', status: 'ran', reason: '' },
      { check: 'cloaking', status: 'skipped', reason: '未安装 Chromium，浏览器部分未运行' },
      { check: 'no-ipv6', status: 'failed', reason: '超时' },
    ]);
  });

  it('is empty without coverage', () => {
    expect(normaliseCoverage(undefined)).toEqual([]);
    expect(normaliseCoverage('nonsense')).toEqual([]);
  });
});

describe('unit tree', () => {
  it('nests by parent and keeps units whose parent is not visible as roots', () => {
    const roots = buildUnitTree([unit(1, null), unit(2, 1), unit(3, 2), unit(4, 99)]);
    expect(roots.map((r) => r.id)).toEqual([1, 4]);
    expect(roots[0].children[0].children[0].id).toBe(3);
  });

  it('finds a unit and its descendants', () => {
    expect([...descendantIds([unit(1, null), unit(2, 1), unit(3, 2), unit(4, null)], 1)].sort()).toEqual([1, 2, 3]);
  });
});

describe('formatting', () => {
  it('shows instants in Beijing time', () => {
    expect(formatDateTime('2026-12-01T18:05:00Z')).toBe('2026-12-02 02:05');
    expect(formatDateTime(null)).toBe('—');
  });

  it('counts days in Beijing: 17:00 UTC is already the next day there', () => {
    expect(beijingDays(3, Date.parse('2026-12-02T17:00:00Z'))).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(beijingDays(1, Date.parse('2026-12-02T15:59:59Z'))).toEqual(['2026-12-02']);
  });

  it('makes links only of http(s) URLs', () => {
    expect(safeHref('https://www.example.gov.cn/a?b=1')).toBe('https://www.example.gov.cn/a?b=1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});

describe('labels', () => {
  it('names every check id of the contract', async () => {
    const { readFile } = await import('node:fs/promises');
    const contracts = await readFile(new URL('../../docs/contracts.md', import.meta.url), 'utf8');
    const ids = [...contracts.matchAll(/^\| `([a-z0-9-]+)`/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(15);
    const named = new Set(CHECKS.map((c) => c.id));
    for (const id of ids) expect(named.has(id), id).toBe(true);
  });

  it('has the same messages in both locales', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    // vue-i18n syntax characters would break a message at runtime.
    for (const m of [...Object.values(zh), ...Object.values(en)].flatMap((v) => JSON.stringify(v).match(/[@|]/g) ?? [])) expect(m).toBe('');
  });
});
