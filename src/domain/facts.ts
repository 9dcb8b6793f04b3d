// The facts the crawl stage hands to the checks (the shared domain vocabulary: no imports, no I/O). Checks never fetch: everything they judge is here.
// Page facts stream one page at a time (a site may have a million pages); site facts are the bounded
// aggregate built while crawling (columns, failing links, probes).

/** How one fetch ended. Reports explain each failure by this value. */
export type FetchOutcome =
  | 'ok' // 2xx, body read
  | 'http-error' // 4xx/5xx (see status)
  | 'timeout' // no answer, or body not finished within the total time limit
  | 'dns' // name does not resolve
  | 'tls' // certificate or handshake failure
  | 'refused' // connection refused
  | 'reset' // connection reset or closed mid-response
  | 'too-large' // body over the size cap (after decompression)
  | 'redirect-loop' // a redirect came back to a URL already in the chain
  | 'too-many-redirects'
  | 'invalid-url'
  | 'unsupported-scheme' // mailto:, javascript:, ftp: …
  | 'decode-error' // bad gzip/deflate/br stream, or a lying Content-Length
  | 'error'; // anything else, with a message

export type PageKind = 'home' | 'list' | 'article' | 'other';
export type LinkTag = 'a' | 'area' | 'img' | 'script' | 'link' | 'iframe' | 'frame' | 'meta-refresh' | 'embed' | 'source';
export type LinkPlace = 'head' | 'nav' | 'breadcrumb' | 'list' | 'body' | 'footer';

export interface LinkFact {
  url: string; // absolute and normalised (no fragment)
  href: string; // as written in the page
  tag: LinkTag;
  text: string; // anchor text, or alt/title for images; whitespace collapsed, bounded
  place: LinkPlace;
  date?: string; // YYYY-MM-DD shown next to a list item
  /** Why a person cannot see this link ('display:none', 'visibility:hidden', 'off-screen', 'zero-size',
   *  'font-size:0', 'same-colour', 'tiny-marquee', …). Absent when visible. */
  hidden?: string;
  markup?: string; // the opening tag as written, shortened to ~200 chars: evidence
}

/** Text inside a container that people cannot see (a hidden-link block often carries spam words). */
export interface HiddenBlock {
  reason: string;
  text: string; // bounded
  markup: string; // opening tag of the hidden container, shortened
  linkCount: number;
}

export interface ScriptFact {
  src?: string; // absolute URL for external scripts
  inline?: string; // inline code, bounded (first ~8 KB)
  markup: string; // opening tag, shortened
}

export interface Identifiers {
  /** 网站标识码 and where it was seen. */
  siteIdCode?: { value: string; where: 'meta' | 'footer' | 'script' };
  icp?: string; // ICP备案号 text, e.g. 京ICP备05070218号
  police?: string; // 公安备案号 text
  /** 党政机关网站标识: a static bszs.conac.cn link/image, or only a conac script that draws it. */
  dangzheng: 'link' | 'script' | false;
  /** 「我为政府网站找错」 entry: a link, only the jiucuo.js script, or only an empty placeholder. */
  jiucuo: 'link' | 'script' | 'placeholder' | false;
}

export interface PageFacts {
  url: string; // URL requested (normalised)
  finalUrl: string;
  depth: number; // clicks from the start URL
  status: number;
  outcome: FetchOutcome;
  ms: number;
  contentType: string;
  charset: string; // charset used to decode ('utf-8', 'gbk', …)
  charsetSource: 'header' | 'bom' | 'meta' | 'sniff' | 'default';
  bytes: number;
  title: string; // as written (decoded), whitespace collapsed
  /** Meta tags: lower-cased name / http-equiv / property → content. First occurrence wins. */
  meta: Record<string, string>;
  kind: PageKind;
  columnName?: string; // from ColumnName meta, breadcrumb tail, or the list heading
  headline?: string; // the first visible <h1> with text
  /** Opening tag of a visible list container (class/id list, news, data …) that holds no link and no text:
   *  the list of an empty column (空白栏目). */
  emptyList?: string;
  breadcrumb: string[];
  pubDate?: string; // YYYY-MM-DD the page states as its 发布时间 (articles)
  listDates: string[]; // YYYY-MM-DD of the list items on this page, in page order
  text: string; // visible body text, whitespace collapsed, bounded
  links: LinkFact[];
  scripts: ScriptFact[];
  hiddenBlocks: HiddenBlock[];
  identifiers: Identifiers;
  search: { form: boolean; action?: string }; // a site-search form or link on the page
  /** Pagination links of a list page (next pages of the same column). */
  pagination: string[];
  /** Non-fatal parse notes (bad markup, truncated body …). */
  notes: string[];
}

