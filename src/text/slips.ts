// Input-method slips that no word list holds (攻府 for 政府, 秸杆 for 秸秆): a character that forms no known
// pair with either neighbour, while one of its pinyin or shape neighbours forms a common word with them.
// Only characters whose own pairs are unseen are examined, so the pass costs one bigram lookup per character.
import { bigramLog, isWord, trigramBits, trigramLog, trigramLogOfHash, type CharModel } from './charmodel.js';
import { mayHold, modelFilters, type ModelFilters } from './count-filter.js';
import { isHan, normaliseShared } from './normalise.js';

export interface Slip {
  /** Range of the suspect phrase in the original text. */
  start: number;
  end: number;
  written: string;
  correct: string;
  confidence: number;
}

export interface SlipThresholds {
  /** A character is examined only when it never stands beside one neighbour and its pair with the other is at most this common (round(8·log2(count))). */
  rarePair: number;
  /** How many bits (log2) likelier the context makes the candidate than the written character, each measured
   *  against its own frequency, for a suspect to be reported. */
  minBits: number;
  /** The corrected text must form a three-character sequence seen at least this often (round(8·log2(count))). */
  trigram: number;
  /** Extra bits demanded when the written character makes a real word (jieba list) with a neighbour: 不禁 is
   *  not a slip of 不仅 though the news and statutes rarely write it. */
  realWord: number;
}

export const SLIP_THRESHOLDS: SlipThresholds = { rarePair: 40, minBits: 22, trigram: 16, realWord: 4 };

/** Function words, numerals, measure words and legal placeholders: their contexts are too varied to judge. */
const SKIP = new Set('的了是在和与及或而且之其亦即系乃于以为被把将对向从由就也都又还再则但并等着过得地所这那此该每各某个一二三四五六七八九十百千万亿零两几第年月日号时分甲乙丙丁'.split(''));

const UNSEEN = -1;
const NOT_HAN = -2;
/** A pair not yet looked up. */
const UNKNOWN = -3;
/** Stupid backoff (Brants et al. 2007): a shorter context counts this much less. */
const BACKOFF = Math.log2(0.4);

export function findSlips(original: string, model: CharModel, t: SlipThresholds = SLIP_THRESHOLDS): Slip[] {
  // Blanked after normalising (same length, so offsets still map back): the page's normalised text is shared with
  // the other text checks, and blanking the original first would normalise every page with a document number again.
  const norm = normaliseShared(original);
  const text = blankDocumentNumbers(norm.text);
  const idx = charIndexes(text, model);
  const pair = new PairLogs(model, idx);
  const skip = skipFlags(model);
  const filters = modelFilters(model, t.trigram);
  const out: Slip[] = [];
  for (let i = 0; i < text.length; i++) {
    if (idx[i] < 0) continue;
    // A common pair on the right rules out this character and the next one (it is their right and left pair),
    // so in running prose about every other pair is never looked up.
    if (pair.at(i) > t.rarePair) { i++; continue; }
    if (!rareContext(pair, i, t) || skip[idx[i]] === 1) continue;
    const best = bestCandidate(model, filters, idx, i, t, skip);
    if (best) out.push(toSlip(text, norm.toOriginal.bind(norm), model, idx, i, best));
  }
  return out;
}

/** Document numbers (京政办字〔2017〕20号) are abbreviations, not prose: blanked (same length) before scoring. What
 *  /[\u4e00-\u9fff]{1,10}(?=[〔［\[]\d{4}[〕］\]])/g would replace, found from the bracketed years back: that
 *  expression tried every Chinese character of the page. */
function blankDocumentNumbers(text: string): string {
  if (!HAS_BRACKETED_YEAR.test(text)) return text; // most pages: one scan, no match iterator
  let out = '';
  let from = 0;
  for (const m of text.matchAll(BRACKETED_YEAR)) {
    const q = m.index;
    let p = q;
    while (p > q - 10 && p > 0 && isUnifiedIdeograph(text.charCodeAt(p - 1))) p--;
    if (p === q) continue;
    out += text.slice(from, p) + ' '.repeat(q - p);
    from = q;
  }
  return from === 0 ? text : out + text.slice(from);
}

const BRACKETED_YEAR = /[〔［\[]\d{4}[〕］\]]/g;
const HAS_BRACKETED_YEAR = new RegExp(BRACKETED_YEAR.source);
const isUnifiedIdeograph = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** Model index of each code unit; −1 for a Chinese character the model does not know, −2 for anything else. */
function charIndexes(text: string, model: CharModel): Int16Array {
  const table = unitIndexes(model);
  const idx = scratch(0, text.length);
  for (let i = 0; i < text.length; i++) idx[i] = table[text.charCodeAt(i)];
  return idx;
}

