// Incremental rescans: what the crawler needs from the previous scan of the same site. A page stored with
// its validators (ETag, Last-Modified) is requested conditionally; when the server answers 304 Not Modified,
// the stored facts stand in for the page, so it is neither downloaded nor parsed again, and every check
// still runs on it. The store behind it is wired in by the scan (crawl never imports store).
import type { PageFacts } from '../domain/index.js';

export interface PageValidators {
  etag?: string;
  lastModified?: string;
}

export interface PageCache {
  /** The validators stored for a URL, if the previous scan kept the page. */
  validators(url: string): PageValidators | undefined;
  /** The stored facts of a URL whose server said "not modified" (and whatever else the caller stored with
   *  them, handed back untouched); undefined if they are gone. */
  page(url: string): Promise<{ facts: PageFacts; stored?: unknown } | undefined>;
}

/** Incremental rescans of attachments whose text is read: an attachment is requested conditionally when the caller
 *  has stored results that can stand for this scan's (it was found on the same page); a 304 is handed on as
 *  `reused`, without a body. */
export interface AttachmentCache {
  validators(url: string, linkedFrom: string): PageValidators | undefined;
}

/** What the crawl tells its caller about each page beyond its facts. */
export interface PageInfo {
  /** The response's validators, when the server sent any (worth storing for the next scan). */
  validators?: PageValidators;
  /** True when the server answered 304 and the stored facts were used. */
  reused: boolean;
  /** With `reused`: what the caller stored beside the facts. */
  stored?: unknown;
}

const MAX_VALIDATOR_CHARS = 200;

/** A response's validators, bounded (a hostile server can send anything). */
export function validatorsOf(headers: Record<string, string>): PageValidators | undefined {
  const etag = headers['etag']?.slice(0, MAX_VALIDATOR_CHARS);
  const lastModified = headers['last-modified']?.slice(0, MAX_VALIDATOR_CHARS);
  if (!etag && !lastModified) return undefined;
  // Assigned, not spread from literals: this runs for every page, and the spreads were a slow object clone each.
  const v: PageValidators = {};
  if (etag) v.etag = etag;
  if (lastModified) v.lastModified = lastModified;
  return v;
}

/** The conditional request headers for stored validators (If-None-Match wins over If-Modified-Since, RFC 9110). */
export function conditionalHeaders(v: PageValidators | undefined): Record<string, string> | undefined {
  if (!v) return undefined;
  if (v.etag) return { 'if-none-match': v.etag };
  if (v.lastModified) return { 'if-modified-since': v.lastModified };
  return undefined;
}