/** A page whose body never ended: cut at the size cap after decompression, or still arriving at the total
 *  time limit. It is never parsed (a cut page judged as if whole gives wrong findings). */
export interface OversizedPage {
  url: string; // requested
  finalUrl: string;
  reason: 'size-cap' | 'time-limit';
  bytes: number; // decoded body bytes read before the cut
  wireBytes: number; // bytes received on the wire
  /** Decoded ÷ wire bytes (1 for an uncompressed body; a gzip bomb shows hundreds or more). */
  ratio: number;
  ms: number;
  capBytes: number;
  timeLimitMs: number;
  contentEncoding?: string;
  status: number;
  isHome: boolean;
  /** The first page seen linking it, when there is one. */
  linkedFrom?: string;
}

/** A 栏目 as the column model sees it across the crawl. */
export type ColumnType = 'news' | 'notice' | 'policy' | 'personnel' | 'planning' | 'interpretation' | 'consultation' | 'interaction' | 'other';

export interface ColumnFacts {
  name: string;
  url: string; // the column's first list page
  type: ColumnType;
  level: 1 | 2; // 1 = linked from the home page navigation (一级栏目)
  newestDate?: string; // YYYY-MM-DD of its newest item, across pagination
  itemCount: number;
  undatedItems: number; // items with no 发布时间 shown (treated as not updated)
  pagesSeen: number;
  /** How an item-less column showed itself empty (空白栏目), with the text or markup seen. */
  empty?: ColumnEmptiness;
}

/** The shapes of an empty column: a list page with no items; a 暂无信息 / 暂无数据 / 没有相关信息 notice; a page
 *  with only its pager (共0条); a list container with nothing in it. */
export type EmptyShape = 'empty-list' | 'no-data-text' | 'pagination-only' | 'empty-container';

export interface ColumnEmptiness {
  shape: EmptyShape;
  evidence: string;
  /** Why the page counts as a column: linked from the home page, from a navigation bar, or it names its column. */
  linkedFrom: 'home' | 'nav' | 'column-name';
}

/** A link target that did not resolve, with where it was seen (bounded sample). */
export interface BrokenLink {
  target: string;
  outcome: FetchOutcome;
  status: number;
  internal: boolean;
  error?: string;
  seenOn: Array<{ url: string; isHome: boolean; place: LinkPlace; tag: LinkTag; text: string; markup?: string }>;
  seenCount: number; // total referring occurrences (seenOn is capped)
}

export interface ProbeFacts {
  availability: { url: string; attempts: Array<{ outcome: FetchOutcome; status: number; ms: number }>; thresholdMs: number };
  https: { checked: boolean; httpsUrl: string; outcome: FetchOutcome; status: number; error?: string };
  ipv6: { host: string; aaaa: string[]; connected: boolean; outcome?: FetchOutcome; error?: string };
  soft404: { url: string; status: number; finalUrl: string; outcome: FetchOutcome; title?: string; bytes: number };
  robots: { url: string; status: number; found: boolean; disallowsAll: boolean; sitemaps: string[]; obeyed: boolean };
  sitemaps: { urls: string[]; entries: number };
}

