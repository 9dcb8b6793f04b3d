// Who the browser pass visits a page as: a plain browser, and a visitor arriving from a Baidu search result
// (spam redirects often fire only for search-engine referrers). Kept apart from the session so the scan
// process can build requests without loading the browser code.
import type { Identity } from './render.js';
import type { RenderRequest } from './session.js';

export const IDENTITIES: Identity[] = [
  { as: 'browser' },
  { as: 'referer:baidu', referer: 'https://www.baidu.com/s?wd=' },
];

/** The render requests for one URL: one per identity, the Baidu one with a search-result Referer for the site. */
export function requestsFor(url: string, staticLinks?: string[], plainScreenshot = true): RenderRequest[] {
  return IDENTITIES.map((identity) => ({ url, staticLinks, plainScreenshot, identity: { ...identity, referer: refererFor(identity, url) } }));
}

function refererFor(identity: Identity, url: string): string | undefined {
  if (!identity.referer) return undefined;
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* keep empty */
  }
  return `${identity.referer}${encodeURIComponent(host)}`;
}
