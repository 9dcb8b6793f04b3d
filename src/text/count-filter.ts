// Small Bloom filters over the character model's common bigrams and trigrams, for the statistical typo pass. The
// model's tables are ~4 MB of bucketed keys, so nearly every probe misses the CPU cache; the slip pass probes them
// for some forty input-method neighbours of each suspect character, and most neighbours form no common pair or
// phrase there. A filter that fits in cache answers 「certainly not」 for most of them; a 「maybe」 is then looked
// up exactly, so no answer changes (a Bloom filter has no false negatives).
import { keysAtLeast, type CharModel, type CountTable } from './charmodel.js';

/** What a filter holds: every key whose log count (round(8·log2(count))) is at least `min`. */
export interface CountFilter {
  min: number;
  words: Uint32Array;
  shift: number;
}

/** One 32-bit word per key with two bits set in it: one memory read per test. At 3 to 6 keys a word, a key that
 *  was never added passes 3–9 % of the time. */
function filterOf(table: CountTable, min: number): CountFilter {
  const keys = keysAtLeast(table, min);
  let size = 1024;
  while (size * 6 < keys.length) size <<= 1;
  const words = new Uint32Array(size);
  const shift = 32 - Math.log2(size);
  for (let i = 0; i < keys.length; i++) {
    const k = spread(keys[i]);
    words[k >>> shift] |= (1 << (k & 31)) | (1 << ((k >>> 5) & 31));
  }
  return { min, words, shift };
}

/** A hash of the key unrelated to its slot in the model's tables (so filter and table misses are independent). */
function spread(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** False: the key is certainly not held. True: it may be (look it up). */
export function mayHold(f: CountFilter, key: number): boolean {
  const h = spread(key);
  const bits = (1 << (h & 31)) | (1 << ((h >>> 5) & 31));
  return (f.words[h >>> f.shift] & bits) === bits;
}

export interface ModelFilters {
  /** Bigram keys a << 16 | b (as bigramLog takes them) seen at least `min`. */
  bigram: CountFilter;
  /** Trigram hashes (trigramHash) seen at least `min`. */
  trigram: CountFilter;
}

const cache = new WeakMap<CharModel, Map<number, ModelFilters>>();

/** The filters of a model for one minimum log count, built on first use (~10 ms; 0.75 MB for the bundled model). */
export function modelFilters(model: CharModel, min: number): ModelFilters {
  let byMin = cache.get(model);
  if (!byMin) cache.set(model, (byMin = new Map()));
  let f = byMin.get(min);
  if (!f) {
    f = {
      bigram: filterOf(model.bigrams, min),
      trigram: filterOf(model.trigrams, min),
    };
    byMin.set(min, f);
  }
  return f;
}
