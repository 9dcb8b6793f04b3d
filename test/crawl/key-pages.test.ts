// Key pages are chosen by the home page's link order, not by which answered first: the same pages on every scan.
import { describe, expect, it } from 'vitest';
import { KeyPages } from '../../src/crawl/key-pages.js';
import type { LinkFact, PageFacts } from '../../src/domain/index.js';

const ROOT = 'http://www.example.gov.cn/';
const url = (i: number) => `${ROOT}col${i}/`;
const pageAt = (u: string, links: string[] = []) => ({ url: u, links: links.map((l) => ({ url: l }) as LinkFact) }) as PageFacts;
const home = pageAt(ROOT, Array.from({ length: 10 }, (_, i) => url(i)));

function choose(arrivalOrder: number[], max: number): string[] {
  const keys = new KeyPages(max);
  keys.offerHome(home, (u) => u);
  for (const i of arrivalOrder) keys.offerLinked(url(i), pageAt(url(i)));
  return keys.pages().map((p) => p.url);
}

describe('key pages', () => {
  it('are the home page and the pages it links to first, whatever order they answered in', () => {
    const expected = [ROOT, url(0), url(1), url(2)];
    expect(choose([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], 4)).toEqual(expected);
    expect(choose([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual(expected);
    expect(choose([5, 2, 8, 0, 9, 1, 3], 4)).toEqual(expected);
  });

  it('rank pages the home page does not link to last, in the order they came', () => {
    const keys = new KeyPages(3);
    keys.offerHome(home, (u) => u);
    keys.offerLinked(`${ROOT}seed-a/`, pageAt(`${ROOT}seed-a/`));
    keys.offerLinked(`${ROOT}seed-b/`, pageAt(`${ROOT}seed-b/`));
    keys.offerLinked(url(4), pageAt(url(4)));
    expect(keys.pages().map((p) => p.url)).toEqual([ROOT, url(4), `${ROOT}seed-a/`]);
  });

  it('match links by the URL the crawl queued', () => {
    const keys = new KeyPages(2);
    keys.offerHome(pageAt(ROOT, [`${url(3)}#top`, url(1)]), (u) => u.replace(/#.*$/, ''));
    keys.offerLinked(url(1), pageAt(url(1)));
    keys.offerLinked(url(3), pageAt(url(3)));
    expect(keys.pages().map((p) => p.url)).toEqual([ROOT, url(3)]);
  });
});
