// Normalises page text before dictionary matching, keeping a map back to the original string so that
// evidence quotes the page exactly. Every step is per UTF-16 code unit (1:1 or deletion), which keeps the
// offset map a short list of the dropped runs and the whole pass allocation-free apart from the output.
import { memoRecent } from './memo.js';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';

export interface Normalised {
  text: string;
  /** Maps a [start, end) range of the normalised text to the range in the original text. */
  toOriginal(start: number, end: number): [number, number];
}

function parseDict(dict: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const space = entry.indexOf(' ');
    if (space <= 0) continue;
    const from = entry.slice(0, space);
    const to = entry.slice(space + 1).split(' ')[0];
    if (from.length === 1 && to && to.length === 1) map.set(from, to);
  }
  return map;
}

/** BMP code unit → replacement code unit (0 = unchanged), from OpenCC's character tables: regional variants →
 *  OpenCC standard traditional → simplified. Phrase tables are not used because they change lengths; patterns
 *  go through the same table, so both sides agree. */
function buildCharTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const toSimplified = parseDict(tsCharacters);
  const variants = parseDict(twVariantsRev);
  for (const [k, v] of parseDict(hkVariantsRev)) if (!variants.has(k)) variants.set(k, v);
  for (const [from, to] of toSimplified) table[from.charCodeAt(0)] = to.charCodeAt(0);
  for (const [from, standard] of variants) {
    const simplified = toSimplified.get(standard);
    // Only when the variant leads to a simplified form; 著→着 alone would change meaning.
    if (simplified && !toSimplified.has(from) && simplified !== from) table[from.charCodeAt(0)] = simplified.charCodeAt(0);
  }
  return table;
}

export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0xfeff || c === 0x2060 || c === 0x00ad;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || c === 0x0c;
}

/** Separators that have no business between two Chinese characters and are used to split filtered words
 *  (「赌.场」「六*合*彩」): always dropped there. Sentence punctuation (，。、；：) is real and kept. */
function isStrongDodge(c: number): boolean {
  switch (c) {
    case 0x2e: case 0x2a: case 0x7e: case 0x27: case 0x22: case 0x60: case 0x5e: case 0x2b: case 0x3d: case 0x23:
    case 0xff0e: case 0xff0a: case 0xff5e:
      return true;
    default:
      return false;
  }
}

/** Separators that also divide real words in menus and lists (「台湾|政府」「教育/卫生」): dropped only
 *  inside letter-spaced writing, like whitespace. */
function isWeakDodge(c: number): boolean {
  switch (c) {
    case 0x2d: case 0x5f: case 0x2f: case 0x5c: case 0x7c: case 0xb7: case 0x2022: case 0x30fb: case 0xff65: case 0x2027:
    case 0xff0d: case 0xff3f: case 0xff0f: case 0xff3c: case 0xff5c:
      return true;
    default:
      return false;
  }
}

/** One code unit mapped: full-width → half-width, ideographic space → space, ASCII lower case, t → s. */
function mapUnit(c: number, charTable: Uint16Array): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (c >= 0xff01 && c <= 0xff5e) {
    const h = c - 0xfee0;
    return h >= 0x41 && h <= 0x5a ? h + 32 : h;
  }
  if (c === 0x3000) return 0x20;
  const t = charTable[c];
  return t === 0 ? c : t;
}

// Per code unit, precomputed for the whole BMP (192 KB): what mapUnit gives, and which classes it is in.
// One table read per character instead of a chain of range tests (normalising page text is a large part
// of the text checks' time). Built on first use, not on import: a rescan whose page results all come from the
// store normalises no text, and the tables cost ~50-100 ms of its start-up.
const INVISIBLE = 1;
const SPACE = 2;
const STRONG_DODGE = 4;
const WEAK_DODGE = 8;
const HAN = 16;

interface UnitTables {
  mapped: Uint16Array;
  kind: Uint8Array;
}

let unitTables: UnitTables | undefined;

function buildUnitTables(): UnitTables {
  const charTable = buildCharTable();
  const mapped = new Uint16Array(0x10000);
  const kind = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    mapped[c] = mapUnit(c, charTable);
    kind[c] = (isInvisible(c) ? INVISIBLE : 0) | (isSpace(c) ? SPACE : 0) | (isStrongDodge(c) ? STRONG_DODGE : 0) | (isWeakDodge(c) ? WEAK_DODGE : 0) | (isHan(c) ? HAN : 0);
  }
  return { mapped, kind };
}

