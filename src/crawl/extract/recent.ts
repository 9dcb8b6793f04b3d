// The last few dozen characters of a page's visible text, for labels split across elements (时间：<span>2019-…,
// 网站标识码：<span>…). Text arrives node by node and the stream is ' ' + each node's trimmed text. Most nodes
// never need the tail (no date, no footer word in them), so the recent nodes are kept by reference and joined
// only when the tail is read; whether it holds 码 or 备 (every footer identifier word does) is tracked by count.

export const TAIL = 40;

export class RecentText {
  /** Recent trimmed nodes, newest last; the ones before the newest hold at least TAIL stream characters. */
  private pieces: string[] = [];
  /** Stream characters in pieces (each piece counts one more, for its leading space). */
  private len = 0;
  /** Stream characters after the last 码 or 备, up to the newest piece. */
  private sinceWord = Infinity;
  /** The tail before the newest piece held 码 or 备. */
  beforeHadWord = false;
  /** The newest piece holds 码 or 备. */
  newestHasWord = false;

  push(trimmed: string): void {
    this.beforeHadWord = this.sinceWord < TAIL;
    // includes() is a fast scan; lastIndexOf() only for the few nodes that hold one of the words.
    const has = trimmed.includes('码') || trimmed.includes('备');
    this.newestHasWord = has;
    this.sinceWord = has ? trimmed.length - 1 - Math.max(trimmed.lastIndexOf('码'), trimmed.lastIndexOf('备')) : this.sinceWord + trimmed.length + 1;
    const pieces = this.pieces;
    pieces.push(trimmed);
    this.len += trimmed.length + 1;
    // Keep TAIL characters before the newest piece; anything older is never read.
    while (pieces.length > 2 && this.len - (pieces[0].length + 1) - (trimmed.length + 1) >= TAIL) {
      this.len -= pieces[0].length + 1;
      pieces.shift();
    }
  }

  /** The last TAIL stream characters before the newest piece. */
  before(): string {
    return this.tailOf(this.pieces.length - 1);
  }

  /** The newest piece as the stream has it (with its leading space). */
  newest(): string {
    return ' ' + (this.pieces[this.pieces.length - 1] ?? '');
  }

  private tailOf(end: number): string {
    let s = '';
    for (let i = end - 1; i >= 0 && s.length < TAIL; i--) {
      const p = this.pieces[i];
      s = ' ' + (p.length > TAIL ? p.slice(-TAIL) : p) + s;
    }
    return s.length > TAIL ? s.slice(-TAIL) : s;
  }
}
