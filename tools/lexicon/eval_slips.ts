// Measures the statistical typo check (src/text/slips.ts) on text held apart from the model:
//   suspects per 100,000 characters on corpus/heldout and on TUNE (news days the build kept out of the counts),
//   findings on corpus/real (must be 0), recall on the published slips (corpus/planted/published-slips.tsv,
//   names excluded: they belong to the name-variant check), and recall/precision on synthetic slips made from TUNE.
// Usage: node --import tsx tools/lexicon/eval_slips.ts TUNE_FILE [rarePair minBits trigram realWord] [--show]
import { readFileSync } from 'node:fs';
import { bundledCharModel, bigramLog, type CharModel } from '../../src/text/charmodel.js';
import { findSlips, SLIP_THRESHOLDS, type SlipThresholds } from '../../src/text/slips.js';
import { readCorpus } from '../../test/corpus/load.js';
import { publishedSlipCases } from '../../test/corpus/published-slips.js';

const [tuneFile, ...rest] = process.argv.slice(2);
const show = rest.includes('--show');
const nums = rest.filter((a) => a !== '--show').map(Number);
const t: SlipThresholds = nums.length === 4
  ? { rarePair: nums[0], minBits: nums[1], trigram: nums[2], realWord: nums[3] }
  : SLIP_THRESHOLDS;
const model = bundledCharModel();

function rate(name: string, texts: string[]): void {
  let chars = 0;
  const hits: string[] = [];
  for (const text of texts) {
    chars += text.length;
    for (const s of findSlips(text, model, t)) hits.push(`${s.written}→${s.correct} ${s.confidence} «${text.slice(Math.max(0, s.start - 8), s.end + 8).replace(/\s+/g, ' ')}»`);
  }
  console.log(`${name}: ${hits.length} suspects in ${chars} chars = ${(hits.length * 1e5 / chars).toFixed(2)} per 100k`);
  if (show) for (const h of hits.slice(0, 60)) console.log('   ', h);
}

function published(): void {
  const cases = publishedSlipCases(readCorpus('real'));
  const found = cases.filter((c) => findSlips(c.text, model, t).some((s) => c.text.slice(s.start, s.end).includes(c.wrong[c.diffAt]) && s.correct.includes(c.correct[c.diffAt])));
  console.log(`published slips: ${found.length}/${cases.length} found: ${found.map((c) => c.wrong).join(' ')}`);
}

/** Replace one character of a frequent pair in a held-out sentence by one of its input-method neighbours. */
function synthetic(m: CharModel, sentences: string[]): void {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let planted = 0, found = 0, suspects = 0;
  for (const s of sentences) {
    const spots: number[] = [];
    for (let i = 0; i + 1 < s.length; i++) {
      const a = m.indexOf[s.charCodeAt(i)] - 1, b = m.indexOf[s.charCodeAt(i + 1)] - 1;
      if (a >= 0 && b >= 0 && bigramLog(m, a, b) >= 80) spots.push(i + (rnd() < 0.5 ? 0 : 1));
    }
    if (!spots.length) continue;
    const i = spots[Math.floor(rnd() * spots.length)];
    const c = m.indexOf[s.charCodeAt(i)] - 1;
    const n = m.candidateOffset[c + 1] - m.candidateOffset[c];
    if (c < 0 || n === 0) continue;
    const d = m.chars[m.candidate[m.candidateOffset[c] + Math.floor(rnd() * n)]];
    const text = s.slice(0, i) + d + s.slice(i + 1);
    planted++;
    const hits = findSlips(text, m, t);
    suspects += hits.length;
    if (hits.some((h) => h.start <= i && i < h.end && h.correct.includes(s[i]))) found++;
  }
  console.log(`synthetic: ${planted} planted, ${found} found (recall ${(found / planted * 100).toFixed(1)}%), ${suspects} suspects (precision ${(found / Math.max(1, suspects) * 100).toFixed(1)}%)`);
}

const tune = readFileSync(tuneFile, 'utf8');
const half = Math.floor(tune.length / 2);
console.log('thresholds', JSON.stringify(t));
rate('heldout', readCorpus('heldout').map((c) => c.text));
rate('tune (first half)', [tune.slice(0, half)]);
rate('real (must be 0)', readCorpus('real').map((c) => c.text));
published();
synthetic(model, tune.slice(half).split(/[。！？\n]/).filter((s) => s.length >= 12).slice(0, 3000));
