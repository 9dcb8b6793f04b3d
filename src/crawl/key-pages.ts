// The key pages of a crawl: the home page and the navigation and list pages it links to. Defacement compares
// each with its baseline from the previous scan, and cloaking fetches them as a spider, so the same pages must be
// chosen on every scan of an unchanged site: the ones the home page links to first, not the first to answer
// (which varied from scan to scan, leaving baselines unused and pages uncompared).
import type { PageFacts } from '../domain/index.js';

export class KeyPages {
  private readonly held: Array<{ rank: number; arrival: number; page: PageFacts }> = [];
  private homeOrder?: Map<string, number>;
  private arrivals = 0;

  constructor(private readonly max: number) {}

  /** The home page; every later offer is ranked by where the home page first links to it (`crawlUrl`: a
   *  link's URL as the crawl queues it). */
  offerHome(home: PageFacts, crawlUrl: (url: string) => string): void {
    const order = new Map<string, number>();
    home.links.forEach((l, i) => {
      const url = crawlUrl(l.url);
      if (!order.has(url)) order.set(url, i);
    });
    this.homeOrder = order;
    this.offer(home, -1);
  }

  /** A page linked from the home page (by its URL as the crawl queued it). */
  offerLinked(url: string, page: PageFacts): void {
    this.offer(page, this.homeOrder?.get(url) ?? Number.MAX_SAFE_INTEGER);
  }

  /** Home first, then in the home page's link order. */
  pages(): PageFacts[] {
    return [...this.held].sort(byRank).map((h) => h.page);
  }

  private offer(page: PageFacts, rank: number): void {
    const entry = { rank, arrival: this.arrivals++, page };
    if (this.held.length < this.max) {
      this.held.push(entry);
      return;
    }
    let worst = 0;
    for (let i = 1; i < this.held.length; i++) if (byRank(this.held[i], this.held[worst]) > 0) worst = i;
    if (byRank(entry, this.held[worst]) < 0) this.held[worst] = entry;
  }
}

function byRank(a: { rank: number; arrival: number }, b: { rank: number; arrival: number }): number {
  return a.rank - b.rank || a.arrival - b.arrival;
}
