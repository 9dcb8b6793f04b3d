// Text comparison for cloaking and defacement: character bigrams survive word order and re-flowed
// layout, and digits are dropped so that changing dates and counters do not look like tampering.

const MAX_COMPARE_CHARS = 20_000;

/** Letters and CJK only, lower-cased, NFKC (full-width → half-width), bounded. */
export function normaliseForCompare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}\p{N}\u200b-\u200f\ufeff]+/gu, '')
    .slice(0, MAX_COMPARE_CHARS);
}

export function bigrams(normalised: string): Set<string> {
  const out = new Set<string>();
  const chars = Array.from(normalised);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

/** Jaccard similarity of the bigram sets of two already-normalised texts; two empty texts are equal. */
export function bigramJaccard(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.size === 0 && B.size === 0) return a === b ? 1 : 0;
  let inter = 0;
  for (const g of A) if (B.has(g)) inter++;
  return inter / (A.size + B.size - inter);
}
