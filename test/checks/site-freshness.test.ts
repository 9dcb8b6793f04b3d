import { describe, expect, it } from 'vitest';
import { emptyColumnCheck, staleColumnCheck, staleHomepageCheck } from '../../src/checks/site/index.js';
import { column, ctx, page, site } from './site-facts.js';
import { classifyColumn, columnRule } from '../../src/domain/index.js';
import { loadCatalogue, score } from '../../src/rules/index.js';

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
  it('a 政府信息公开 column typed other that should update is judged against the long limit (365 days, configurable)', () => {
    const col = (name: string, newestDate: string) => column({ name, type: classifyColumn(name), level: 2, newestDate });
    const s = site({
      columns: [
        col('财政预决算', '2023-06-30'), // 366 days
        col('行政执法公示', '2023-07-01'), // 365 days: not yet
        col('重点领域信息公开', '2022-01-01'),
        col('政府信息公开年报', '2023-01-31'),
        col('机构职能', '2010-01-01'), // describes, not expected to update
        col('政府信息公开指南', '2015-01-01'),
        col('专题专栏', '2010-01-01'), // outside the taxonomy: not judged
      ],
    });
    const fs = staleColumnCheck.run(s, ctx());
    expect(fs.map((f) => f.detail.column)).toEqual(['财政预决算', '重点领域信息公开', '政府信息公开年报']);
    expect(fs[0].detail).toMatchObject({ type: 'other', update: 'long', category: '财政预决算', limitDays: 365, days: 366, limitUnverified: true });
    expect(fs[0].message).toContain('长期未更新');
    const longer = staleColumnCheck.run(s, ctx((c) => (c.checks.longNotUpdatedDays = 800)));
    expect(longer.map((f) => f.detail.column)).toEqual(['重点领域信息公开']);
  });
  it('long-limit columns count toward the veto clause (2) 「应更新但长期未更新的栏目 ≥10」', () => {
    const names = ['财政预决算', '行政执法公示', '重点领域信息公开', '统计信息', '审计信息', '建议提案办理', '政府常务会议', '应急管理', '政府采购', '社会救助'];
    const s = site({ columns: names.map((name, i) => column({ name, type: classifyColumn(name), level: 2, url: `http://www.example.gov.cn/c${i}/`, newestDate: '2022-01-01' })) });
    const findings = staleColumnCheck.run(s, ctx());
    expect(findings).toHaveLength(10);
    const result = score(findings, { catalogue: loadCatalogue('national-2019', []), portal: false, noExternalService: false });
    expect(result.verdict).toBe('unqualified');
    expect(result.indicators.find((x) => x.code === 'veto.column-stale')).toMatchObject({ triggered: true, findings: 10 });
    // Nine are not enough.
    expect(score(findings.slice(1), { catalogue: loadCatalogue('national-2019', []), portal: false, noExternalService: false }).verdict).toBe('qualified');
  });
  it('thresholds come from cfg.checks.columnStaleDays', () => {
    const s = site({ columns: [column({ newestDate: '2024-06-20' })] });
    expect(staleColumnCheck.run(s, ctx())).toEqual([]);
    expect(staleColumnCheck.run(s, ctx((c) => (c.checks.columnStaleDays.news = 7)))).toHaveLength(1);
  });
});

describe('empty-column', () => {
  it('names the shape it saw and why the page is a column', () => {
    const s = site({
      columns: [
        column({ name: '财政预决算', type: 'other', itemCount: 0, newestDate: undefined, empty: { shape: 'no-data-text', evidence: '当前栏目暂无信息', linkedFrom: 'home' } }),
        column({ name: '行政执法公示', type: 'other', level: 2, url: 'http://www.example.gov.cn/zfgs/', itemCount: 0, newestDate: undefined, empty: { shape: 'pagination-only', evidence: '共0条 首页 上一页 下一页 尾页', linkedFrom: 'nav' } }),
      ],
    });
    const fs = emptyColumnCheck.run(s, ctx());
    expect(fs.map((f) => f.detail.shape)).toEqual(['no-data-text', 'pagination-only']);
    expect(fs[0].evidence).toBe('栏目「财政预决算」页面显示无信息提示：当前栏目暂无信息');
    expect(fs[0].message).toBe('空白栏目「财政预决算」：首页链接的栏目页面显示无信息提示');
    expect(fs[1].detail).toMatchObject({ column: '行政执法公示', linkedFrom: 'nav', level: 2 });
  });

  it('a column with no items is a finding; a column with items is not', () => {
    const s = site({ columns: [column({ name: '专题专栏', type: 'other', itemCount: 0, newestDate: undefined }), column()] });
    const fs = emptyColumnCheck.run(s, ctx());
    expect(fs).toHaveLength(1);
    expect(fs[0].detail).toMatchObject({ column: '专题专栏' });
    expect(fs[0].url).toBe('http://www.example.gov.cn/gzdt/');
  });
});

describe('column taxonomy: update rules by name', () => {
  it.each([
    ['工作动态', 'news', 'typed'], ['通知公告', 'notice', 'typed'], ['公示公告', 'notice', 'typed'], ['人事信息', 'personnel', 'typed'],
    ['规划计划', 'planning', 'typed'], ['政策解读', 'interpretation', 'typed'], ['政策文件', 'policy', 'typed'],
    ['法定主动公开内容', 'other', 'long'], ['重点领域信息公开', 'other', 'long'], ['财政预决算', 'other', 'long'],
    ['行政执法公示', 'other', 'long'], ['双随机一公开', 'other', 'long'], ['政府信息公开年报', 'other', 'long'],
    ['统计数据', 'other', 'long'], ['建议提案办理', 'other', 'long'], ['工作进展情况', 'other', 'long'],
    ['机构职能', 'other', 'static'], ['领导信息', 'other', 'static'], ['政府信息公开指南', 'other', 'static'],
    ['依申请公开', 'other', 'static'], ['联系我们', 'other', 'static'], ['专题专栏', 'other', 'unknown'],
    // Names seen on the real hdzfxxgk and pingtan pages.
    ['机构职责', 'other', 'static'], ['政府公报', 'other', 'long'], ['财政财务', 'other', 'long'], ['重大建设项目', 'other', 'long'],
    ['修订废止', 'other', 'long'], ['公告公示', 'notice', 'typed'], ['解读回应', 'interpretation', 'typed'],
    // A link named after a unit leads to that unit, not to a column of the words in its name.
    ['市退役军人事务局', 'other', 'unknown'], ['市自然资源和规划局', 'other', 'unknown'], ['市统计局', 'other', 'unknown'],
  ])('%s → %s / %s', (name, type, update) => {
    expect(columnRule(name)).toMatchObject({ type, update });
  });
});
