// Every saved real government page against what a person verified in manifest.json, fed whole and in
// random small chunks (streaming must give the same facts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/crawl/extract/index.js';
import type { PageFacts } from '../../src/domain/index.js';
import { extractChunked, input } from './extract-helpers.js';
import { REAL_PAGES_DIR, REAL_PAGE_URLS } from '../real-pages.js';

const DIR = REAL_PAGES_DIR;
interface Entry {
  file: string;
  page_type: string;
  charset: string;
  site_id_code: string;
  icp: string;
  police_beian: string | null;
  dangzheng_mark: true | 'script_only';
  jiucuo_link: 'script_only' | 'placeholder_only' | false | 'link';
  column_name: string | null;
  list_newest_date: string | null;
  list_oldest_date: string | null;
  article_pub_date: string | null;
  site_domain: string;
}
const manifest = JSON.parse(readFileSync(DIR + 'manifest.json', 'utf8')) as Entry[];

const URLS = REAL_PAGE_URLS;

const firstDate = (s: string | null) => (s ? /(\d{4})[-年](\d{2})[-月](\d{2})/.exec(s)!.slice(1, 4).join('-') : undefined);

function comparable(p: PageFacts) {
  return { ...p, notes: p.notes.filter((n) => !n.includes('截断')) };
}

describe('real government pages agree with the manifest', () => {
  for (const m of manifest) {
    describe(m.file, () => {
      const body = readFileSync(DIR + m.file);
      const url = URLS[m.file];
      const inp = input(url, { isHome: m.page_type === 'home', depth: m.page_type === 'home' ? 0 : 1 });
      const p = extractFacts(inp, body);

      it('charset', () => {
        expect(p.charset).toBe('utf-8');
        expect(p.charsetSource).toBe('meta');
        expect(p.text).not.toContain('\ufffd');
      });
      it('page kind', () => {
        expect(p.kind).toBe(m.page_type);
      });
      it('网站标识码 and where it was seen', () => {
        expect(p.identifiers.siteIdCode?.value).toBe(m.site_id_code);
        const metaTag = body.toString('utf8').match(/<meta name="SiteIDCode"/);
        expect(p.identifiers.siteIdCode?.where).toBe(metaTag ? 'meta' : 'footer');
      });
      it('ICP and 公安备案', () => {
        expect(p.identifiers.icp).toBe(m.icp);
        expect(p.identifiers.police).toBe(m.police_beian ?? undefined);
      });
      it('党政机关 mark', () => {
        expect(p.identifiers.dangzheng).toBe(m.dangzheng_mark === true ? 'link' : 'script');
      });
      it('找错 entry', () => {
        const expected = { script_only: 'script', placeholder_only: 'placeholder', link: 'link' } as const;
        expect(p.identifiers.jiucuo).toBe(m.jiucuo_link === false ? false : expected[m.jiucuo_link]);
      });
      it('column name', () => {
        if (m.column_name) expect(p.columnName).toBe(m.column_name);
        // 07 declares no column; its breadcrumb tail (= meta lanmu) is the closest thing, 08 has none.
        else if (m.file.startsWith('07')) expect(p.columnName).toBe(p.meta.lanmu);
        else expect(p.columnName).toBeUndefined();
      });
      it('list dates', () => {
        const sorted = [...p.listDates].sort();
        expect(sorted[sorted.length - 1]).toBe(m.list_newest_date ?? undefined);
        expect(sorted[0]).toBe(m.list_oldest_date ?? undefined);
      });
      it('publication date (visible date beats a stale alt attribute)', () => {
        if (m.page_type !== 'article') return expect(p.pubDate).toBeUndefined();
        // 07 shows no labelled date: meta firstpublishedtime is the source.
        const expected = m.file.startsWith('07') ? '2007-08-20' : firstDate(m.article_pub_date);
        expect(p.pubDate).toBe(expected);
      });
      it('same facts when streamed in random 7–300 byte chunks', () => {
        for (const seed of [1, 2, 3]) expect(comparable(extractChunked(inp, body, seed))).toEqual(comparable(p));
      });
    });
  }

  it('list page details: 75 dated items, breadcrumb, absolute list links', () => {
    const p = extractFacts(input(URLS['11-pingtan-list.html']), readFileSync(DIR + '11-pingtan-list.html'));
    expect(p.listDates).toHaveLength(75);
    expect(p.breadcrumb).toEqual(['首页', '政务公开', '规划信息', '工作进展情况']);
    const item = p.links.find((l) => l.url === 'https://www.pingtan.gov.cn/zwgk/ghxx/gzjzqk/202503/t20250321_97999.htm');
    expect(item).toMatchObject({ place: 'list', date: '2025-03-21', tag: 'a', text: '区公安局2025年第一季度易制毒化学品企事业抽查工作情况' });
    // The URL says t20231215 but the page shows 2023-01-05: the shown date is what counts.
    expect(p.links.find((l) => l.url.includes('t20231215_83294'))?.date).toBe('2023-01-05');
  });

  it('home page: 61 dated items across tabbed blocks, search form, conac link in footer', () => {
    const p = extractFacts(input(URLS['01-hdzfxxgk-home.html'], { isHome: true }), readFileSync(DIR + '01-hdzfxxgk-home.html'));
    expect(p.listDates).toHaveLength(61);
    expect(p.search).toEqual({ form: true, action: 'http://www.hd.gov.cn/was5/web/search' });
    const conac = p.links.find((l) => l.url.startsWith('http://bszs.conac.cn/'));
    expect(conac?.place).toBe('footer');
    expect(p.scripts.some((s) => s.src?.includes('jiucuo.js'))).toBe(true);
  });

  it('07: the site’s own 网站纠错 link is not the national 找错 entry', () => {
    const p = extractFacts(input(URLS['07-govcn-article.html']), readFileSync(DIR + '07-govcn-article.html'));
    expect(p.links.some((l) => l.url === 'https://www.gov.cn/fuwu/jiucuopage.html')).toBe(true);
    expect(p.identifiers.jiucuo).toBe(false);
    expect(p.breadcrumb).toEqual(['首页', '国务院公报', '2007年第23号']);
  });
});
