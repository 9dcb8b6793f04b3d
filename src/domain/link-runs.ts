// The navigation, breadcrumb and footer links a site repeats on every page, named once and shared: the parse
// worker sends each run to the main thread once (crawl/link-runs.ts) and the page cache stores each once per
// site (store/page-cache.ts). Both split a page's links into runs and put them back the same way, here.
import type { LinkFact, LinkPlace } from './facts.js';

/** Places whose links a site repeats from page to page (its navigation, breadcrumb trails and footer). */
export const REPEATED_LINK_PLACES: ReadonlySet<LinkPlace> = new Set<LinkPlace>(['head', 'nav', 'breadcrumb', 'footer']);

/**
 * A page's links with each run of repeated links (one repeated place, in a row) replaced by the name `nameOf`
 * gives it (from the run's JSON, its identity); a run given no name stays as plain links.
 */
export function nameLinkRuns<N>(links: LinkFact[], nameOf: (json: string, run: LinkFact[]) => N | undefined): Array<LinkFact | N> {
  const out: Array<LinkFact | N> = [];
  let i = 0;
  while (i < links.length) {
    const place = links[i].place;
    if (!REPEATED_LINK_PLACES.has(place)) {
      out.push(links[i++]);
      continue;
    }
    let end = i + 1;
    while (end < links.length && links[end].place === place) end++;
    const run = links.slice(i, end);
    const name = nameOf(JSON.stringify(run), run);
    if (name === undefined) out.push(...run);
    else out.push(name);
    i = end;
  }
  return out;
}

/** The links back, each name replaced by its run's links; undefined when `runOf` knows a name not. */
export function expandLinkRuns<N>(
  named: Array<LinkFact | N>,
  isName: (x: LinkFact | N) => x is N,
  runOf: (name: N) => readonly LinkFact[] | undefined,
): LinkFact[] | undefined {
  const links: LinkFact[] = [];
  for (const x of named) {
    if (!isName(x)) {
      links.push(x);
      continue;
    }
    const run = runOf(x);
    if (!run) return undefined;
    for (const l of run) links.push(l);
  }
  return links;
}

/** A run shared by every page that names it: frozen, so a check that changed a link would fail loudly. */
export function freezeRun(links: LinkFact[]): readonly LinkFact[] {
  for (const l of links) Object.freeze(l);
  return Object.freeze(links);
}
