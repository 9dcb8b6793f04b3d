// What one fetch returns, inside the crawl stage (checks see PageFacts, never this).
import type { FetchOutcome } from '../domain/index.js';

export interface FetchResult {
  url: string; // requested URL (normalised)
  finalUrl: string; // after redirects
  redirects: string[]; // each hop's target, in order
  outcome: FetchOutcome;
  status: number; // 0 when no HTTP response
  ms: number; // total time, request start to body end
  headers: Record<string, string>; // lower-cased names
  contentType: string; // media type without parameters, lower-cased ('' when absent)
  bytes: number; // decoded body bytes read
  body?: Buffer; // present for HTML/text/attachments that are read; bounded by the size cap
  error?: string; // human-readable cause for non-ok outcomes
  /** The body was cut, not read to its end: over the size cap after decompression (a gzip bomb, an endless
   *  stream), or still arriving when the total time limit hit. `bytes` is what was decoded by then. */
  unfinished?: UnfinishedBody;
}

export interface UnfinishedBody {
  reason: 'size-cap' | 'time-limit';
  wireBytes: number; // bytes received on the wire (before decompression)
  /** Decoded ÷ compressed bytes the decoder used (1 uncompressed; a gzip bomb shows hundreds or more). */
  ratio: number;
}
