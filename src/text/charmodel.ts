// The character model of the statistical typo check: unigram and bigram counts over government news prose
// and statutes, and each character's input-method neighbours (same or near pinyin, near shape). Built by
// tools/lexicon/build_charmodel.py into dict/charmodel.bin.gz (provenance in dict/SOURCES.md); loaded once
// per process as typed arrays (about 5 MB), never as a Map of strings.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { bundledDictionaryDir } from './dictionaries.js';

export interface CharModel {
  /** sha256 of the model file, for the incremental-rescan key. */
  hash: string;
  trainingChars: number;
  /** Code unit → character index + 1 (0 = not in the model). */
  indexOf: Uint16Array;
  chars: string;
  unigram: Uint32Array;
  /** Every bigram seen (key a << 16 | b) with its count as round(8·log2(count)) (see CountTable). */
  bigrams: CountTable;
  candidateOffset: Uint32Array;
  candidate: Uint16Array;
  /** 32-bit hashes of the trigrams seen at least three times, with their log counts. */
  trigrams: CountTable;
  /** Sorted keys a << 16 | b of the two-character words of the jieba word list (real words). */
  wordKey: Uint32Array;
}

interface Section { name: string; type: 'u8' | 'u16' | 'u32'; offset: number; bytes: number }

const MAGIC = 'GPCM1\0';

export function parseCharModel(gz: Buffer): CharModel {
  const raw = gunzipWhole(gz);
  if (raw.subarray(0, 6).toString('latin1') !== MAGIC) throw new Error('charmodel: 文件格式不对');
  const headerLength = raw.readUInt32LE(6);
  const header = JSON.parse(raw.subarray(10, 10 + headerLength).toString('utf8')) as {
    chars: string; trainingChars: number; sections: Section[];
  };
  const bodyStart = 10 + headerLength + (-(10 + headerLength) & 3);
  // Every section must be aligned for its typed array (see bodyOf).
  const body = bodyOf(raw, bodyStart);
  const section = (name: string): Section => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new Error(`charmodel: 缺少 ${name}`);
    return s;
  };
  // Views over the file for what only builds the lookup tables; copies of what is kept, so that nothing holds
  // the decompressed file once loading is done.
  const view = (name: string) => { const s = section(name); return new Uint8Array(body.buffer, body.at + s.offset, s.bytes); };
  const view32 = (name: string) => { const s = section(name); return new Uint32Array(body.buffer, body.at + s.offset, s.bytes / 4); };
  const keep32 = (name: string) => view32(name).slice();
  const indexOf = new Uint16Array(0x10000);
  for (let i = 0; i < header.chars.length; i++) indexOf[header.chars.charCodeAt(i)] = i + 1;
  const bigrams = countTable(view32('bigramKey'), view('bigramLog'));
  const trigrams = countTable(view32('trigramHash'), view('trigramLog'));
  const cand = section('candidate');
  return {
    hash: createHash('sha256').update(gz).digest('hex'),
    trainingChars: header.trainingChars,
    indexOf,
    chars: header.chars,
    unigram: keep32('unigram'),
    bigrams,
    candidateOffset: keep32('candidateOffset'),
    candidate: new Uint16Array(body.buffer, body.at + cand.offset, cand.bytes / 2).slice(),
    trigrams,
    wordKey: keep32('wordKey'),
  };
}

/** The decompressed file in one buffer of its own size: gzip's trailer gives the size (modulo 2^32), and an output
 *  chunk that large takes it whole. With the default 16 KB chunks, gunzipSync collected ~430 chunks and then
 *  copied them into one buffer, holding the file twice (+14 MB for a moment, where this takes 7). A trailer that
 *  lies only costs the copy again. */
function gunzipWhole(gz: Buffer): Buffer {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return gunzipSync(gz, { chunkSize: Math.min(Math.max(size + 1, zlibConstants.Z_MIN_CHUNK), MAX_CHUNK) });
}

/** Beyond this a lying trailer would allocate too much; the bundled model is 7 MB. */
const MAX_CHUNK = 256 << 20;

/** The tables' memory: the decompressed file itself when the body starts 4-byte aligned in it (gunzip's output
 *  has its own buffer), else a copy — a copy of the ~8 MB body held beside the file doubled the peak while loading. */
function bodyOf(raw: Buffer, bodyStart: number): { buffer: ArrayBuffer; at: number } {
  const at = raw.byteOffset + bodyStart;
  if (at % 4 === 0 && raw.buffer instanceof ArrayBuffer) return { buffer: raw.buffer, at };
  const copy = new ArrayBuffer(raw.length - bodyStart);
  new Uint8Array(copy).set(raw.subarray(bodyStart));
  return { buffer: copy, at: 0 };
}

let bundled: CharModel | undefined;
let bundledHash: string | undefined;

const modelPath = () => join(bundledDictionaryDir(), 'charmodel.bin.gz');

/** The bundled model, read once per process (each parse worker has its own copy). */
export function bundledCharModel(): CharModel {
  bundled ??= parseCharModel(readFileSync(modelPath()));
  return bundled;
}