const unitIndexCache = new WeakMap<CharModel, Int16Array>();

/** charIndexes' answer for every code unit (128 KB), so that a page costs one table read per character. */
function unitIndexes(model: CharModel): Int16Array {
  let table = unitIndexCache.get(model);
  if (!table) {
    table = new Int16Array(0x10000);
    for (let c = 0; c < 0x10000; c++) table[c] = isHan(c) ? model.indexOf[c] - 1 : NOT_HAN;
    unitIndexCache.set(model, table);
  }
  return table;
}

/** Two working arrays reused from page to page (the pass is synchronous): allocating and freeing them for every
 *  text was a steady source of garbage. Texts longer than SCRATCH_CHARS get arrays of their own, so what is kept
 *  stays small. */
const SCRATCH_CHARS = 1 << 15;
const scratchArrays = [new Int16Array(SCRATCH_CHARS), new Int16Array(SCRATCH_CHARS)];

function scratch(which: 0 | 1, n: number): Int16Array {
  return n <= SCRATCH_CHARS ? scratchArrays[which].subarray(0, n) : new Int16Array(n);
}

/** pair.at(i): log count of (i, i+1); UNSEEN, or NOT_HAN when either side is not Chinese. Looked up on first use. */
class PairLogs {
  private readonly logs: Int16Array;
  constructor(private readonly model: CharModel, private readonly idx: Int16Array) {
    this.logs = scratch(1, idx.length).fill(UNKNOWN);
  }

  at(i: number): number {
    let v = this.logs[i];
    if (v === UNKNOWN) {
      const idx = this.idx;
      if (i + 1 >= idx.length || idx[i] === NOT_HAN || idx[i + 1] === NOT_HAN) v = NOT_HAN;
      else v = idx[i] < 0 || idx[i + 1] < 0 ? UNSEEN : bigramLog(this.model, idx[i], idx[i + 1]);
      this.logs[i] = v;
    }
    return v;
  }
}

/** The character never occurs beside one of its neighbours in the training text, and only rarely beside the
 *  other: a slip makes a non-word, while a rare word (a name, a term) is usually attested on one side. */
function rareContext(pair: PairLogs, i: number, t: SlipThresholds): boolean {
  const l = i > 0 ? pair.at(i - 1) : NOT_HAN;
  const r = pair.at(i);
  if (l === NOT_HAN && r === NOT_HAN) return false;
  return l <= t.rarePair && r <= t.rarePair && (l === UNSEEN || r === UNSEEN);
}

interface Candidate { d: number; bits: number; confidence: number }

function bestCandidate(model: CharModel, filters: ModelFilters, idx: Int16Array, i: number, t: SlipThresholds, skip: Uint8Array): Candidate | undefined {
  const c = idx[i];
  const left = i > 0 ? idx[i - 1] : -1;
  const right = i + 1 < idx.length ? idx[i + 1] : -1;
  // The written character's own score and the real-word test are needed only once a candidate gets this far.
  let written = NaN;
  let minBits = NaN;
  let best: Candidate | undefined;
  for (let k = model.candidateOffset[c], end = model.candidateOffset[c + 1]; k < end; k++) {
    const d = model.candidate[k];
    // Cheapest tests first: a seen phrase needs the candidate's pair with a neighbour seen as often.
    if (skip[d] === 1 || !nearPairSeen(model, filters, left, d, right, t.trigram)) continue;
    if (!seenPhrase(model, filters, idx, i, d, t.trigram)) continue;
    if (Number.isNaN(written)) {
      written = contextBits(model, idx, i, c);
      minBits = t.minBits + (formsWord(model, idx, i) ? t.realWord : 0);
    }
    const bits = contextBits(model, idx, i, d) - written;
    if (bits < minBits || (best && bits <= best.bits)) continue;
    best = { d, bits, confidence: confidenceOf(bits) };
  }
  return best;
}

/** The candidate's pair with the left or the right neighbour (UNSEEN where there is none) is seen at least min. */
function nearPairSeen(model: CharModel, filters: ModelFilters, left: number, d: number, right: number, min: number): boolean {
  return pairAtLeast(model, filters, left, d, min) || pairAtLeast(model, filters, d, right, min);
}

