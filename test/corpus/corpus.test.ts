// Real government prose must raise nothing but its listed true errors; every real hijack must carry spam vocabulary
// the lexicons know. The texts legitimately discuss vice and crime (扫黄打非, 反诈, 禁毒, 涉枪涉爆, court reports).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { allChecks } from '../../src/checks/index.js';
import type { CheckContext, PageCheck } from '../../src/checks/types.js';
import type { CheckFinding } from '../../src/domain/index.js';
import { spamScanner } from '../../src/checks/security/spam.js';
import { corpusPage, readCorpus, readHijacks, readKnownErrors } from './load.js';

const NOW = new Date('2026-12-02T00:00:00Z');
const ctx = (): CheckContext => ({ config: defaultConfig(), now: NOW, rootUrl: 'http://www.example.gov.cn/', resources: new Map() });
const TEXT_AND_SPAM = new Set(['typo', 'wrong-expression', 'sensitive-word', 'seo-spam', 'hidden-link']);
const pageChecks = allChecks.filter((c): c is PageCheck => c.scope === 'page' && TEXT_AND_SPAM.has(c.id));

const bodyChars = (texts: Array<{ text: string }>) => texts.reduce((n, t) => n + t.text.length, 0);

describe('real-text corpus', () => {
  const real = readCorpus('real');
  const known = readKnownErrors();

  it('is real government prose of the promised size, each file with its source', () => {
    expect(bodyChars(real)).toBeGreaterThanOrEqual(Number(process.env.CORPUS_MIN_CHARS ?? 80_000));
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
    const c = ctx();
    const unexpected: string[] = [];
    const seen = new Set<string>();
    for (const t of real) {
      const findings: CheckFinding[] = pageChecks.flatMap((check) => check.run(corpusPage(t), c));
      for (const f of findings) {
        const detail = f.detail as Record<string, unknown>;
        const found = String(detail.found ?? detail.word ?? f.evidence);
        const k = known.find((e) => e.file === t.file && e.check === f.check && found.includes(e.found));
        if (k) seen.add(`${k.file}\t${k.check}\t${k.found}`);
        else unexpected.push(`${t.file}: ${f.check} ${f.message} | ${f.evidence}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect([...seen].sort()).toEqual(known.map((e) => `${e.file}\t${e.check}\t${e.found}`).sort());
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
