// Which hosts belong to the site: the start host, its www/non-www twin and configured subsites.
// Everything else is external: link-checked at most, never crawled. Ports and scheme are ignored
// (government sites mix http and https freely).
import { hostKey } from './url.js';

export interface Scope {
  /** Is this hostname (lower-case, no port) part of the site? */
  hasHost(hostname: string): boolean;
  inScope(url: URL | string): boolean;
  /** Adds a host, e.g. where the home page redirected to. */
  addHost(hostname: string): void;
}

export function createScope(rootUrl: string, subsites: readonly string[] = []): Scope {
  const keys = new Set<string>();
  const add = (host: string) => {
    const h = normaliseHost(host);
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

/** Accepts 'Example.gov.cn', 'example.gov.cn:8080' or a full URL in config. */
function normaliseHost(input: string): string {
  const s = input.trim().toLowerCase();
  if (s === '') return '';
  try {
    return new URL(s.includes('://') ? s : `http://${s}`).hostname;
  } catch {
    return '';
  }
}
