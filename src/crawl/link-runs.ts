// Worker → main thread: the navigation, breadcrumb and footer links a site repeats on every page cross the
// thread boundary once. The worker numbers each run of such links the first time it sends it; later pages
// send the number, and the main thread puts back the same frozen link objects. On the bench site links are
// ~80 % of a page's facts and almost all of them are such repeats: copying them for every page was most of
// the main thread's allocation after fetching.
import { expandLinkRuns, freezeRun, LinkRunIndex, nameLinkRuns, type LinkFact } from '../domain/index.js';

/** A run sent for the first time: its number and its links. */
export interface LinkRunDef {
  run: number;
  links: LinkFact[];
}
/** A page's links on the wire: plain links, runs seen before (their number), runs sent now. */
export type WireLink = LinkFact | number | LinkRunDef;

/** Runs one worker names: a bound on what the main thread keeps; later new runs travel as plain links. */
export const MAX_LINK_RUNS = 2000;

/** The worker's side: remembers the runs it has sent. */
export class LinkRunSender {
  private readonly ids = new LinkRunIndex<number>();

  encode(links: LinkFact[]): WireLink[] {
    return nameLinkRuns<number | LinkRunDef>(links, (all, start, end) => this.ids.find(all, start, end) ?? this.define(all, start, end));
  }

  private define(all: LinkFact[], start: number, end: number): LinkRunDef | undefined {
    if (this.ids.size >= MAX_LINK_RUNS) return undefined;
    const links = all.slice(start, end);
    const run = this.ids.size + 1;
    this.ids.add(links, run);
    return { run, links };
  }
}

/** The main thread's side, one per worker: the runs that worker has sent. */
export class LinkRunReceiver {
  private readonly runs = new Map<number, readonly LinkFact[]>();

  /** The page's links, or undefined if it names a run this side never received (the caller re-parses). */
  decode(wire: WireLink[]): LinkFact[] | undefined {
    return expandLinkRuns(wire, isRunName, (name) => (typeof name === 'number' ? this.runs.get(name) : this.keep(name)));
  }

  private keep(def: LinkRunDef): readonly LinkFact[] {
    const run = freezeRun(def.links);
    this.runs.set(def.run, run);
    return run;
  }
}

function isRunName(w: WireLink): w is number | LinkRunDef {
  return typeof w === 'number' || typeof (w as LinkRunDef).run === 'number';
}
