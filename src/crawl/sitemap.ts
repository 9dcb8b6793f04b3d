// Sitemap parsing (sitemaps.org): <urlset><url><loc> and <sitemapindex><sitemap><loc>.
// Streaming htmlparser2 in xmlMode; bounded by input size and entry count (hostile input).
import { gunzipSync } from 'node:zlib';
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

export function parseSitemap(xml: string | Buffer): ParsedSitemap {
  const urls: string[] = [];
  const sitemaps: string[] = [];
  let parent: 'url' | 'sitemap' | null = null;
  let inLoc = false;
  let loc = '';
  let full = false;

  const parser = new Parser(
    {
      onopentag(name) {
        if (full) return;
        const n = localName(name);
        if (n === 'url') parent = 'url';
        else if (n === 'sitemap') parent = 'sitemap';
        else if (n === 'loc' && parent) {
          inLoc = true;
          loc = '';
        }
      },
      ontext(text) {
        if (inLoc && loc.length < MAX_LOC_CHARS) loc += text;
      },
      onclosetag(name) {
        if (full) return;
        const n = localName(name);
        if (n === 'loc' && inLoc) {
          inLoc = false;
          const value = loc.trim();
          if (value && /^https?:\/\//i.test(value)) {
            if (parent === 'url') urls.push(value);
            else if (parent === 'sitemap') sitemaps.push(value);
            if (urls.length + sitemaps.length >= MAX_SITEMAP_ENTRIES) {
              full = true;
              parser.pause();
            }
          }
        } else if (n === 'url' || n === 'sitemap') {
          parent = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );

  const text = toText(xml);
  const CHUNK = 64 * 1024;
  for (let i = 0; i < text.length && !full; i += CHUNK) parser.write(text.slice(i, i + CHUNK));
  if (!full) parser.end();
  return { urls, sitemaps };
}
