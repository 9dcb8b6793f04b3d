// The column (栏目) model: which list pages belong to which column, how fresh each column is, and which
// columns the home page navigation links (一级栏目). Built page by page while crawling; bounded.
import type { ScanConfig } from '../config.js';
import { classifyColumn, type ColumnEmptiness, type ColumnFacts, type EmptyShape, type PageFacts } from '../domain/index.js';

const MAX_COLUMNS = 5000;
const MAX_EMPTY_CANDIDATES = 2000;
const MAX_LINKED_KEYS = 20_000;
const EMPTY_TEXT = /暂无(?:相关)?(?:信息|数据|内容|记录|文章|公开信息|新闻|公告|文件)|没有(?:相关|找到|查询到)?(?:的)?(?:信息|记录|数据|内容|文章)|无相关(?:信息|记录|数据|内容)|(?:信息|内容|数据)(?:正在)?(?:建设|更新|完善)中/;
// A pager that counts nothing: 「共0条」「共 0 页」「第1/0页」「记录数：0」「总计0条」.
const EMPTY_PAGER = /共\s*(?:有\s*)?0\s*(?:条|页|篇|项|个)|总(?:共|计|数)[：:]?\s*0\s*(?:条|页|篇)?(?!\d)|0\s*条记录|记录数?[：:]\s*0(?!\d)|第?\s*[01]\s*\/\s*0\s*页/;
const PAGER_WORDS = /上一页|下一页|首页.{0,20}尾页|末页/;
const PAGE_FILE = /^(?:index|default|list)(?:_\d+)?\.(?:s?html?|jsp|php|aspx?)$/i;
const PAGE_PARAMS = /^(?:page|pageno|pagenum|pageindex|curpage|p|pn|start|offset)$/i;

/**
 * The column a list page belongs to: its directory, with index_N / ?page=N pagination removed, so
 * every page of one column maps to one key. Returns undefined for unparsable URLs.
 */
