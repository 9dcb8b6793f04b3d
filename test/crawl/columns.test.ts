// The column model on synthetic PageFacts and on the real pingtan list page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { columnKey, createColumnModel } from '../../src/crawl/columns.js';
import { classifyColumn, type PageFacts } from '../../src/domain/index.js';
import { defaultConfig } from '../../src/config.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import { facts, html, input } from './extract-helpers.js';
import { REAL_PAGES_DIR, REAL_PAGE_URLS } from '../real-pages.js';

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
      {
        name: '人事信息', url: 'http://www.example.gov.cn/zwgk/rsxx/', type: 'personnel', level: 2, itemCount: 0, undatedItems: 0, pagesSeen: 1,
        empty: { shape: 'no-data-text', evidence: '暂无信息', linkedFrom: 'column-name' },
      },
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

describe('empty columns in every real shape (空白栏目)', () => {
  const ROOT = 'http://www.example.gov.cn/';
  const frame = (main: string, title: string, crumbs = true) =>
    facts(
      html(
        `<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>` +
          (crumbs ? `<div class="position">当前位置：<a href="/">首页</a> &gt; ${title}</div>` : '') +
          `<div class="main">${main}</div><div class="footer">主办单位：某某市人民政府</div>`,
      ).replace('<title>测试页</title>', `<title>${title}_某某市人民政府</title>`),
      ROOT + 'zwgk/' + encodeURIComponent(title) + '/',
    );
  const home = facts(
    html(
      '<div class="nav"><a href="/zwgk/%E8%B4%A2%E6%94%BF%E9%A2%84%E5%86%B3%E7%AE%97/">财政预决算</a></div>' +
        '<div class="box"><h3>行政执法公示</h3><a href="/zwgk/%E8%A1%8C%E6%94%BF%E6%89%A7%E6%B3%95%E5%85%AC%E7%A4%BA/">更多</a></div>' +
        '<div class="footer"><a href="/zwgk/%E8%81%94%E7%B3%BB%E6%88%91%E4%BB%AC/">联系我们</a></div>',
    ),
    ROOT,
    { isHome: true },
  );
  const run = (pages: PageFacts[], withHome = true) => {
    const model = createColumnModel(defaultConfig());
    if (withHome) model.addPage(home);
    for (const p of pages) model.addPage(p);
    return model.result(withHome ? home : undefined);
  };

  it('「暂无信息」/「暂无数据」/「没有相关信息」 on a page the home navigation links: an empty level-1 column', () => {
    for (const said of ['暂无信息', '暂无数据', '没有相关信息', '暂无内容']) {
      const [col] = run([frame(`<div class="con"><p>${said}</p></div>`, '财政预决算')]);
      expect(col, said).toMatchObject({ name: '财政预决算', itemCount: 0, level: 1, empty: { shape: 'no-data-text', linkedFrom: 'home' } });
      expect(col.empty!.evidence).toContain(said);
    }
  });

  it('a page with only its pager (共0条, 首页 上一页 下一页 尾页), linked from a home column block', () => {
    const [col] = run([frame('<div class="pager">共0条 首页 上一页 下一页 尾页 第1/0页</div>', '行政执法公示', false)]);
    expect(col).toMatchObject({ name: '行政执法公示', level: 2, itemCount: 0, empty: { shape: 'pagination-only', linkedFrom: 'home' } });
    expect(col.empty!.evidence).toContain('共0条');
  });

  it('a list container with no items, linked from a navigation bar of any page', () => {
    const other = facts(html('<div class="nav"><a href="/zwgk/%E7%BB%9F%E8%AE%A1%E4%BF%A1%E6%81%AF/">统计信息</a></div><p>正文</p>'), ROOT + 'zwgk/x.html');
    const cols = run([other, frame('<div class="list_box"><ul class="list"></ul></div>', '统计信息', false)], false);
    expect(cols).toHaveLength(1);
    expect(cols[0]).toMatchObject({ name: '统计信息', level: 2, empty: { shape: 'empty-container', linkedFrom: 'nav' } });
    expect(cols[0].empty!.evidence).toMatch(/^<div class="list_box">|^<ul class="list">/);
  });

  it('an unlinked page, a page with items, a search page and a script-filled list are not empty columns', () => {
    const cols = run([
      frame('<p>暂无信息</p>', '某个未被链接的页面', false),
      facts(html('<p>没有找到相关信息</p>'), ROOT + 'search/index.html?q=x'),
      frame('<ul class="list"><li><a href="/a.html">某某通知</a></li></ul><p>暂无更多</p>', '财政预决算'),
    ]);
    expect(cols.filter((c) => c.empty)).toEqual([]);
    const scripted = frame('<div class="list"></div><script>$.ajax({url:"/api/list"})</script>', '财政预决算');
    expect(run([scripted]).filter((c) => c.empty)).toEqual([]);
    expect(run([frame('<p>暂无信息</p>', '联系我们', false)]).filter((c) => c.empty)).toEqual([]); // linked from the footer only
  });

  // The real pingtan list page with its items taken out: the page a TRS site serves for an empty column. Its own
  // template carries the 「暂无数据」 it shows when the list is empty.
  it('the real pingtan list template emptied of its items is an empty column (暂无数据)', () => {
    const url = 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/';
    const real = readFileSync(REAL_PAGES_DIR + '11-pingtan-list.html', 'utf8');
    const emptied = real.replace(/<li>\s*<a href="[^"]*"[^>]*>[^<]*<\/a>[\s\S]*?(?=<li>|<\/ul>)/g, '');
    expect(emptied.length).toBeLessThan(real.length - 10_000);
    const p = extractFacts(input(url), Buffer.from(emptied));
    const model = createColumnModel(defaultConfig());
    model.addPage(p);
    const [col] = model.result();
    expect(col).toMatchObject({ name: '工作进展情况', url, itemCount: 0, empty: { shape: 'no-data-text', evidence: expect.stringContaining('暂无数据') } });
  });
});

