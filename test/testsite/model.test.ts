import { describe, expect, it } from 'vitest';
import { createSite, buildModel, COLUMN_DEFS } from '../../testsite/index.js';
import { firstItemOlderThan, item, itemDaysBack, specialItem } from '../../testsite/model.js';

const today = new Date('2025-03-10T02:00:00Z');
const origin = 'http://www.linjiang.gov.cn:8080';

describe('testsite model', () => {
  it('is deterministic: same options give the same bytes', () => {
    const a = createSite({ origin, today, seed: 7 });
    const b = createSite({ origin, today, seed: 7 });
    const paths = [...a.allPaths()];
    expect(paths).toEqual([...b.allPaths()]);
    for (const p of paths) expect(a.render(p, { headers: {} }).body.equals(b.render(p, { headers: {} }).body)).toBe(true);
    expect(a.manifest(origin)).toEqual(b.manifest(origin));
    const c = createSite({ origin, today, seed: 8 });
    expect(c.render('/', { headers: {} }).body.equals(a.render('/', { headers: {} }).body)).toBe(false);
  });

  it.each([100, 300, 10_000])('scales to %i pages: allPaths matches pathCount and every path renders 200', (pages) => {
    const site = createSite({ origin, today, pages });
    const paths = [...site.allPaths()];
    expect(paths.length).toBe(site.pathCount);
    expect(new Set(paths).size).toBe(paths.length);
    expect(Math.abs(site.pathCount - pages) / pages).toBeLessThan(0.05);
    const step = Math.max(1, Math.floor(paths.length / 500));
    for (let k = 0; k < paths.length; k += step) expect(site.render(paths[k], { headers: {} }).status, paths[k]).toBe(200);
  });

  it('switches planted defects off one by one (fixed): the article is served clean, the manifest drops it', () => {
    const planted = createSite({ origin, today });
    const fixed = createSite({ origin, today, fixed: ['typo-zhenhan', 'privacy-attachments'] });
    const typoPath = specialItem(planted.model, 'typo-zhenhan').path;
    expect(specialItem(fixed.model, 'typo-zhenhan').path).toBe(typoPath); // same URL, now clean
    expect(planted.render(typoPath, { headers: {} }).body.toString()).toContain('震憾');
    expect(fixed.render(typoPath, { headers: {} }).body.toString()).not.toContain('震憾');
    const gone = planted.manifest(origin).filter((d) => !fixed.manifest(origin).some((k) => k.url === d.url && k.check === d.check && k.evidence === d.evidence));
    expect(gone.map((d) => d.check).sort()).toEqual(['privacy-leak', 'privacy-leak', 'privacy-leak', 'typo']);
    expect(fixed.manifest(origin).length).toBe(planted.manifest(origin).length - 4);
    // The other typo is still planted.
    expect(fixed.manifest(origin).some((d) => d.check === 'typo')).toBe(true);
  });

  it('handles a million pages without materialising them', () => {
    const before = process.memoryUsage().heapUsed;
    const site = createSite({ origin, today, pages: 1_000_000 });
    expect(Math.abs(site.pathCount - 1_000_000)).toBeLessThan(1000);
    let n = 0;
    let sample: string[] = [];
    for (const p of site.allPaths()) {
      if (n % 5000 === 0) sample.push(p);
      n++;
    }
    expect(n).toBe(site.pathCount);
    const t0 = performance.now();
    for (const p of sample) expect(site.render(p, { headers: {} }).status, p).toBe(200);
    const perPage = (performance.now() - t0) / sample.length;
    expect(perPage).toBeLessThan(5);
    sample = [];
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('dates: fresh columns updated within 3 days, planted stale columns old, lists newest first', () => {
    const m = buildModel({ today, pages: 2000 });
    const expected: Record<string, number> = { bmdt: 40, tzgg: 243, rsxx: 730, tjsj: 400 };
    for (const col of m.columns) {
      if (col.count === 0) {
        expect(col.def.slug).toBe('ztzl');
        continue;
      }
      const newest = itemDaysBack(col, 0);
      if (expected[col.def.slug]) expect(newest).toBe(expected[col.def.slug]);
      else expect(newest).toBeLessThanOrEqual(3);
      for (let i = 1; i < col.count; i++) expect(itemDaysBack(col, i)).toBeGreaterThanOrEqual(itemDaysBack(col, i - 1));
      expect(item(m, col, col.count - 1).date < item(m, col, 0).date || col.count === 1).toBe(true);
    }
    const clean = buildModel({ today, pages: 2000, defects: false });
    for (const col of clean.columns) {
      expect(col.count).toBeGreaterThan(0);
      expect(itemDaysBack(col, 0)).toBeLessThanOrEqual(3);
    }
    expect(COLUMN_DEFS.length).toBeGreaterThanOrEqual(13);
    const ywdt = m.bySlug.get('ywdt')!;
    expect(itemDaysBack(ywdt, firstItemOlderThan(ywdt, 30))).toBeGreaterThanOrEqual(30);
  });

  it('uses the Asia/Shanghai calendar date of today', () => {
    // 2025-03-09T17:00Z is already 2025-03-10 01:00 in Shanghai.
    expect(buildModel({ today: new Date('2025-03-09T17:00:00Z') }).today).toBe('2025-03-10');
    expect(buildModel({ today: new Date('2025-03-09T15:00:00Z') }).today).toBe('2025-03-09');
  });
});
