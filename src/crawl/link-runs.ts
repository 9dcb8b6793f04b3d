// Worker → main thread: the navigation, breadcrumb and footer links a site repeats on every page cross the
// thread boundary once. The worker numbers each run of such links the first time it sends it; later pages
// send the number, and the main thread puts back the same frozen link objects. On the bench site links are
// ~80 % of a page's facts and almost all of them are such repeats: copying them for every page was most of
// the main thread's allocation after fetching.
import { REPEATED_LINK_PLACES, type LinkFact } from '../domain/index.js';

/** A run sent for the first time: its number and its links. */
export interface LinkRunDef {
  run: number;
  links: LinkFact[];
}
/** A page's links on the wire: plain links, runs seen before (their number), runs sent now. */
export type WireLink = LinkFact | number | LinkRunDef;

/** Runs one worker names: a bound on what the main thread keeps; later new runs travel as plain links. */
export const MAX_LINK_RUNS = 2000;

/** Each run of links in one repeated place, in page order; other links one by one. */
function forEachRun(links: LinkFact[], single: (l: LinkFact) => void, run: (links: LinkFact[]) => void): void {
  let i = 0;
  while (i < links.length) {
    const place = links[i].place;
    if (!REPEATED_LINK_PLACES.has(place)) {
      single(links[i++]);
      continue;
    }
    let end = i + 1;
    while (end < links.length && links[end].place === place) end++;
    run(links.slice(i, end));
    i = end;
  }
}

/** The worker's side: remembers the runs it has sent. */
export class LinkRunSender {
  private readonly ids = new Map<string, number>();

  encode(links: LinkFact[]): WireLink[] {
    const out: WireLink[] = [];
    forEachRun(links, (l) => out.push(l), (run) => {
      const key = JSON.stringify(run);
      const known = this.ids.get(key);
      if (known !== undefined) out.push(known);
      else if (this.ids.size < MAX_LINK_RUNS) out.push(this.define(key, run));
      else out.push(...run);
    });
    return out;
  }

  private define(key: string, links: LinkFact[]): LinkRunDef {
    const run = this.ids.size + 1;
    this.ids.set(key, run);
    return { run, links };
  }
}

/** The main thread's side, one per worker: the runs that worker has sent. */
export class LinkRunReceiver {
  private readonly runs = new Map<number, readonly LinkFact[]>();

  /** The page's links, or undefined if it names a run this side never received (the caller re-parses). */
  decode(wire: WireLink[]): LinkFact[] | undefined {
    const links: LinkFact[] = [];
    for (const w of wire) {
      if (typeof w === 'number') {
        const run = this.runs.get(w);
        if (!run) return undefined;
        for (const l of run) links.push(l);
      } else if (isRunDef(w)) {
        for (const l of this.keep(w)) links.push(l);
      } else {
        links.push(w);
      }
    }
    return links;
  }

  private keep(def: LinkRunDef): readonly LinkFact[] {
    // Shared by every page that names the run: frozen, so a check that changed a link would fail loudly.
    for (const l of def.links) Object.freeze(l);
    const run = Object.freeze(def.links);
    this.runs.set(def.run, run);
    return run;
  }
}

function isRunDef(w: LinkFact | LinkRunDef): w is LinkRunDef {
  return typeof (w as LinkRunDef).run === 'number';
}