/** bigramLog(a, b) >= min (false where either is not a known character), asking the filter first. */
function pairAtLeast(model: CharModel, filters: ModelFilters, a: number, b: number, min: number): boolean {
  if (a < 0 || b < 0) return false;
  return mayHold(filters.bigram, ((a << 16) | b) >>> 0) && bigramLog(model, a, b) >= min;
}

const skipCache = new WeakMap<CharModel, Uint8Array>();

/** SKIP by model index (1 = skip), without making a string per character or candidate. */
function skipFlags(model: CharModel): Uint8Array {
  let flags = skipCache.get(model);
  if (!flags) {
    flags = new Uint8Array(model.chars.length);
    for (let k = 0; k < model.chars.length; k++) flags[k] = SKIP.has(model.chars[k]) ? 1 : 0;
    skipCache.set(model, flags);
  }
  return flags;
}

/** The character at i makes a listed word with its left or right neighbour. */
function formsWord(model: CharModel, idx: Int16Array, i: number): boolean {
  return (i > 0 && idx[i - 1] >= 0 && isWord(model, idx[i - 1], idx[i])) || (i + 1 < idx.length && idx[i + 1] >= 0 && isWord(model, idx[i], idx[i + 1]));
}

/** The corrected text forms a three-character sequence seen at least this often (round(8·log2(count))). */
function seenPhrase(model: CharModel, filters: ModelFilters, idx: Int16Array, i: number, d: number, min: number): boolean {
  for (let s = Math.max(0, i - 2); s <= i && s + 2 < idx.length; s++) {
    const a = s === i ? d : idx[s];
    const b = s + 1 === i ? d : idx[s + 1];
    const c = s + 2 === i ? d : idx[s + 2];
    if (a < 0 || b < 0 || c < 0) continue;
    const hash = trigramBits(a, b, c);
    if (mayHold(filters.trigram, hash) && trigramLogOfHash(model, hash) >= min) return true;
  }
  return false;
}

/** log2 of how much the neighbours make x likelier at position i than its frequency alone: the stupid-backoff
 *  probabilities of x and of the two characters after it, less x's unigram probability. */
function contextBits(model: CharModel, idx: Int16Array, i: number, x: number): number {
  let bits = -Math.log2(model.unigram[x] / model.trainingChars);
  for (let j = i; j <= i + 2 && j < idx.length; j++) {
    const w = j === i ? x : idx[j];
    if (w < 0) break;
    const v = j - 1 === i ? x : j >= 1 ? idx[j - 1] : -1;
    const u = j - 2 === i ? x : j >= 2 ? idx[j - 2] : -1;
    bits += backoffLog2(model, u, v, w, j >= 2, j >= 1);
  }
  return bits;
}

/** log2 S(w | u v) by stupid backoff over the stored counts (unseen and off-text contexts back off). */
function backoffLog2(model: CharModel, u: number, v: number, w: number, hasU: boolean, hasV: boolean): number {
  const uni = Math.log2(model.unigram[w] / model.trainingChars);
  if (!hasV || v < 0) return uni;
  const vw = bigramLog(model, v, w);
  if (vw < 0) return 2 * BACKOFF + uni;
  if (hasU && u >= 0) {
    const uv = bigramLog(model, u, v);
    const uvw = uv >= 0 ? trigramLog(model, u, v, w) : UNSEEN;
    if (uvw >= 0) return (uvw - uv) / 8;
  }
  return BACKOFF + vw / 8 - Math.log2(model.unigram[v]);
}

/** 0–1 from the bits of evidence: 0.8 at the default threshold (22 bits), 0.95 at 26. */
function confidenceOf(bits: number): number {
  return Math.round(100 / (1 + Math.exp(-(bits - 18.5) / 2.5))) / 100;
}

/** The characters the correction changes the most: the pair with the neighbour it makes the stronger word. */
function toSlip(text: string, toOriginal: (s: number, e: number) => [number, number], model: CharModel, idx: Int16Array, i: number, c: Candidate): Slip {
  const l = i > 0 && idx[i - 1] >= 0 ? bigramLog(model, idx[i - 1], c.d) : -99;
  const r = i + 1 < idx.length && idx[i + 1] >= 0 ? bigramLog(model, c.d, idx[i + 1]) : -99;
  const start = l > r ? i - 1 : i;
  const written = text.slice(start, start + 2);
  const fix = model.chars[c.d];
  const correct = start < i ? written[0] + fix : fix + written[1];
  const [s, e] = toOriginal(start, start + 2);
  return { start: s, end: e, written, correct, confidence: c.confidence };
}
