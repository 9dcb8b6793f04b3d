// Recall on wording errors that published inspection notices and reports name: each is planted once into a real
// government text (corpus/real), and the text checks must report it with the right correction.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { textChecks } from '../../src/checks/text/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { CORPUS_DIR, corpusPage, readCorpus } from './load.js';

interface Planted { wrong: string; correct: string; check: string; source: string }

const planted: Planted[] = readFileSync(join(CORPUS_DIR, 'planted', 'wording-errors.tsv'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => { const [wrong, correct, check, source] = l.split('\t'); return { wrong, correct, check, source }; });

describe('planted published wording errors', () => {
  const hosts = readCorpus('real').filter((t) => t.text.includes('。'));
  // One context for all: the text engine is built once, as in a scan.
  const shared: CheckContext = { config: defaultConfig(), now: new Date('2026-12-02T00:00:00Z'), rootUrl: 'http://x.gov.cn/', resources: new Map() };
  const ctx = (): CheckContext => shared;

  it('every planted error is reported with its correction; the control is not', () => {
    const missed: string[] = [];
    planted.forEach((p, i) => {
      const host = hosts[(i * 7) % hosts.length];
      const cut = host.text.indexOf('。', Math.floor(host.text.length / 2));
      const at = cut > 0 ? cut + 1 : host.text.length;
      // Planted in a sentence of today's prose, as an inspector would meet it on a current page.
      const text = `${host.text.slice(0, at)}2026年，${p.wrong}相关工作持续推进。${host.text.slice(at)}`;
      const findings = textChecks.flatMap((c) => c.run(corpusPage({ ...host, date: '2026-11-30', text }), ctx()));
      const detail = (f: { detail: unknown }) => f.detail as Record<string, unknown>;
      const hit = findings.find((f) => String(detail(f).found ?? '').includes(p.wrong) || p.wrong.includes(String(detail(f).found ?? '\u0000')));
      if (p.check === 'none') {
        if (hit) missed.push(`control reported: ${p.wrong}`);
      } else if (!hit || hit.check !== p.check || !String(detail(hit).correct).includes(p.correct.slice(0, 4))) {
        missed.push(`${p.wrong} (${p.check}) in ${host.file}: ${hit ? `${hit.check} → ${String(detail(hit).correct)}` : 'not reported'}`);
      }
    });
    const errors = planted.filter((p) => p.check !== 'none').length;
    console.log(`planted wording errors: ${errors - missed.length}/${errors} found`);
    expect(missed).toEqual([]);
  });
});
