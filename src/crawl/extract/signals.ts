// Element-level signals for the 党政机关 mark, the 找错 entry and site search. Each function looks at one
// tag's attributes (or one link) and returns whether it is evidence; the extractor combines them.

const CONAC = /conac/i;

export function isConacLink(url: string, alt: string): boolean {
  if (CONAC.test(url)) {
    const u = url.toLowerCase();
    if (u.includes('conac') && !u.includes('dcs.conac.cn')) return true;
  }
  return alt.includes('党政机关');
}

export function isConacScriptSrc(src: string): boolean {
  return src.toLowerCase().includes('conac');
}

const JIUCUO_HREF = /zfwzgl|\/exposure\/jiucuo|jiucuo\.html\?site_?code/i;

export function isJiucuoLink(url: string, text: string): boolean {
  return text.includes('我为政府网站找错') || JIUCUO_HREF.test(url);
}

export function isJiucuoScript(id: string, src: string): boolean {
  return id === '_jiucuo_' || /jiucuo\.js/i.test(src);
}

const SEARCH_URL = /search|sousuo|jansearch|was5\/web|(?:^|[/_.-])ss(?:[/_.?-]|$)|trsweb|fulltext/i;
const SEARCH_FIELD = /^(?:q|wd|kw|key|keys|keyword|keywords|searchword|searchkey|searchkeyword|sword|query|skey|sw)$|search|sousuo|keyword/i;
const SEARCH_WORDS = /搜索|检索|搜 索|查询|关键字|关键词/;

export function isSearchUrl(url: string): boolean {
  try {
    return isSearchUrlParsed(new URL(url));
  } catch {
    return false;
  }
}

/** isSearchUrl for a URL already parsed (saves parsing it again for every link). */
export function isSearchUrlParsed(u: { hostname: string; pathname: string }): boolean {
  return SEARCH_URL.test(u.hostname.split('.')[0] + '/' + u.pathname);
}

export function isSearchAction(action: string): boolean {
  return SEARCH_URL.test(action);
}

/** A text input that asks for search words (by name, id, class or placeholder). */
export function isSearchInput(attribs: Record<string, string>): boolean {
  const type = (attribs.type ?? 'text').toLowerCase();
  if (type !== 'text' && type !== 'search' && type !== '') return false;
  if (SEARCH_FIELD.test(attribs.name ?? '') || SEARCH_FIELD.test(attribs.id ?? '')) return true;
  if (/search|sousuo/i.test(attribs.class ?? '')) return true;
  return SEARCH_WORDS.test(attribs.placeholder ?? '') || SEARCH_WORDS.test(attribs.title ?? '');
}

export function isSearchWord(text: string): boolean {
  // Same words as SEARCH_WORDS, without a regex: this runs on every short text node.
  return (
    text.includes('搜索') || text.includes('检索') || text.includes('搜 索') || text.includes('查询') || text.includes('关键字') || text.includes('关键词')
  );
}

const PAGE_TEXT = /^(?:下一页|下页|尾页|末页|上一页|上页|\d{1,4})$/;

/** Pagination by anchor text (下一页, 尾页, page numbers), brackets and arrows removed. */
export function isPaginationText(text: string): boolean {
  const t = text.replace(/[\s[\]【】<>《》«»‹›()（）]/g, '');
  return PAGE_TEXT.test(t);
}

const PAGE_URL = /(?:^|\/)index_\d+\.s?html?$|[?&](?:page|pageno|pagenum|pageindex|curpage|p)=\d+/i;

export function isPaginationUrl(pathAndQuery: string): boolean {
  return PAGE_URL.test(pathAndQuery);
}
