// Sitemap parsing (sitemaps.org): <urlset><url><loc> and <sitemapindex><sitemap><loc>.
// Streaming htmlparser2 in xmlMode; bounded by input size and entry count (hostile input).
import { gunzipSync } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'htmlparser2';

export const MAX_SITEMAP_BYTES = 10 * 1024 * 1024;
export const MAX_SITEMAP_ENTRIES = 50_000;
const MAX_LOC_CHARS = 4096;

export interface ParsedSitemap {
  urls: string[];
  sitemaps: string[];
}

function localName(tag: string): string {
  const colon = tag.indexOf(':');
  return (colon >= 0 ? tag.slice(colon + 1) : tag).toLowerCase();
}

/** Gzipped sitemaps (sitemap.xml.gz) are common; inflate them within the size cap. */
function toText(xml: string | Buffer): string {
  if (typeof xml === 'string') return xml.length > MAX_SITEMAP_BYTES ? xml.slice(0, MAX_SITEMAP_BYTES) : xml;
  let buf = xml;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf, { maxOutputLength: MAX_SITEMAP_BYTES });
    } catch {
      return '';
    }
  }
  if (buf.length > MAX_SITEMAP_BYTES) buf = buf.subarray(0, MAX_SITEMAP_BYTES);
  return buf.toString('utf8');
}

/**
 * Incremental parser: feed the body chunk by chunk as it arrives (e.g. as a fetch sink). A gzipped file
 * (sitemap.xml.gz served without Content-Encoding) is recognised by its magic bytes and inflated at the end.
 */
export class SitemapStream {
  readonly urls: string[] = [];
  readonly sitemaps: string[] = [];
  private parent: 'url' | 'sitemap' | null = null;
  private inLoc = false;
  private loc = '';
  private full = false;
  private bytes = 0;
  private gzipChunks: Buffer[] | null = null;
  private started = false;
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser: Parser;

  constructor() {
    this.parser = new Parser(
      {
        onopentag: (name) => {
          if (this.full) return;
          const n = localName(name);
          if (n === 'url') this.parent = 'url';
          else if (n === 'sitemap') this.parent = 'sitemap';
          else if (n === 'loc' && this.parent) {
            this.inLoc = true;
            this.loc = '';
          }
        },
        ontext: (text) => {
          if (this.inLoc && this.loc.length < MAX_LOC_CHARS) this.loc += text;
        },
        onclosetag: (name) => {
          if (this.full) return;
          const n = localName(name);
          if (n === 'loc' && this.inLoc) {
            this.inLoc = false;
            const value = this.loc.trim();
            if (value && /^https?:\/\//i.test(value)) {
              if (this.parent === 'url') this.urls.push(value);
              else if (this.parent === 'sitemap') this.sitemaps.push(value);
              if (this.urls.length + this.sitemaps.length >= MAX_SITEMAP_ENTRIES) this.full = true;
            }
          } else if (n === 'url' || n === 'sitemap') {
            this.parent = null;
          }
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
  }

  /** False once no more input is wanted (entry or size cap reached). */
  get wantsMore(): boolean {
    return !this.full && this.bytes < MAX_SITEMAP_BYTES;
  }

  write(chunk: Buffer | string): void {
    if (!this.wantsMore) return;
    if (typeof chunk === 'string') chunk = Buffer.from(chunk, 'utf8');
    if (!this.started) {
      this.started = true;
      if (chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b) this.gzipChunks = [];
    }
    const room = MAX_SITEMAP_BYTES - this.bytes;
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.bytes += piece.length;
    if (this.gzipChunks) this.gzipChunks.push(piece);
    else this.parser.write(this.decoder.write(piece));
  }

  end(): ParsedSitemap {
    if (this.gzipChunks) {
      const inner = parseSitemap(toText(Buffer.concat(this.gzipChunks)));
      return { urls: inner.urls, sitemaps: inner.sitemaps };
    }
    if (!this.full) this.parser.end(this.decoder.end());
    return { urls: this.urls, sitemaps: this.sitemaps };
  }
}

export function parseSitemap(xml: string | Buffer): ParsedSitemap {
  const stream = new SitemapStream();
  const text = toText(xml);
  const CHUNK = 64 * 1024;
  for (let i = 0; i < text.length && stream.wantsMore; i += CHUNK) stream.write(text.slice(i, i + CHUNK));
  return stream.end();
}
