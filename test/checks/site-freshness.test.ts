import { describe, expect, it } from 'vitest';
import { emptyColumnCheck, staleColumnCheck, staleHomepageCheck } from '../../src/checks/site/index.js';
import { column, ctx, page, site } from './site-facts.js';

const homeWith = (listDates: string[], pubDate?: string) =>
  site({ home: page({ url: 'http://www.example.gov.cn/', kind: 'home', listDates, pubDate }) });

describe('stale-homepage (today is 2024-06-30 in Shanghai)', () => {
  it('newest item exactly 14 days old → not stale', () => {
    expect(staleHomepageCheck.run(homeWith(['2024-06-16', '2024-05-01']), ctx())).toEqual([]);
  });
  it('newest item 15 days old → stale, detail { days: 15, newest }', () => {
    const [f] = staleHomepageCheck.run(homeWith(['2024-05-01', '2024-06-15']), ctx());
    expect(f.detail).toMatchObject({ days: 15, newest: '2024-06-15' });
  });
  it('pubDate counts as a home page date too', () => {
    expect(staleHomepageCheck.run(homeWith(['2024-01-01'], '2024-06-29'), ctx())).toEqual([]);
  });
  it('no dates at all on the home page counts as not updated', () => {
    const [f] = staleHomepageCheck.run(homeWith([]), ctx());
    expect(f.detail).toMatchObject({ days: null, newest: null });
    expect(f.message).toContain('未注明发布时间');
  });
  it('a future date (typo) does not hide staleness', () => {
    expect(staleHomepageCheck.run(homeWith(['2099-01-01', '2024-01-01']), ctx())).toHaveLength(1);
  });
  it('uses Asia/Shanghai calendar days, not UTC', () => {
    // 2024-06-30T17:00Z is already 07-01 01:00 in Shanghai: 2024-06-16 is then 15 days old.
    const s = homeWith(['2024-06-16']);
    s.now = '2024-06-30T17:00:00.000Z';
    expect(staleHomepageCheck.run(s, ctx())[0].detail.days).toBe(15);
  });
  it('an unreachable home page is left to availability', () => {
    expect(staleHomepageCheck.run(site({ home: undefined }), ctx())).toEqual([]);
  });
});

describe('stale-column', () => {
  it('news 14 days ok, 15 days stale; notice 183 ok, 184 stale; personnel 365 ok, 366 stale', () => {
    const s = site({
      columns: [
        column({ name: '工作动态', newestDate: '2024-06-16' }),
        column({ name: '部门动态', newestDate: '2024-06-15' }),
        column({ name: '通知公告', type: 'notice', newestDate: '2023-12-30' }), // 183 days
        column({ name: '公示公告', type: 'notice', newestDate: '2023-12-29' }), // 184 days
        column({ name: '人事信息', type: 'personnel', level: 2, newestDate: '2023-07-01' }), // 365 days
        column({ name: '人事任免', type: 'personnel', level: 2, newestDate: '2023-06-30' }), // 366 days
      ],
    });
    const fs = staleColumnCheck.run(s, ctx());
    expect(fs.map((f) => f.detail.column)).toEqual(['部门动态', '公示公告', '人事任免']);
    expect(fs[0].detail).toMatchObject({ type: 'news', level: 1, days: 15, newest: '2024-06-15' });
    expect(fs[2].detail).toMatchObject({ type: 'personnel', level: 2, days: 366 });
  });
  it('undated-only columns count as stale; other/interaction columns are not judged; empty ones are left to empty-column', () => {
    const s = site({
      columns: [
        column({ name: '政策文件', type: 'policy', newestDate: undefined, itemCount: 8, undatedItems: 8 }),
        column({ name: '机构职能', type: 'other', newestDate: '2010-01-01' }),
        column({ name: '领导信箱', type: 'interaction', newestDate: '2010-01-01' }),
        column({ name: '重要动态', newestDate: undefined, itemCount: 0 }),
      ],
    });
    const fs = staleColumnCheck.run(s, ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0].detail).toMatchObject({ column: '政策文件', type: 'policy', days: null, newest: null, level: 1 });
  });
  it('thresholds come from cfg.checks.columnStaleDays', () => {
    const s = site({ columns: [column({ newestDate: '2024-06-20' })] });
    expect(staleColumnCheck.run(s, ctx())).toEqual([]);
    expect(staleColumnCheck.run(s, ctx((c) => (c.checks.columnStaleDays.news = 7)))).toHaveLength(1);
  });
});

describe('empty-column', () => {
  it('a column with no items is a finding; a column with items is not', () => {
    const s = site({ columns: [column({ name: '专题专栏', type: 'other', itemCount: 0, newestDate: undefined }), column()] });
    const fs = emptyColumnCheck.run(s, ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0].detail).toMatchObject({ column: '专题专栏' });
    expect(fs[0].url).toBe('http://www.example.gov.cn/gzdt/');
  });
});
