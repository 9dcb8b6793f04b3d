// Link resolution against the page's base URL, fragment dropped. WHATWG `new URL(href, base)` costs about
// a microsecond (it parses the base again every time); a page has hundreds of links, most of them plain
// ASCII paths. Those take a string-only fast path that gives exactly what the URL parser gives (checked
// against it by property tests); anything unusual (IP or IDN hosts, percent-encoded dots,
// characters the parser would escape, other schemes, default or odd ports) goes to the real parser. A base with a port or an IP
// host keeps the fast path for relative links (its host is copied as the parser serialised it).

/** The parts of a resolved link the extractor reads. A WHATWG URL object also fits. */
export interface LinkUrl {
  readonly href: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
}

// Characters the URL parser leaves as they are in a path (1) and in a query (2) of an http(s) URL.
const SAFE = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&()*+,;=:@%/") SAFE[ch.charCodeAt(0)] = 3;
SAFE["'".charCodeAt(0)] = 1; // escaped in the query of special URLs
SAFE['?'.charCodeAt(0)] = 2;
// An LDH host whose last label starts with a letter (so it is never read as an IPv4 address).
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?$/;

/** Whether `href` starts with `scheme:` (a cheap scan instead of a regex). */
function mayHaveScheme(href: string): boolean {
  const c0 = href.charCodeAt(0) | 32;
  if (c0 < 97 || c0 > 122) return false;
  for (let i = 1; i < href.length; i++) {
    const ch = href.charCodeAt(i);
    if (ch === 58 /* : */) return true;
    const lower = ch | 32;
    if (!((lower >= 97 && lower <= 122) || (ch >= 48 && ch <= 57) || ch === 43 || ch === 45 || ch === 46)) return false;
  }
  return false;
}

/**
 * Where the port that starts at `start` ends, when the parser keeps it as written: 1–5 digits, no leading
 * zero, at most 65535 and not the scheme's default (which the parser drops); otherwise -1 (slow path).
 */
function plainPortEnd(href: string, start: number, scheme: string): number {
  let end = start;
  while (end < href.length && end - start <= 5) {
    const ch = href.charCodeAt(end);
    if (ch < 48 || ch > 57) break;
    end++;
  }
  const port = href.slice(start, end);
  if (port.length === 0 || port.length > 5 || port.charCodeAt(0) === 48 /* 0 */ || Number(port) > 65535) return -1;
  if (port === (scheme === 'http:' ? '80' : '443')) return -1;
  return end;
}

class FastUrl implements LinkUrl {
  constructor(
    readonly href: string,
    readonly host: string,
    readonly pathname: string,
    readonly search: string,
    /** host without the port (only a base's host can carry one: it was serialised by the URL parser) */
    readonly hostname: string = host,
  ) {}
}

/**
 * Fast-path results of the hrefs that resolve the same from every page of an origin (root-relative, `//host`
 * and absolute http(s) ones), kept across pages by origin: a site's navigation and footer repeat them on every
 * page. Bounded: an origin's map starts over when full, and so does the set of origins.
 */
const SHARED_LINKS_PER_ORIGIN = 4096;
const SHARED_ORIGINS = 8;
const sharedByOrigin = new Map<string, Map<string, FastUrl>>();

function sharedLinks(origin: string): Map<string, FastUrl> {
  let links = sharedByOrigin.get(origin);
  if (!links) {
    if (sharedByOrigin.size >= SHARED_ORIGINS) sharedByOrigin.clear();
    links = new Map();
    sharedByOrigin.set(origin, links);
  }
  return links;
}

/** Whether `href` resolves without the base's path: what the fast path builds from the origin alone. */
function originOnly(href: string): boolean {
  return href.charCodeAt(0) === 47 /* / */ || href.startsWith('http://') || href.startsWith('https://');
}

export class UrlResolver {
  private readonly base: URL | undefined;
  /** `http://host` of the base, when the base is a plain http(s) URL the fast path can build on. */
  private readonly origin: string | undefined;
  private readonly scheme: string | undefined; // 'http:' | 'https:'
  private readonly host: string = '';
  private readonly hostname: string = '';
  /** The base path's segments without the last one: where a relative path starts. */
  private readonly dir: string[] = [];
  private readonly basePath: string = '';
  private readonly shared: Map<string, FastUrl> | undefined;

  constructor(base: URL | undefined) {
    this.base = base;
    if (!base) return;
    const scheme = base.protocol;
    // The base was serialised by the URL parser, so its host (an IP address, a port) is in final form already;
    // a relative link only copies it.
    if ((scheme !== 'http:' && scheme !== 'https:') || base.username || base.password) return;
    this.scheme = scheme;
    this.host = base.host;
    this.hostname = base.hostname;
    this.origin = `${scheme}//${base.host}`;
    this.shared = sharedLinks(this.origin);
    this.basePath = base.pathname;
    const segs = base.pathname.split('/');
    this.dir = segs.slice(1, -1);
  }

