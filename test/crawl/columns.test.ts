// The column model on synthetic PageFacts and on the real pingtan list page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnKey, createColumnModel } from '../../src/crawl/columns.js';
import { classifyColumn } from '../../src/domain/index.js';
import { defaultConfig } from '../../src/config.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import { facts, html, input } from './extract-helpers.js';
import { REAL_PAGES_DIR } from '../real-pages.js';

const list = (url: string, name: string, items: Array<[string, string?]>) =>
  facts(
    html(`<ul class="list">${items.map(([t, d]) => `<li><a href="${t}.html">${t}</a>${d ? `<span>${d}</span>` : ''}</li>`).join('')}</ul>`, `<meta name="ColumnName" content="${name}">`),
    url,
  );

describe('classifyColumn', () => {
  it.each([
    ['工作动态', 'news'], ['图片新闻', 'news'], ['通知公告', 'notice'], ['政策文件', 'policy'], ['规范性文件', 'policy'],
    ['政策解读', 'interpretation'], ['人事信息', 'personnel'], ['规划计划', 'planning'], ['意见征集', 'consultation'],
    ['领导信箱', 'interaction'], ['机构职能', 'other'],
  ])('%s → %s', (name, type) => expect(classifyColumn(name)).toBe(type));
});

describe('column model', () => {
  it('merges pagination pages, counts items, finds level 1 from the home navigation', () => {
    const home = facts(html('<div class="nav"><a href="/xwdt/gzdt/">工作动态</a><a href="/zwgk/tzgg/">通知公告</a></div>'), 'http://www.example.gov.cn/', { isHome: true });
    const model = createColumnModel(defaultConfig());
    model.addPage(home);
    model.addPage(list('http://www.example.gov.cn/xwdt/gzdt/', '工作动态', [['a1', '2025-11-20'], ['a2', '2025-11-18'], ['a3', '2025-11-02'], ['a4', '2025-10-30'], ['a5', '2025-10-01']]));
    model.addPage(list('http://www.example.gov.cn/xwdt/gzdt/index_1.html', '工作动态', [['b1', '2025-09-01'], ['b2', '2025-08-01'], ['b3', '2025-07-01'], ['b4', '2025-06-01'], ['b5', '2025-05-01'], ['b6']]));
    model.addPage(list('http://www.example.gov.cn/zwgk/tzgg/index.html', '通知公告', [['c1', '2024-01-05'], ['c2', '2023-12-01'], ['c3', '2023-11-01'], ['c4', '2023-10-01'], ['c5', '2023-09-01']]));
    model.addPage(list('http://www.example.gov.cn/zwgk/zcwj/', '政策文件', [['d1', '2025-01-05'], ['d2', '2025-01-04'], ['d3', '2025-01-03'], ['d4', '2025-01-02'], ['d5', '2025-01-01']]));
    const cols = model.result(home);
    const by = (n: string) => cols.find((c) => c.name === n);
    expect(cols).toHaveLength(3);
    expect(by('工作动态')).toEqual({ name: '工作动态', url: 'http://www.example.gov.cn/xwdt/gzdt/', type: 'news', level: 1, newestDate: '2025-11-20', itemCount: 11, undatedItems: 1, pagesSeen: 2 });
    expect(by('通知公告')).toMatchObject({ type: 'notice', level: 1, newestDate: '2024-01-05', itemCount: 5, pagesSeen: 1 });
    expect(by('政策文件')).toMatchObject({ type: 'policy', level: 2 });
  });
  it('an empty column page (暂无信息) is a column with no items; articles are not columns', () => {
    const model = createColumnModel(defaultConfig());
    model.addPage(facts(html('<div class="list"><ul></ul><p>暂无信息</p></div>', '<meta name="ColumnName" content="人事信息">'), 'http://www.example.gov.cn/zwgk/rsxx/'));
    model.addPage(facts(html('<p>发布时间：2025-01-01</p><p>正文</p>'), 'http://www.example.gov.cn/zwgk/rsxx/202501/t20250101_1.html'));
    expect(model.result()).toEqual([
      { name: '人事信息', url: 'http://www.example.gov.cn/zwgk/rsxx/', type: 'personnel', level: 2, itemCount: 0, undatedItems: 0, pagesSeen: 1 },
    ]);
  });
  it('columnKey strips page numbers and keeps other query parameters', () => {
    expect(columnKey('http://www.a.gov.cn/x/index_3.html')).toBe(columnKey('http://a.gov.cn/x/'));
    expect(columnKey('http://www.a.gov.cn/list.jsp?cat=5&page=2')).toBe(columnKey('http://www.a.gov.cn/list.jsp?cat=5'));
    expect(columnKey('http://www.a.gov.cn/list.jsp?cat=5')).not.toBe(columnKey('http://www.a.gov.cn/list.jsp?cat=6'));
  });
  it('the real pingtan list page becomes one 工作进展情况 column', () => {
    const url = 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/';
    const p = extractFacts(input(url), readFileSync(REAL_PAGES_DIR + '11-pingtan-list.html'));
    const model = createColumnModel(defaultConfig());
    model.addPage(p);
    model.addPage(p); // fetched twice: counted once
    const [col] = model.result();
    expect(col).toMatchObject({ name: '工作进展情况', url, type: 'other', level: 2, newestDate: '2025-11-11', pagesSeen: 1 });
    expect(col.itemCount).toBe(75 + col.undatedItems);
  });
});
