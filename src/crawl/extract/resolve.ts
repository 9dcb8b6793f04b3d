// Link resolution against the page's base URL, fragment dropped. WHATWG `new URL(href, base)` costs about
// a microsecond (it parses the base again every time); a page has hundreds of links, most of them plain
// ASCII paths. Those take a string-only fast path that gives exactly what the URL parser gives (checked
// against it by property tests); anything unusual (ports, IP or IDN hosts, percent-encoded dots,
// characters the parser would escape, other schemes) goes to the real parser.

/** The parts of a resolved link the extractor reads. A WHATWG URL object also fits. */
export interface LinkUrl {
  readonly href: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
}

// Characters the URL parser leaves as they are in a path / a query of an http(s) URL.
const SAFE_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const SAFE_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
// An LDH host whose last label starts with a letter (so it is never read as an IPv4 address).
const PLAIN_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*:/;

class FastUrl implements LinkUrl {
  constructor(
    readonly href: string,
    readonly host: string,
    readonly pathname: string,
    readonly search: string,
  ) {}
  get hostname(): string {
    return this.host; // the fast path never has a port
  }
}

export class UrlResolver {
  private readonly base: URL | undefined;
  /** `http://host` of the base, when the base is a plain http(s) URL the fast path can build on. */
  private readonly origin: string | undefined;
  private readonly scheme: string | undefined; // 'http:' | 'https:'
  private readonly host: string = '';
  /** The base path's segments without the last one: where a relative path starts. */
  private readonly dir: string[] = [];
  private readonly basePath: string = '';
  private readonly baseSearch: string = '';

  constructor(base: URL | undefined) {
    this.base = base;
    if (!base) return;
    const scheme = base.protocol;
    if ((scheme !== 'http:' && scheme !== 'https:') || base.username || base.password || base.port || !PLAIN_HOST.test(base.host)) return;
    this.scheme = scheme;
    this.host = base.host;
    this.origin = `${scheme}//${base.host}`;
    this.basePath = base.pathname;
    this.baseSearch = base.search;
    const segs = base.pathname.split('/');
    this.dir = segs.slice(1, -1);
  }

  /** `href` (already trimmed) resolved, without fragment; undefined when it does not parse. */
  resolve(href: string): LinkUrl | undefined {
    const fast = this.origin !== undefined && href.length > 0 ? this.fast(href) : undefined;
    return fast ?? this.slow(href);
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

  private fast(href: string): LinkUrl | undefined {
    const c0 = href.charCodeAt(0);
    if (c0 === 47 /* / */) {
      if (href.charCodeAt(1) === 47) return this.absolute(this.scheme + href);
      return this.build(this.host, [], href);
    }
    if (c0 === 63 /* ? */) {
      const q = href;
      if (!SAFE_QUERY.test(q.slice(1)) || q.length === 1) return undefined;
      return this.finish(this.host, this.basePath, q);
    }
    if (SCHEME.test(href)) {
      if (href.startsWith('http://') || href.startsWith('https://')) return this.absolute(href);
      return undefined;
    }
    return this.build(this.host, this.dir, href);
  }

  /** `http(s)://host/path?query` written in plain form. */
  private absolute(href: string): LinkUrl | undefined {
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
    const rest = href.slice(hostEnd);
    if (rest.length > 0 && rest.charCodeAt(0) !== 47 /* / */) return undefined; // ports, ?, userinfo: slow path
    const r = this.buildPath(rest.length ? rest : '/', []);
    if (!r) return undefined;
    return new FastUrl(`${scheme}//${host}${r.path}${r.search}`, host, r.path, r.search);
  }

  private build(host: string, dir: string[], href: string): LinkUrl | undefined {
    const r = this.buildPath(href, dir);
    if (!r) return undefined;
    return new FastUrl(`${this.origin}${r.path}${r.search}`, host, r.path, r.search);
  }

  private finish(host: string, path: string, search: string): LinkUrl {
    return new FastUrl(`${this.origin}${path}${search}`, host, path, search);
  }

  /** Path (with dot segments resolved from `dir`) and query; undefined when the parser must decide. */
  private buildPath(href: string, dir: string[]): { path: string; search: string } | undefined {
    const q = href.indexOf('?');
    const rawPath = q < 0 ? href : href.slice(0, q);
    const search = q < 0 ? '' : href.slice(q);
    if (!SAFE_PATH.test(rawPath)) return undefined;
    if (search && !SAFE_QUERY.test(search.slice(1))) return undefined;
    if (rawPath.includes('%2') && /%2e/i.test(rawPath)) return undefined; // %2e counts as a dot
    if (search === '?') return undefined; // keep the parser's exact handling of an empty query
    const absolutePath = rawPath.charCodeAt(0) === 47;
    // Common case: no dot segments and an absolute path: it is already in final form.
    if (absolutePath && !rawPath.includes('/.')) return { path: rawPath, search };
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
