// The column (栏目) model: which list pages belong to which column, how fresh each column is, and which
// columns the home page navigation links (一级栏目). Built page by page while crawling; bounded.
import type { ScanConfig } from '../config.js';
import { classifyColumn, type ColumnFacts, type PageFacts } from '../domain/index.js';

const MAX_COLUMNS = 5000;
const EMPTY_TEXT = /暂无(?:相关)?(?:信息|数据|内容|记录|文章|公开信息)|没有(?:相关|找到)?(?:信息|记录|数据|内容)|无相关(?:信息|记录|数据)/;
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

interface ColumnAcc {
  key: string;
  name: string;
  url: string;
  newestDate?: string;
  itemCount: number;
  undatedItems: number;
  pagesSeen: number;
  urlsSeen: Set<string>;
  empty: boolean; // a page that said 暂无信息 with no items
}

/** Whether a page is one page of a column's list (or an empty column page saying 暂无信息). */
function listShape(p: PageFacts): { dated: number; undated: number; empty: boolean } | undefined {
  if (p.kind === 'home' || p.kind === 'article') return undefined;
  let undated = 0;
  for (const l of p.links) if (l.place === 'list' && l.tag === 'a' && !l.date && !l.hidden) undated++;
  const dated = p.listDates.length;
  if (p.kind === 'list') return { dated, undated, empty: false };
  if (dated === 0 && undated === 0 && p.columnName && EMPTY_TEXT.test(p.text.slice(0, 20_000))) return { dated: 0, undated: 0, empty: true };
  return undefined;
}

export function createColumnModel(_cfg: ScanConfig): { addPage(p: PageFacts): void; result(home?: PageFacts): ColumnFacts[] } {
  const columns = new Map<string, ColumnAcc>();

  return {
    addPage(p: PageFacts): void {
      if (p.outcome !== 'ok') return;
      const shape = listShape(p);
      if (!shape) return;
      const key = columnKey(p.finalUrl || p.url);
      if (!key) return;
      let c = columns.get(key);
      if (!c) {
        if (columns.size >= MAX_COLUMNS) return;
        c = { key, name: '', url: p.finalUrl || p.url, itemCount: 0, undatedItems: 0, pagesSeen: 0, urlsSeen: new Set(), empty: false };
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
      if (shape.empty) c.empty = true;
      for (const d of p.listDates) if (!c.newestDate || d > c.newestDate) c.newestDate = d;
    },

    result(home?: PageFacts): ColumnFacts[] {
      const navNames = new Map<string, string>();
      if (home) {
        for (const l of home.links) {
          if (l.tag !== 'a' || l.place !== 'nav') continue;
          const k = columnKey(l.url);
          if (k && !navNames.has(k)) navNames.set(k, l.text);
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
        out.push(col);
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