const decoder = new TextDecoder('utf-16le');

/** Texts longer than this are normalised afresh each time (the memory below stays small). */
const MAX_REMEMBERED_CHARS = 20_000;
const normaliseRecent = memoRecent(2, (input) => normalise(input));

/**
 * normalise(), remembering the last few texts it was given: a page's text is read by the dictionary scan, the
 * personal-data scan and seo-spam one after the other, and each needs the same normalised form. The result
 * is immutable, so sharing it changes nothing.
 */
export function normaliseShared(input: string): Normalised {
  return input.length > MAX_REMEMBERED_CHARS ? normalise(input) : normaliseRecent(input);
}

export function normalise(input: string): Normalised {
  const { mapped, kind: kinds } = (unitTables ??= buildUnitTables());
  const n = input.length;
  const out = outputBuffer(n);
  // Where each output unit came from, kept as the dropped runs only (most texts drop a few runs or none, and a map
  // of one number per unit was allocated for every page): output unit k came from input unit k + the total dropped
  // at the last run recorded at or before k.
  const drops = new DropLog();
  let changed = false;
  let len = 0;
  let prevOrigin = -1; // input index of the last unit written
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    const kind = kinds[c];
    if (kind & INVISIBLE) {
      drops.add(len, 1);
      i++;
      continue;
    }
    if (kind & (SPACE | STRONG_DODGE | WEAK_DODGE) && len > 0 && kinds[out[len - 1]] & HAN) {
      // Look past a run of separators; drop it only when it splits Chinese characters.
      let j = i;
      let strong = true;
      while (j < n) {
        const d = kinds[input.charCodeAt(j)];
        if (d & (STRONG_DODGE | INVISIBLE)) j++;
        else if (d & (SPACE | WEAK_DODGE)) { strong = false; j++; }
        else break;
      }
      if (j < n && kinds[mapped[input.charCodeAt(j)]] & HAN && (strong || spacedRun(input, prevOrigin, j, mapped))) {
        drops.add(len, j - i);
        i = j;
        continue;
      }
    }
    const m = mapped[c];
    if (m !== c) changed = true;
    out[len] = m;
    prevOrigin = i;
    len++;
    i++;
  }
  // Unchanged text is returned as it is: no second copy of it.
  const text = len === 0 ? '' : drops.total === 0 && !changed ? input : decoder.decode(out.subarray(0, len));
  const at = (k: number): number => k + drops.before(k);
  return {
    text,
    toOriginal(start: number, end: number): [number, number] {
      const s = Math.max(0, Math.min(start, len));
      const e = Math.max(s, Math.min(end, len));
      if (e === s) return [at(s), at(s)];
      return [at(s), at(e - 1) + 1];
    },
  };
}

/** The runs of input units normalise dropped: at[r] is the output position the r-th run was dropped before, and
 *  dropped[r] the total dropped up to and including it (both non-decreasing). */
class DropLog {
  private readonly at: number[] = [];
  private readonly dropped: number[] = [];
  total = 0;

  add(outputPos: number, count: number): void {
    this.total += count;
    const last = this.at.length - 1;
    if (last >= 0 && this.at[last] === outputPos) this.dropped[last] = this.total;
    else {
      this.at.push(outputPos);
      this.dropped.push(this.total);
    }
  }

  /** Input units dropped before output unit k. */
  before(k: number): number {
    let lo = 0;
    let hi = this.at.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at[mid] <= k) {
        found = this.dropped[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** The output units are decoded into a new string, so one buffer serves every text up to this size. */
const SHARED_OUTPUT_UNITS = 1 << 16;
const sharedOutput = new Uint16Array(SHARED_OUTPUT_UNITS);
const outputBuffer = (n: number): Uint16Array => (n <= SHARED_OUTPUT_UNITS ? sharedOutput : new Uint16Array(n));

/** Whitespace between Chinese characters is usually a real boundary (menus, headings joined by the
 *  crawler). It is dropped only inside letter-spaced writing, where a Chinese character stands alone on
 *  one side of the gap: 「中 华 人 民」 but not 「网站首页 台湾 政府」. */
function spacedRun(input: string, prev: number, next: number, mapped: Uint16Array): boolean {
  const before = prev > 0 ? input.charCodeAt(prev - 1) : 0;
  const after = next + 1 < input.length ? input.charCodeAt(next + 1) : 0;
  return !isHan(mapped[before]!) || !isHan(mapped[after]!);
}
