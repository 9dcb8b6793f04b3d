// Which hosts belong to the site: the start host, its www/non-www twin and configured subsites. Everything else
// is off-site, including other sub-domains of the same parent (a.gov.cn's scope does not hold b.a.gov.cn
// unless it is configured as a subsite): the crawl never follows it, and security checks judge it as foreign.
// Ports and scheme are ignored (government sites mix http and https freely).

export interface Scope {
  /** Is this hostname part of the site? */
  hasHost(hostname: string): boolean;
  inScope(url: URL | string): boolean;
  /** Adds a host, e.g. where the home page redirected to. */
  addHost(hostname: string): void;
}

/** The lower-cased host of a URL without a trailing dot; '' when the URL does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}

/** Why a site address was refused: it does not parse, is not http(s), or names no host. */
export type SiteUrlProblem = 'invalid' | 'scheme' | 'no-host';

/** A site's address as typed by a person (a bare host gets http://), without its fragment; or why not. One
 *  reading for the scan's start URL and the inventory's site URL, each saying the problem in its own words. */
export function parseSiteUrl(input: string): URL | SiteUrlProblem {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (!url.hostname) return 'no-host';
  url.hash = '';
  return url;
}

/** www.a.gov.cn and a.gov.cn are one site. */
export function hostKey(hostname: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h.startsWith('www.') ? h.slice(4) : h;
}

export function createScope(rootUrl: string, subsites: readonly string[] = []): Scope {
  const keys = new Set<string>();
  const add = (host: string) => {
    const h = configuredHost(host);
    if (h) keys.add(hostKey(h));
  };
  add(new URL(rootUrl).hostname);
  for (const s of subsites) add(s);
  const hasHost = (hostname: string) => keys.has(hostKey(hostname));
  return {
    hasHost,
    inScope(url) {
      if (typeof url === 'string') {
        try {
          url = new URL(url);
        } catch {
          return false;
        }
      }
      return hasHost(url.hostname);
    },
    addHost: add,
  };
}

/**
 * Host predicate for "this site", for judging hosts taken from links and scripts. An empty host (a relative or
 * unparsable link, as hostOf returns it) is the page's own site.
 */
export function siteMatcher(rootUrl: string, subsites: readonly string[] = []): (host: string) => boolean {
  const scope = createScope(rootUrl, subsites);
  return (host: string) => host === '' || scope.hasHost(host);
}

/** Accepts 'Example.gov.cn', 'example.gov.cn:8080' or a full URL in config. */
function configuredHost(input: string): string {
  const s = input.trim().toLowerCase();
  if (s === '') return '';
  try {
    return new URL(s.includes('://') ? s : `http://${s}`).hostname;
  } catch {
    return '';
  }
}