export function columnKey(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  let path = u.pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (PAGE_FILE.test(last)) path = path.slice(0, path.length - last.length);
  else if (/_\d+\.s?html?$/i.test(last)) path = path.replace(/_\d+(\.s?html?)$/i, '$1');
  const params = [...u.searchParams.entries()].filter(([k]) => !PAGE_PARAMS.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? '?' + params.map(([k, v]) => `${k}=${v}`).join('&') : '';
  return `${u.protocol}//${u.host.replace(/^www\./, '')}${path}${query}`;
}

interface EmptyCandidate {
  key: string;
  url: string;
  name: string;
  shape: Exclude<EmptyShape, 'empty-list'>;
  evidence: string;
}

/** Items and dates a page lists: an empty column page lists neither. */
function listedItems(p: PageFacts): number {
  let n = p.listDates.length;
  for (const l of p.links) if (l.place === 'list' && l.tag === 'a' && !l.hidden && !l.date) n++;
  return n;
}

/** The text around a match, for evidence. */
function around(text: string, at: number, len: number): string {
  return text.slice(Math.max(0, at - 12), at + len + 12).trim();
}

/** How a page with no items shows itself empty, if it does (a page that is neither list nor article). */
function emptiness(p: PageFacts): { shape: Exclude<EmptyShape, 'empty-list'>; evidence: string } | undefined {
  if (p.kind === 'home' || p.kind === 'article' || p.kind === 'list' || p.pubDate) return undefined;
  // A search page that found nothing says 没有找到相关信息 too; it is a tool, not a column.
  if (NOT_A_COLUMN.test(p.finalUrl || p.url) || NOT_A_COLUMN.test(pageName(p))) return undefined;
  if (listedItems(p) > 0) return undefined;
  const text = p.text.slice(0, 20_000);
  const said = EMPTY_TEXT.exec(text);
  if (said) return { shape: 'no-data-text', evidence: around(text, said.index, said[0].length) };
  const pager = EMPTY_PAGER.exec(text);
  if (pager) return { shape: 'pagination-only', evidence: around(text, pager.index, pager[0].length) };
  if (p.pagination.length > 0 || (p.emptyList && PAGER_WORDS.test(text))) {
    const words = PAGER_WORDS.exec(text);
    return { shape: 'pagination-only', evidence: words ? around(text, words.index, words[0].length) : `分页链接 ${p.pagination.length} 个，无任何条目` };
  }
  // Lists filled by script (大汉 jpage data islands, ajax loaders) look empty in the HTML; they are not judged.
  if (p.emptyList && !p.scripts.some((s) => s.inline && SCRIPT_FILLED_LIST.test(s.inline))) return { shape: 'empty-container', evidence: p.emptyList };
  return undefined;
}

const NOT_A_COLUMN = /搜索|检索|search|sousuo|jsearch|query|login|登录|注册/i;
const SCRIPT_FILLED_LIST = /recordset|datastore|<record|\$\.(?:ajax|get|post|getJSON)\(|fetch\(|XMLHttpRequest|axios|jpage|\.load\(/i;

function pageName(p: PageFacts): string {
  return p.columnName || p.breadcrumb[p.breadcrumb.length - 1] || p.title.split(/\s*[_|\-—–]+\s*/).find((s) => s.trim()) || '';
}

interface ColumnAcc {
  key: string;
  name: string;
  url: string;
  newestDate?: string;
  itemCount: number;
  undatedItems: number;
  pagesSeen: number;
  urlsSeen: Set<string>;
  empty?: Omit<ColumnEmptiness, 'linkedFrom'>; // a page that said 暂无信息 with no items
}

/** Whether a page is one page of a column's list (or an empty page that names its column: ColumnName meta). */
function listShape(p: PageFacts): { dated: number; undated: number; empty?: Omit<ColumnEmptiness, 'linkedFrom'> } | undefined {
  if (p.kind === 'home' || p.kind === 'article') return undefined;
  let undated = 0;
  for (const l of p.links) if (l.place === 'list' && l.tag === 'a' && !l.date && !l.hidden) undated++;
  const dated = p.listDates.length;
  if (p.kind === 'list') return { dated, undated };
  const empty = p.columnName ? emptiness(p) : undefined;
  if (empty) return { dated: 0, undated: 0, empty };
  return undefined;
}

export function createColumnModel(_cfg: ScanConfig): { addPage(p: PageFacts): void; result(home?: PageFacts): ColumnFacts[] } {
  const columns = new Map<string, ColumnAcc>();
  // Empty pages that do not name their column: columns only if a navigation bar or the home page links them.
  const candidates = new Map<string, EmptyCandidate>();
  const navLinked = new Map<string, string>(); // column key → link text, from every page's navigation

  // The same navigation bar is on every page: each link URL is parsed into its column key once (the first
  // text a key was linked with wins, so a URL met again changes nothing).
  const navUrlsSeen = new Set<string>();
  const noteNavLinks = (p: PageFacts): void => {
    for (const l of p.links) {
      if (l.tag !== 'a' || l.place !== 'nav' || navLinked.size >= MAX_LINKED_KEYS || navUrlsSeen.has(l.url)) continue;
      if (navUrlsSeen.size >= MAX_LINKED_KEYS) navUrlsSeen.clear();
      navUrlsSeen.add(l.url);
      const k = columnKey(l.url);
      if (k && !navLinked.has(k)) navLinked.set(k, l.text);
    }
  };

  const noteCandidate = (p: PageFacts): void => {
    if (p.columnName || candidates.size >= MAX_EMPTY_CANDIDATES) return; // named pages are columns already
    const e = emptiness(p);
    const key = e && columnKey(p.finalUrl || p.url);
    if (!e || !key || candidates.has(key)) return;
    candidates.set(key, { key, url: p.finalUrl || p.url, name: pageName(p), ...e });
  };

  return {
    addPage(p: PageFacts): void {
      if (p.outcome !== 'ok') return;
      noteNavLinks(p);
      const shape = listShape(p);
      if (!shape) {
        noteCandidate(p);
        return;
      }
      const key = columnKey(p.finalUrl || p.url);
      if (!key) return;
      let c = columns.get(key);
      if (!c) {
        if (columns.size >= MAX_COLUMNS) return;
        c = { key, name: '', url: p.finalUrl || p.url, itemCount: 0, undatedItems: 0, pagesSeen: 0, urlsSeen: new Set() };
        columns.set(key, c);
      }
      const pageUrl = p.finalUrl || p.url;
      if (c.urlsSeen.has(pageUrl)) return; // the same page fetched twice (redirect twins)
      if (c.urlsSeen.size < 1000) c.urlsSeen.add(pageUrl);
      // The first page of a column is the one without a page number; keep the shortest URL.
      if (pageUrl.length < c.url.length) c.url = pageUrl;
      if (!c.name) c.name = p.columnName || p.breadcrumb[p.breadcrumb.length - 1] || '';
      c.pagesSeen++;
      c.itemCount += shape.dated + shape.undated;
      c.undatedItems += shape.undated;
      if (shape.empty && !c.empty) c.empty = shape.empty;
      for (const d of p.listDates) if (!c.newestDate || d > c.newestDate) c.newestDate = d;
    },

    result(home?: PageFacts): ColumnFacts[] {
      const navNames = new Map<string, string>();
      const homeLinked = new Map<string, string>(); // any home link but the footer: navigation, column blocks, 「更多」
      if (home) {
        for (const l of home.links) {
          if (l.tag !== 'a') continue;
          const k = columnKey(l.url);
          if (!k) continue;
          if (l.place === 'nav' && !navNames.has(k)) navNames.set(k, l.text);
          if (l.place !== 'footer' && !homeLinked.has(k)) homeLinked.set(k, l.text);
        }
      }
      const out: ColumnFacts[] = [];
      for (const c of columns.values()) {
        const navText = navNames.get(c.key);
        const name = c.name || navText || safeDecode(new URL(c.url).pathname);
        const col: ColumnFacts = {
          name,
          url: c.url,
          type: classifyColumn(name),
          level: navText !== undefined ? 1 : 2,
          itemCount: c.itemCount,
          undatedItems: c.undatedItems,
          pagesSeen: c.pagesSeen,
        };
        if (c.newestDate) col.newestDate = c.newestDate;
        if (c.itemCount === 0) {
          const linkedFrom = homeLinked.has(c.key) ? 'home' : navLinked.has(c.key) ? 'nav' : 'column-name';
          col.empty = { ...(c.empty ?? { shape: 'empty-list', evidence: `列表页 ${c.pagesSeen} 页，无任何条目` }), linkedFrom };
        }
        out.push(col);
      }
      for (const e of candidates.values()) {
        if (columns.has(e.key)) continue;
        const fromHome = homeLinked.get(e.key);
        const fromNav = navLinked.get(e.key);
        if (fromHome === undefined && fromNav === undefined) continue;
        const name = e.name || fromHome || fromNav || safeDecode(new URL(e.url).pathname);
        out.push({
          name,
          url: e.url,
          type: classifyColumn(name),
          level: navNames.has(e.key) ? 1 : 2,
          itemCount: 0,
          undatedItems: 0,
          pagesSeen: 1,
          empty: { shape: e.shape, evidence: e.evidence, linkedFrom: fromHome !== undefined ? 'home' : 'nav' },
        });
      }
      return out;
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