/** The same page fetched as someone else (cloaking). */
export interface VariantFacts {
  url: string;
  as: string; // 'browser' | 'baiduspider' | 'referer:baidu' …
  userAgent: string;
  referer?: string;
  outcome: FetchOutcome;
  status: number;
  finalUrl: string;
  redirects: string[];
  title: string;
  text: string; // bounded
  linkHosts: string[]; // distinct hosts linked from the page
  scriptSrcs: string[];
}

/** What an earlier scan saw on a key page (defacement). */
export interface Baseline {
  url: string;
  scanId: string;
  takenAt: string; // ISO
  title: string;
  text: string; // normalised, bounded
  scriptSrcs: string[];
  iframeSrcs: string[];
}

/** Rendered in Chromium (the browser pass). */
export interface RenderedFacts {
  url: string;
  as: string; // 'browser' | 'referer:baidu' | 'baiduspider'
  finalUrl: string; // where the page ended up after scripts ran
  navigatedOffSite: boolean;
  title: string;
  injectedLinks: LinkFact[]; // links present after rendering but not in the static HTML
  screenshot?: string; // path of a PNG relative to the report's assets dir
  error?: string;
}

/** Why a link was neither crawled nor checked (linkinator's SKIPPED, with its reason). */
export type SkipReason =
  | 'scheme' // not http(s): ftp:, file:, … (javascript:, mailto:, tel:, data: are dropped at extraction)
  | 'invalid-url' // unparsable or longer than 2,048 characters
  | 'off-site' // external, and external links are not checked (checkExternalLinks off)
  | 'robots' // disallowed by robots.txt under --respect-robots
  | 'max-depth'
  | 'max-urls'
  | 'query-variants'
  | 'repeating-path'
  | 'max-pages';

export interface SkippedLink {
  url: string;
  reason: SkipReason;
  seenOn?: string; // the first page seen linking it
}

/** Links skipped during a crawl: distinct URLs counted per reason, and a bounded sample. */
export interface SkippedLinks {
  counts: Partial<Record<SkipReason, number>>;
  sample: SkippedLink[];
}

/** A server that sends its certificate without the intermediate that issued it. Browsers repair the chain
 *  by fetching the issuer named in the certificate's AIA extension; many other clients fail. */
export interface TlsChainFact {
  origin: string; // https://host[:port]
  url: string; // the first URL that met it
  /** Issuer named by the server's certificate (the certificate it did not send), as a DN. */
  missingIssuer: string;
  subject: string; // the server certificate's subject DN
  aiaUrl?: string; // where the certificate says its issuer can be fetched
  /** The issuer was fetched and verified, and the site was then judged as a browser sees it. */
  repaired: boolean;
  error?: string; // why the repair failed (no AIA, fetch failed, not the issuer …)
}

export interface SiteFacts {
  rootUrl: string;
  host: string;
  siteName?: string;
  now: string; // ISO instant the scan judges "today" by
  home?: PageFacts;
  probe: ProbeFacts;
  columns: ColumnFacts[];
  brokenLinks: BrokenLink[];
  variants: VariantFacts[];
  baselines: Baseline[]; // from earlier scans, for defacement
  keyPages: PageFacts[]; // home and a few key pages, kept whole for site checks (defacement, cloaking)
  rendered: RenderedFacts[];
  /** Pages whose body never ended (bounded sample). */
  oversizedPages?: OversizedPage[];
  /** Links neither crawled nor checked, with why (absent in facts built before they were recorded). */
  skippedLinks?: SkippedLinks;
  /** HTTPS origins whose certificate chain arrived incomplete (one per origin). */
  tlsChains?: TlsChainFact[];
  stats: { pages: number; links: number; bytes: number; errors: number };
}

/** Text pulled out of an attachment (PDF, DOCX, XLS/XLSX); text checks run on it too. */
export interface AttachmentFacts {
  url: string;
  linkedFrom: string;
  kind: 'pdf' | 'docx' | 'xlsx' | 'xls' | 'other';
  text: string; // bounded
  truncated: boolean;
  error?: string;
}