  /** `href` (already trimmed) resolved, without fragment; undefined when it does not parse. */
  resolve(href: string): LinkUrl | undefined {
    if (this.shared === undefined || href.length === 0) return this.slow(href);
    if (!originOnly(href)) return this.fast(href) ?? this.slow(href);
    const known = this.shared.get(href);
    if (known) return known;
    const fast = this.fast(href);
    if (!fast) return this.slow(href);
    if (this.shared.size >= SHARED_LINKS_PER_ORIGIN) this.shared.clear();
    this.shared.set(href, fast);
    return fast;
  }

  private slow(href: string): LinkUrl | undefined {
    try {
      const u = new URL(href, this.base);
      // Only a '#' in the input can give the result a fragment; clearing it re-serialises the URL.
      if (href.includes('#')) u.hash = '';
      return u;
    } catch {
      return undefined;
    }
  }

  private fast(href: string): FastUrl | undefined {
    const c0 = href.charCodeAt(0);
    if (c0 === 47 /* / */) {
      if (href.charCodeAt(1) === 47) return this.absolute(this.scheme + href);
      return this.build([], href);
    }
    if (c0 === 63 /* ? */) {
      const r = this.buildPath(href, this.dir);
      return r ? this.finish(this.basePath, r.search) : undefined;
    }
    if (mayHaveScheme(href)) {
      if (href.startsWith('http://') || href.startsWith('https://')) return this.absolute(href);
      return undefined;
    }
    return this.build(this.dir, href);
  }

  /** `http(s)://host/path?query` written in plain form. */
  private absolute(href: string): FastUrl | undefined {
    const schemeEnd = href.indexOf('//') + 2;
    const scheme = href.slice(0, schemeEnd - 2);
    if (scheme !== 'http:' && scheme !== 'https:') return undefined;
    let hostEnd = schemeEnd;
    while (hostEnd < href.length) {
      const ch = href.charCodeAt(hostEnd);
      if (ch === 47 || ch === 63 || ch === 35 || ch === 92 || ch === 58 || ch === 64) break; // / ? # \ : @
      hostEnd++;
    }
    const host = href.slice(schemeEnd, hostEnd);
    if (!PLAIN_HOST.test(host)) return undefined;
    const portEnd = href.charCodeAt(hostEnd) === 58 /* : */ ? plainPortEnd(href, hostEnd + 1, scheme) : hostEnd;
    if (portEnd < 0) return undefined;
    const rest = href.slice(portEnd);
    if (rest.length > 0 && rest.charCodeAt(0) !== 47 /* / */) return undefined; // ?, userinfo: slow path
    const r = this.buildPath(rest.length ? rest : '/', []);
    if (!r) return undefined;
    const hostPort = portEnd === hostEnd ? host : href.slice(schemeEnd, portEnd);
    return new FastUrl(`${scheme}//${hostPort}${r.path}${r.search}`, hostPort, r.path, r.search, host);
  }

  /** A path relative to the base (its host kept). */
  private build(dir: string[], href: string): FastUrl | undefined {
    const r = this.buildPath(href, dir);
    if (!r) return undefined;
    return this.finish(r.path, r.search);
  }

  private finish(path: string, search: string): FastUrl {
    return new FastUrl(`${this.origin}${path}${search}`, this.host, path, search, this.hostname);
  }

  /** Path (with dot segments resolved from `dir`) and query; undefined when the parser must decide. */
  private buildPath(href: string, dir: string[]): { path: string; search: string } | undefined {
    // One scan: every character must be kept as is by the parser; note the query start and whether
    // any segment starts with a dot (then dot segments are resolved below).
    const n = href.length;
    let q = -1;
    let dotSegment = href.charCodeAt(0) === 46; // a relative path starting with '.'
    for (let i = 0; i < n; i++) {
      const ch = href.charCodeAt(i);
      if (ch >= 128) return undefined;
      const safe = SAFE[ch];
      if (q < 0) {
        if (ch === 63 /* ? */) {
          q = i;
          continue;
        }
        if ((safe & 1) === 0) return undefined;
        if (ch === 47 /* / */ && href.charCodeAt(i + 1) === 46 /* . */) dotSegment = true;
        else if (ch === 37 /* % */ && href.charCodeAt(i + 1) === 50 /* 2 */ && (href.charCodeAt(i + 2) | 32) === 101 /* e */) return undefined; // %2e is a dot
      } else if ((safe & 2) === 0) return undefined;
    }
    if (q === n - 1) return undefined; // keep the parser's exact handling of an empty query
    const rawPath = q < 0 ? href : href.slice(0, q);
    const search = q < 0 ? '' : href.slice(q);
    const absolutePath = rawPath.charCodeAt(0) === 47;
    // Common case: no dot segments and an absolute path: it is already in final form.
    if (absolutePath && !dotSegment) return { path: rawPath, search };
    const parts = absolutePath ? rawPath.slice(1).split('/') : rawPath.split('/');
    const out = absolutePath ? [] : dir.slice();
    for (let i = 0; i < parts.length; i++) {
      const seg = parts[i];
      const last = i === parts.length - 1;
      if (seg === '..') {
        out.pop();
        if (last) out.push('');
      } else if (seg === '.') {
        if (last) out.push('');
      } else {
        out.push(seg);
      }
    }
    return { path: '/' + out.join('/'), search };
  }
}
