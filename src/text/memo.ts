// Bounded memories for pure functions of a text. Menu, footer and link texts repeat on every page of a site, and
// a page's long texts are read by several checks in a row: each is worked out once. Both stay small whatever the
// site, and remembering a pure function's answer changes no result.

/** fn remembered per text; everything is forgotten at `max` entries (short texts: titles, link texts). */
export function memoBounded<T>(max: number, fn: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    // One look-up on a hit (an undefined answer is simply worked out again).
    let value = known.get(text);
    if (value !== undefined) return value;
    value = fn(text);
    if (known.size >= max) known.clear();
    known.set(text, value);
    return value;
  };
}

/** fn remembered for the last `size` texts (long texts, which differ in length from almost every other text, so
 *  the look-up is cheap). */
export function memoRecent<T>(size: number, fn: (text: string) => T): (text: string) => T {
  const texts: string[] = [];
  const values: T[] = [];
  return (text) => {
    const i = texts.indexOf(text);
    if (i >= 0) return values[i];
    const value = fn(text);
    if (texts.length >= size) {
      texts.shift();
      values.shift();
    }
    texts.push(text);
    values.push(value);
    return value;
  };
}
