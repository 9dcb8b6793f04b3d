// Aho-Corasick over UTF-16 code units. Code units are first mapped to a dense alphabet (units that occur in
// no pattern map to 0 and reset to the root at once); goto edges live in one open-addressing hash table of
// (state, symbol) pairs, so memory stays linear in the dictionary size whatever the alphabet.

export interface Matcher {
  readonly patternCount: number;
  /** Calls onMatch for every occurrence (overlaps included); `end` is exclusive. */
  scan(text: string, onMatch: (patternIndex: number, end: number) => void): void;
}

export function buildMatcher(patterns: string[]): Matcher {
  const symbolOf = new Uint32Array(0x10000);
  let symbols = 0;
  for (const p of patterns) {
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (symbolOf[c] === 0) symbolOf[c] = ++symbols;
    }
  }

  let totalChars = 0;
  for (const p of patterns) totalChars += p.length;
  const maxStates = totalChars + 1;
  let capacity = 1;
  while (capacity < maxStates * 2) capacity <<= 1;
  const mask = capacity - 1;
  const keyState = new Int32Array(capacity).fill(-1);
  const keySymbol = new Int32Array(capacity);
  const value = new Int32Array(capacity);

  const slot = (state: number, symbol: number): number => {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(symbol, 0x85ebca77)) & mask;
    while (keyState[h] !== -1 && (keyState[h] !== state || keySymbol[h] !== symbol)) h = (h + 1) & mask;
    return h;
  };
  const goto = (state: number, symbol: number): number => {
    const h = slot(state, symbol);
    return keyState[h] === -1 ? -1 : value[h];
  };

  const output = new Int32Array(maxStates).fill(-1); // a pattern ending exactly here
  const sameEnd: number[][] = []; // duplicates of the same pattern string
  let states = 1;
  patterns.forEach((p, index) => {
    if (p.length === 0) return;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const sym = symbolOf[p.charCodeAt(i)];
      let next = goto(s, sym);
      if (next === -1) {
        next = states++;
        const h = slot(s, sym);
        keyState[h] = s;
        keySymbol[h] = sym;
        value[h] = next;
      }
      s = next;
    }
    if (output[s] === -1) output[s] = index;
    else (sameEnd[s] ??= []).push(index);
  });

  // Breadth-first failure links and dictionary-suffix links (next state on the fail chain with output).
  const fail = new Int32Array(states);
  const dictLink = new Int32Array(states).fill(-1);
  const { first, child: childOf, symbol: symbolOfChild } = childLists(states, keyState, keySymbol, value);
  const queue = new Int32Array(states);
  let head = 0;
  let tail = 0;
  for (let k = first[0]; k < first[1]; k++) { fail[childOf[k]] = 0; queue[tail++] = childOf[k]; }
  while (head < tail) {
    const s = queue[head++];
    for (let k = first[s]; k < first[s + 1]; k++) {
      const child = childOf[k];
      const sym = symbolOfChild[k];
      let f = fail[s];
      let target = goto(f, sym);
      while (target === -1 && f !== 0) { f = fail[f]; target = goto(f, sym); }
      fail[child] = target === -1 || target === child ? 0 : target;
      const fc = fail[child];
      dictLink[child] = output[fc] !== -1 ? fc : dictLink[fc];
      queue[tail++] = child;
    }
  }

  const emit = (s: number, end: number, onMatch: (patternIndex: number, end: number) => void): void => {
    onMatch(output[s], end);
    const more = sameEnd[s];
    if (more) for (const idx of more) onMatch(idx, end);
  };

  // The root is visited after every mismatch: give it a dense table instead of hash probes.
  const rootNext = new Int32Array(symbols + 1);
  for (let sym = 1; sym <= symbols; sym++) rootNext[sym] = Math.max(0, goto(0, sym));
  const hasOutput = new Uint8Array(states);
  for (let s = 0; s < states; s++) hasOutput[s] = output[s] !== -1 || dictLink[s] !== -1 ? 1 : 0;

  // Most goto look-ups in running text miss (the failure chain is followed back to the root), and the edge table is
  // megabytes: a bit per (state, symbol) hash that fits in cache answers most misses without touching it.
  let edgeBitsLog = 10;
  while (1 << edgeBitsLog < states * 16) edgeBitsLog++;
  const edgeShift = 32 - edgeBitsLog;
  const edgeBits = new Int32Array(1 << (edgeBitsLog - 5));
  for (let h = 0; h < capacity; h++) {
    if (keyState[h] === -1) continue;
    const f = (Math.imul(keyState[h], 0x9e3779b1) ^ Math.imul(keySymbol[h], 0x85ebca77)) >>> edgeShift;
    edgeBits[f >>> 5] |= 1 << (f & 31);
  }

  return {
    patternCount: patterns.length,
    scan(text, onMatch) {
      let s = 0;
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const sym = symbolOf[text.charCodeAt(i)];
        if (sym === 0) { s = 0; continue; }
        // Follow failure links until a goto edge exists (hash probe inlined: this is the hot loop).
        for (;;) {
          if (s === 0) { s = rootNext[sym]; break; }
          const mixed = Math.imul(s, 0x9e3779b1) ^ Math.imul(sym, 0x85ebca77);
          const f = mixed >>> edgeShift;
          if ((edgeBits[f >>> 5] & (1 << (f & 31))) === 0) { s = fail[s]; continue; }
          let h = mixed & mask;
          let next = -1;
          for (;;) {
            const k = keyState[h];
            if (k === -1) break;
            if (k === s && keySymbol[h] === sym) { next = value[h]; break; }
            h = (h + 1) & mask;
          }
          if (next !== -1) { s = next; break; }
          s = fail[s];
        }
        if (hasOutput[s] === 0) continue;
        if (output[s] !== -1) emit(s, i + 1, onMatch);
        let d = dictLink[s];
        while (d !== -1) { emit(d, i + 1, onMatch); d = dictLink[d]; }
      }
    },
  };
}

/** Each state's children and their symbols, in the edge table's order, as one list per state in flat typed arrays
 *  (children k of state s at first[s] <= k < first[s + 1]). Two arrays per state made 19 of the 56 MB that
 *  building the text engine allocated, most of it promoted to the old generation before it died. */
function childLists(states: number, keyState: Int32Array, keySymbol: Int32Array, value: Int32Array): { first: Int32Array; child: Int32Array; symbol: Int32Array } {
  const first = new Int32Array(states + 1);
  for (let h = 0; h < keyState.length; h++) if (keyState[h] !== -1) first[keyState[h] + 1]++;
  for (let s = 0; s < states; s++) first[s + 1] += first[s];
  const child = new Int32Array(first[states]);
  const symbol = new Int32Array(first[states]);
  const fill = first.slice(0, states);
  for (let h = 0; h < keyState.length; h++) {
    if (keyState[h] === -1) continue;
    const at = fill[keyState[h]]++;
    child[at] = value[h];
    symbol[at] = keySymbol[h];
  }
  return { first, child, symbol };
}
