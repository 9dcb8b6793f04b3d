// URL normalisation and classification for the crawl loop. WHATWG URL already lower-cases scheme and
// host, drops default ports and resolves dot segments; we add: no fragment, no empty trailing `?`.
// Query order is kept (some CMSs depend on it) and `index.html` stays distinct from `/`.

const REJECTED_SCHEMES = new Set(['javascript:', 'mailto:', 'tel:', 'data:', 'sms:', 'about:', 'blob:']);
const CRAWLABLE_SCHEMES = new Set(['http:', 'https:']);
const MAX_URL_LENGTH = 2048; // longer URLs are almost always generated junk

export type UrlClass =
  | { kind: 'http'; url: string; parsed: URL }
  | { kind: 'rejected'; reason: 'scheme' | 'invalid' | 'too-long'; scheme?: string };

/** Normalises `href` against `base`. Only http(s) URLs come back as `kind: 'http'`. */
export function classifyUrl(href: string, base?: string): UrlClass {
  const trimmed = href.trim();
  if (trimmed.length > MAX_URL_LENGTH) return { kind: 'rejected', reason: 'too-long' };
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return { kind: 'rejected', reason: 'invalid' };
  }
  if (!CRAWLABLE_SCHEMES.has(parsed.protocol)) return { kind: 'rejected', reason: 'scheme', scheme: parsed.protocol };
  // Each setter parses the whole URL again: used only when there is something to drop (a fragment, an empty `?`).
  if (parsed.href.includes('#')) parsed.hash = '';
  if (parsed.href.endsWith('?') && parsed.search === '') parsed.search = '';
  const url = parsed.href;
  if (url.length > MAX_URL_LENGTH) return { kind: 'rejected', reason: 'too-long' };
  return { kind: 'http', url, parsed };
}

/** The normalised absolute URL, or null when it must be neither crawled nor link-checked. */
export function normalizeUrl(href: string, base?: string): string | null {
  const c = classifyUrl(href, base);
  return c.kind === 'http' ? c.url : null;
}

/** javascript:, mailto:, tel:, data: … are never crawled and never link-checked. */
export function isRejectedScheme(href: string): boolean {
  const m = /^\s*([a-z][a-z0-9+.-]*:)/i.exec(href);
  return m !== null && REJECTED_SCHEMES.has(m[1].toLowerCase());
}

/** Lower-cased extension of the last path segment, without the dot ('' when none). */
export function pathExtension(pathname: string): string {
  const slash = pathname.lastIndexOf('/');
  const last = pathname.slice(slash + 1);
  const dot = last.lastIndexOf('.');
  if (dot <= 0) return '';
  return last.slice(dot + 1).toLowerCase();
}

/** Linked documents: fetched for text checks (some) or only checked for reachability. */
export const ATTACHMENT_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'rar', 'zip']);
/** Attachments whose text the checks can read (archives are only link-checked). */
export const READABLE_ATTACHMENT_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et']);

const NON_HTML_EXTENSIONS = new Set([
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp', 'svg', 'ico', 'tif', 'tiff', 'avif',
  'css', 'js', 'mjs', 'json', 'xml', 'txt', 'csv', 'rss', 'atom',
  'mp3', 'mp4', 'm4a', 'wav', 'avi', 'wmv', 'flv', 'mov', 'mkv', 'webm', 'swf', 'ogg',
  'woff', 'woff2', 'ttf', 'eot', 'otf',
  'ppt', 'pptx', '7z', 'gz', 'tgz', 'tar', 'exe', 'apk', 'dmg', 'iso', 'ofd', 'ceb', 'caj',
]);

export type TargetKind = 'page' | 'attachment' | 'resource';

/** What a link probably is, from its extension alone (Content-Type decides for pages later). */
export function targetKindOf(pathname: string): TargetKind {
  const ext = pathExtension(pathname);
  if (ext === '') return 'page';
  if (ATTACHMENT_EXTENSIONS.has(ext)) return 'attachment';
  if (NON_HTML_EXTENSIONS.has(ext)) return 'resource';
  return 'page'; // .html .htm .shtml .jsp .aspx .php … and unknown
}

/** A path whose segments repeat ≥ `times` times (/a/b/a/b/a/b/…) is a crawl trap. */
export function hasRepeatingSegments(pathname: string, times = 3): boolean {
  const segments = pathname.split('/');
  if (segments.length < times + 1) return false;
  const counts = new Map<string, number>();
  for (const s of segments) {
    if (s === '') continue;
    const n = (counts.get(s) ?? 0) + 1;
    if (n >= times) return true;
    counts.set(s, n);
  }
  return false;
}
