// Links before and after scripts run: the static HTML's anchors (parsed, never executed) and the
// rendered DOM's anchors with the reason a person cannot see them.
import { Parser } from 'htmlparser2';
import type { LinkFact } from '../domain/index.js';

const MAX_HTML_BYTES = 5 * 1024 * 1024;
export const MAX_RENDERED_LINKS = 2000;
const MAX_INJECTED = 200;

export function normaliseLinkUrl(href: string, base: string): string | undefined {
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** Absolute URLs of the anchors in static HTML (no script runs here). */
export function staticLinkUrls(html: Buffer | string, baseUrl: string): Set<string> {
  const out = new Set<string>();
  const text = typeof html === 'string' ? html : html.subarray(0, MAX_HTML_BYTES).toString('utf8');
  let base = baseUrl;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) base = normaliseLinkUrl(attrs.href, baseUrl) ?? base;
        if ((name === 'a' || name === 'area') && attrs.href) {
          const u = normaliseLinkUrl(attrs.href, base);
          if (u) out.add(u);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();
  return out;
}

export interface DomLink {
  href: string;
  url: string;
  text: string;
  tag: string;
  hidden: string;
  markup: string;
}

/** Source evaluated inside the page (our code, not the page's): anchors with their visibility.
 *  Kept as a string so no compiler helper (e.g. esbuild's __name) leaks into the page. */
export const DOM_LINKS_SCRIPT = `(() => {
  const max = ${MAX_RENDERED_LINKS};
  const reasonFor = (a) => {
    for (let e = a; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none') return 'display:none';
      if (s.visibility === 'hidden') return 'visibility:hidden';
      if (parseFloat(s.fontSize) === 0) return 'font-size:0';
      if (s.opacity === '0') return 'opacity:0';
      if (e.tagName === 'MARQUEE') {
        const r = e.getBoundingClientRect();
        if (r.width < 5 || r.height < 5) return 'tiny-marquee';
      }
    }
    const r = a.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return 'zero-size';
    if (r.right < 0 || r.bottom < 0 || r.left > 20000 || r.top > 200000) return 'off-screen';
    return '';
  };
  return Array.from(document.querySelectorAll('a[href], area[href]')).slice(0, max).map((a) => {
    const html = a.outerHTML;
    const end = html.indexOf('>');
    return {
      href: a.getAttribute('href') || '',
      url: a.href || '',
      text: (a.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 200),
      tag: a.tagName.toLowerCase(),
      hidden: reasonFor(a),
      markup: html.slice(0, end >= 0 ? Math.min(end + 1, 200) : 200),
    };
  });
})()`;

/** Rendered anchors whose URL the static HTML did not have. */
export function injectedLinks(rendered: DomLink[], staticUrls: Set<string>, pageUrl: string): LinkFact[] {
  const out: LinkFact[] = [];
  const seen = new Set<string>();
  for (const l of rendered) {
    const url = normaliseLinkUrl(l.href, l.url || pageUrl) ?? normaliseLinkUrl(l.url, pageUrl);
    if (!url || staticUrls.has(url) || seen.has(url)) continue;
    seen.add(url);
    const fact: LinkFact = { url, href: l.href, tag: l.tag === 'area' ? 'area' : 'a', text: l.text, place: 'body', markup: l.markup };
    if (l.hidden) fact.hidden = l.hidden;
    out.push(fact);
    if (out.length >= MAX_INJECTED) break;
  }
  return out;
}