/** sha256 of the bundled model file, without parsing it (for the incremental-rescan key). */
export function bundledCharModelHash(): string {
  bundledHash ??= bundled?.hash ?? createHash('sha256').update(readFileSync(modelPath())).digest('hex');
  return bundledHash;
}

/** 32-bit keys with a log count each, grouped in 65,536 buckets by the top 16 bits of mix(key). mix is a
 *  bijection on 32 bits, so a key is its bucket and the low 16 bits of mix(key): those are all a table stores,
 *  2 bytes a key (3 with its count), where the keys themselves took 4 (char model 7.5 → 5.0 MB resident). A look-up
 *  reads the bucket bounds, then compares a run of ~8-12 codes in one cache line. */
export interface CountTable {
  /** The low 16 bits of mix(key) of each key, bucket by bucket. */
  codes: Uint16Array;
  /** round(8·log2(count)) of each key, beside its code. */
  logs: Uint8Array;
  /** Where each bucket begins in codes (and logs); bucket[BUCKETS] is the number of keys. */
  bucket: Uint32Array;
}

/** Scrambles a key's bits, so that skewed keys (a common first character has thousands of bigrams) spread evenly.
 *  Invertible (unmix): an xor-shift and a multiplication by an odd number. */
const mix = (key: number) => Math.imul(key ^ (key >>> 15), MIX) >>> 0;
const MIX = 0x2c1b3c6d;
/** MIX · MIX_INVERSE = 1 modulo 2^32. */
const MIX_INVERSE = 0x64ea2d65;

/** The key whose mix is m, as a signed 32-bit integer (the same bits). */
function unmix(m: number): number {
  const y = Math.imul(m, MIX_INVERSE);
  return y ^ (y >>> 15) ^ (y >>> 30);
}

/** Groups the keys in buckets, in two linear passes. A key of 0xffffffff is left out: the tables once stored
 *  key + 1 with 0 for an empty slot, so such a trigram hash was never found, and the slip pass must not start to. */
function countTable(keys: Uint32Array, logs: Uint8Array): CountTable {
  const bucket = new Uint32Array(BUCKETS + 1);
  for (let k = 0; k < keys.length; k++) if (keys[k] !== 0xffffffff) bucket[(mix(keys[k]) >>> 16) + 1]++;
  for (let t = 0; t < BUCKETS; t++) bucket[t + 1] += bucket[t];
  const n = bucket[BUCKETS];
  const codes = new Uint16Array(n);
  const values = new Uint8Array(n);
  const fill = bucket.slice(0, BUCKETS);
  for (let k = 0; k < keys.length; k++) {
    if (keys[k] === 0xffffffff) continue;
    const m = mix(keys[k]);
    const at = fill[m >>> 16]++;
    codes[at] = m & 0xffff;
    values[at] = logs[k];
  }
  return { codes, logs: values, bucket };
}

const BUCKETS = 0x10000;

/** The keys of a table whose log count is at least min, as signed 32-bit integers (the same bits, like
 *  trigramBits), bucket by bucket. */
export function keysAtLeast(table: CountTable, min: number): Int32Array {
  const { codes, logs, bucket } = table;
  let n = 0;
  for (let i = 0; i < logs.length; i++) if (logs[i] >= min) n++;
  const keys = new Int32Array(n);
  let k = 0;
  for (let t = 0; t < BUCKETS; t++) {
    for (let i = bucket[t], end = bucket[t + 1]; i < end; i++) if (logs[i] >= min) keys[k++] = unmix((t << 16) | codes[i]);
  }
  return keys;
}

/** round(8·log2(count)) of the bigram of character indexes a, b (0 = seen once); -1 when never seen. */
export function bigramLog(m: CharModel, a: number, b: number): number {
  return lookup(m.bigrams, (a << 16) | b);
}

function lookup(table: CountTable, key: number): number {
  const m = mix(key);
  const top = m >>> 16;
  const code = m & 0xffff;
  const codes = table.codes;
  for (let i = table.bucket[top], end = table.bucket[top + 1]; i < end; i++) if (codes[i] === code) return table.logs[i];
  return -1;
}

/** round(8·log2(count)) of the trigram a, b, c; -1 when seen fewer than three times. */
export function trigramLog(m: CharModel, a: number, b: number, c: number): number {
  return trigramLogOfHash(m, trigramHash(a, b, c));
}

/** trigramLog of a trigram whose trigramHash (or trigramBits) is already known. */
export function trigramLogOfHash(m: CharModel, hash: number): number {
  return lookup(m.trigrams, hash);
}

/** Whether characters a, b make a word of the jieba word list. */
export function isWord(m: CharModel, a: number, b: number): boolean {
  const key = ((a << 16) | b) >>> 0;
  const keys = m.wordKey;
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] === key) return true;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The same hash as trigram_hash in tools/lexicon/build_charmodel.py. */
export function trigramHash(a: number, b: number, c: number): number {
  return trigramBits(a, b, c) >>> 0;
}

/** trigramHash's 32 bits as a signed integer: the look-ups take either, and a small integer is never boxed (the
 *  unsigned form above 2^31 was a heap number for every trigram the slip pass asked about). */
export function trigramBits(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x10000, 0x85ebca77) ^ Math.imul(c + 0x20000, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h;
}

