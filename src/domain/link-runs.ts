// The navigation, breadcrumb and footer links a site repeats on every page, named once and shared: the parse
// worker sends each run to the main thread once (crawl/link-runs.ts) and the page cache stores each once per
// site (store/page-cache.ts). Both split a page's links into runs and put them back the same way, here.
import type { LinkFact, LinkPlace } from './facts.js';

/** Places whose links a site repeats from page to page (its navigation, breadcrumb trails and footer). */
export const REPEATED_LINK_PLACES: ReadonlySet<LinkPlace> = new Set<LinkPlace>(['head', 'nav', 'breadcrumb', 'footer']);

/**
 * A page's links with each run of repeated links (one repeated place, in a row: links[start..end)) replaced by
 * the name `nameOf` gives it; a run given no name stays as plain links.
 */
export function nameLinkRuns<N>(links: LinkFact[], nameOf: (links: LinkFact[], start: number, end: number) => N | undefined): Array<LinkFact | N> {
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
    const name = nameOf(links, i, end);
    if (name === undefined) for (let j = i; j < end; j++) out.push(links[j]);
    else out.push(name);
    i = end;
  }
  return out;
}

/**
 * Names of runs, found by content: a run equal field by field to one added before gets that one's name.
 * Comparing with the few runs that start with the same link costs far less than serialising every
 * run of every page to get a key (JSON.stringify of the runs was ~8 % of the parse worker's time on the bench).
 */
export class LinkRunIndex<N> {
  private readonly buckets = new Map<string, Array<{ run: readonly LinkFact[]; name: N }>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The name of the run links[start..end), if an equal run was added. */
  find(links: readonly LinkFact[], start: number, end: number): N | undefined {
    const bucket = this.buckets.get(bucketKey(links, start, end));
    if (bucket) for (const known of bucket) if (sameRun(known.run, links, start, end)) return known.name;
    return undefined;
  }

  /** Remembers `run` (the caller's array, which must not change afterwards) under `name`. */
  add(run: readonly LinkFact[], name: N): void {
    const key = bucketKey(run, 0, run.length);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ run, name });
    else this.buckets.set(key, [{ run, name }]);
    this.count++;
  }
}

/** Runs are grouped by their first link's URL (no string to build: a key made per run cost more than it saved). */
function bucketKey(links: readonly LinkFact[], start: number, end: number): string {
  return end <= start ? '' : links[start].url;
}

/** Whether `run` equals links[start..end). */
function sameRun(run: readonly LinkFact[], links: readonly LinkFact[], start: number, end: number): boolean {
  const n = run.length;
  if (n !== end - start || run[n - 1].url !== links[end - 1].url) return false;
  for (let i = 0; i < n; i++) if (!sameLink(run[i], links[start + i])) return false;
  return true;
}

/** The fields sameLink compares: every field of LinkFact (this stops compiling when LinkFact gains one). */
type ComparedField = 'url' | 'href' | 'tag' | 'text' | 'place' | 'date' | 'hidden' | 'markup';
const everyFieldCompared: Record<Exclude<keyof LinkFact, ComparedField>, never> = {};
void everyFieldCompared;

function sameLink(a: LinkFact, b: LinkFact): boolean {
  return (
    a.url === b.url && a.href === b.href && a.tag === b.tag && a.text === b.text && a.place === b.place &&
    a.date === b.date && a.hidden === b.hidden && a.markup === b.markup
  );
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