describe('empty columns: none among the real pages', () => {
  it('no saved real government page (home, list, articles, guide) makes an empty column', () => {
    const model = createColumnModel(defaultConfig());
    let home: PageFacts | undefined;
    for (const [file, url] of Object.entries(REAL_PAGE_URLS)) {
      const p = extractFacts(input(url, { isHome: file.includes('home') }), readFileSync(REAL_PAGES_DIR + file));
      if (file.includes('home')) home = p;
      model.addPage(p);
    }
    expect(model.result(home).filter((c) => c.itemCount === 0 || c.empty)).toEqual([]);
  });
});

describe('empty columns on a real TRS list page (test/crawl/fixtures/hdzfxxgk-list.html)', () => {
  const url = 'http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/';
  const real = readFileSync(new URL('./fixtures/hdzfxxgk-list.html', import.meta.url), 'utf8');
  const row = /<tr>\s*<td height="35"><a href="http:\/\/hdzfxxgk\.hd\.gov\.cn\/gszbm[\s\S]*?<\/tr>/;
  const columns = (body: string) => {
    const model = createColumnModel(defaultConfig());
    model.addPage(extractFacts(input(url), Buffer.from(body)));
    return model.result();
  };

  it('as stored (one row and the pager) it is not an empty column', () => {
    expect(row.test(real)).toBe(true);
    expect(columns(real).filter((c) => c.itemCount === 0)).toEqual([]);
  });

  it('with its one row taken out, only the pager is left: an empty column (pagination-only)', () => {
    const [col] = columns(real.replace(row, ''));
    expect(col).toMatchObject({ name: '邯郸市政府信息公开', url, itemCount: 0, empty: { shape: 'pagination-only', linkedFrom: 'column-name' } });
    expect(col.empty!.evidence).toMatch(/上一页|下一页|尾页/);
  });
});
