// seo-spam measured on material nobody here wrote: every real hijack (corpus/hijacks/) whose injected title,
// keywords, description or link block is recorded verbatim must be found in that place, and the saved real
// government pages and the real-text corpus (corpus/real/) must give no finding at all.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeStructure, judgeTitlePhrase, seoSpamCheck } from '../../src/checks/security/seo-spam.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import { REAL_PAGES_DIR, REAL_PAGE_URLS } from '../real-pages.js';
import { input } from '../crawl/extract-helpers.js';
import { corpusPage, hijackPage, readCorpus, readHijacks, type Hijack } from '../corpus/load.js';
import { ctx } from './security-helpers.js';

/** The places seo-spam answers for. Injected body prose (bodyText) is the sensitive-word check's. */
function expectedPlaces(h: Hijack): string[] {
  const places: string[] = [];
  if (h.title) places.push('title');
  if (h.keywords) places.push('keywords');
  if (h.description) places.push('description');
  if (h.bodyLinks.length >= 2) places.push('body');
  return places;
}

const hijacks = readHijacks().filter((h) => !h.describedOnly && expectedPlaces(h).length > 0);

describe('seo-spam on real hijacks (corpus/hijacks)', () => {
  it('holds at least twenty verbatim cases for seo-spam, each with its source', () => {
    expect(hijacks.length).toBeGreaterThanOrEqual(20);
    for (const h of hijacks) expect(h.source.url, h.id).toBeTruthy();
  });

  for (const h of hijacks) {
    it(`finds ${h.id} in ${expectedPlaces(h).join(', ')}`, () => {
      const found = seoSpamCheck.run(hijackPage(h), ctx());
      const places = new Set(found.map((x) => x.detail.where as string));
      for (const p of expectedPlaces(h)) expect(places.has(p), `${h.id}: ${p}`).toBe(true);
    });
  }

  it('finds the shortest injected title by structure, though no word of it is in any list', () => {
    const h = hijacks.find((x) => x.id.startsWith('h14-'))!;
    const f = seoSpamCheck.run(hijackPage(h), ctx()).find((x) => x.detail.where === 'title')!;
    expect(f.detail.method).toBe('structure');
    expect(f.detail.segments).toHaveLength(3);
  });
});

describe('seo-spam stays quiet on real government pages', () => {
  for (const [file, url] of Object.entries(REAL_PAGE_URLS)) {
    it(file, () => {
      const body = readFileSync(REAL_PAGES_DIR + file);
      const facts = extractFacts(input(url, { isHome: file.includes('home') }), body);
      expect(seoSpamCheck.run(facts, ctx())).toEqual([]);
    });
  }
});

describe('seo-spam stays quiet on the real-text corpus (corpus/real)', () => {
  it('reports nothing on any text: first line as title, opening as description, whole text as body', () => {
    const texts = readCorpus('real');
    expect(texts.length).toBeGreaterThan(50);
    const noisy: string[] = [];
    for (const t of texts) {
      const p = corpusPage(t);
      p.meta = { description: t.text.slice(0, 200) };
      for (const f of seoSpamCheck.run(p, ctx())) noisy.push(`${t.file}: ${f.detail.where} ${f.evidence}`);
    }
    expect(noisy).toEqual([]);
  });
});

describe('seo-spam title rules on every sentence of corpus/real (harsher than any page)', () => {
  it('judges no sentence spam, even as a title with an unrelated headline and no body to compare', () => {
    const noisy: string[] = [];
    let sentences = 0;
    for (const t of readCorpus('real')) {
      for (const line of t.text.split(/\n|。/).map((l) => l.trim()).filter((l) => l.length >= 4 && l.length <= 120)) {
        sentences++;
        const nothing = { headlines: [], body: '' };
        if (judgeStructure(line, nothing).spam || judgeTitlePhrase(line, nothing, ['某某市人民政府门户网站']).spam) noisy.push(`${t.file}: ${line}`);
      }
    }
    expect(sentences).toBeGreaterThan(500);
    expect(noisy).toEqual([]);
  });
});
