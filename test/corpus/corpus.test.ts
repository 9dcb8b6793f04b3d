// Real government prose must raise nothing but its listed true errors; every real hijack must carry spam vocabulary
// the lexicons know. The texts legitimately discuss vice and crime (扫黄打非, 反诈, 禁毒, 涉枪涉爆, court reports).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { allChecks } from '../../src/checks/index.js';
import type { CheckContext, PageCheck } from '../../src/checks/types.js';
import type { CheckFinding } from '../../src/domain/index.js';
import { spamScanner } from '../../src/checks/security/spam.js';
import { type CorpusText, corpusPage, readCorpus, readHijacks, readKnownErrors } from './load.js';

const NOW = new Date('2026-12-02T00:00:00Z');
const ctx = (): CheckContext => ({ config: defaultConfig(), now: NOW, rootUrl: 'http://www.example.gov.cn/', resources: new Map() });
const TEXT_AND_SPAM = new Set(['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak', 'seo-spam', 'hidden-link']);
const pageChecks = allChecks.filter((c): c is PageCheck => c.scope === 'page' && TEXT_AND_SPAM.has(c.id));

const bodyChars = (texts: Array<{ text: string }>) => texts.reduce((n, t) => n + t.text.length, 0);

/** False alarms per 100,000 characters that each text check may raise, measured on 2026-12-03 over corpus/real
 *  (221 texts, 372,776 characters) and corpus/heldout (28 texts, 45,136 characters, never used to tune a list):
 *  zero for every check on both. Before the fixes of that day the 255,000 characters added then raised 6 false
 *  alarms (2.4 per 100,000: typo 「录相」 in 抄录相关 and 「刻划」; wrong-expression 「人力资源社会保障部」 and
 *  「文化部」 in a repeal clause dated 2001; sensitive-word 「赌博网站」 and 「销售枪支」 in statutes). The 二十大 report
 *  (33,261 characters), added after those fixes and never used to tune anything, raised none. A second batch of news-style
 *  and notice-style prose (real +151,799 characters to 524,575 in 271 texts; heldout +40,746 to 85,882 in 37) raised 2
 *  false alarms before its fixes (wrong-expression 「文化部」 in 「意大利文化部」; typo 「府秘书长」 in 「市政府秘书长」) and two
 *  true non-standard variants (「想像」, 「勾联」), now listed in known-errors.tsv; none after. */
const FALSE_ALARMS_PER_100K: Record<string, number> = {
  typo: 0, 'wrong-expression': 0, 'sensitive-word': 0, 'privacy-leak': 0, 'seo-spam': 0, 'hidden-link': 0,
};

interface Alarm { file: string; check: string; found: string; line: string }

function alarmsOf(texts: CorpusText[], c: CheckContext): Alarm[] {
  return texts.flatMap((t) => pageChecks.flatMap((check) => check.run(corpusPage(t), c)).map((f: CheckFinding) => {
    const detail = f.detail as Record<string, unknown>;
    return { file: t.file, check: f.check, found: String(detail.found ?? detail.word ?? f.evidence), line: `${t.file}: ${f.check} ${f.message} | ${f.evidence}` };
  }));
}

function ratePer100k(alarms: Alarm[], chars: number): Record<string, number> {
  return Object.fromEntries(Object.keys(FALSE_ALARMS_PER_100K).map((id) => [id, (alarms.filter((a) => a.check === id).length * 100_000) / chars]));
}

describe('real-text corpus', () => {
  const real = readCorpus('real');
  const known = readKnownErrors();
  const isKnown = (a: Alarm) => known.find((e) => e.file === a.file && e.check === a.check && a.found.includes(e.found));
  let realAlarms: Alarm[] | undefined;
  const alarms = () => (realAlarms ??= alarmsOf(real, ctx()));

  it('is real government prose of the promised size, each file with its source', () => {
    expect(bodyChars(real)).toBeGreaterThanOrEqual(Number(process.env.CORPUS_MIN_CHARS ?? 300_000));
    for (const t of real) {
      expect(t.source, t.file).not.toBe('');
      expect(t.status, t.file).not.toBe('');
    }
  });

  it('keeps the held-out tuning set apart from the test set', () => {
    const heldout = readCorpus('heldout');
    const realSources = new Set(real.map((t) => t.source));
    for (const t of heldout) expect(realSources.has(t.source), t.file).toBe(false);
  });

  it('raises no finding but the listed true errors', () => {
    const seen = new Set<string>();
    const unexpected: string[] = [];
    for (const a of alarms()) {
      const k = isKnown(a);
      if (k) seen.add(`${k.file}\t${k.check}\t${k.found}`);
      else unexpected.push(a.line);
    }
    expect(unexpected).toEqual([]);
    expect([...seen].sort()).toEqual(known.map((e) => `${e.file}\t${e.check}\t${e.found}`).sort());
  });

  it('keeps every text check within its measured false-alarm rate, on the test set and on the held-out set', () => {
    expect(pageChecks.map((c) => c.id).sort()).toEqual(Object.keys(FALSE_ALARMS_PER_100K).sort());
    const heldout = readCorpus('heldout');
    const onReal = ratePer100k(alarms().filter((a) => !isKnown(a)), bodyChars(real));
    const onHeldout = ratePer100k(alarmsOf(heldout, ctx()), bodyChars(heldout));
    console.log(`false alarms per 100,000 characters — real (${bodyChars(real)} chars): ${JSON.stringify(onReal)}; heldout (${bodyChars(heldout)} chars): ${JSON.stringify(onHeldout)}`);
    for (const [id, bound] of Object.entries(FALSE_ALARMS_PER_100K)) {
      expect(onReal[id], `${id} on corpus/real`).toBeLessThanOrEqual(bound);
      expect(onHeldout[id], `${id} on corpus/heldout`).toBeLessThanOrEqual(bound);
    }
  });
});

describe('real hijacks', () => {
  const hijacks = readHijacks().filter((h) => !h.describedOnly);

  it('every injected field carries spam vocabulary the lexicons know', () => {
    const scan = spamScanner(ctx());
    const missed: string[] = [];
    for (const h of hijacks) {
      const injected = [h.title, h.keywords, h.description, h.bodyText, ...h.bodyLinks.map((l) => l.text)].filter((s): s is string => !!s);
      for (const field of injected) if (scan(field).length === 0) missed.push(`${h.id}: ${field.slice(0, 60)}`);
    }
    expect(missed).toEqual([]);
  });
});
