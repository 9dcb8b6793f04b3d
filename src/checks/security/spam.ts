// Spam words (the sensitive lists: gambling, porn, contraband ads) found through the shared text engine, plus the context
// words that make a legitimate page mention them (a police notice 「严厉打击网络赌博」 is not spam).
import { createHash } from 'node:crypto';
import type { CheckContext } from '../types.js';
import { getTextEngine, type TextMatch } from '../../text/engine.js';

export interface SpamHit {
  word: string;
  category: string;
  start: number;
  end: number;
}

export type SpamScanner = (text: string) => SpamHit[];

const SCANNER_KEY = 'security.spamScanner';

/** The page-independent scanner, built once per scan and kept in ctx.resources. */
export function spamScanner(ctx: CheckContext): SpamScanner {
  const cached = ctx.resources.get(SCANNER_KEY) as SpamScanner | undefined;
  if (cached) return cached;
  const engine = getTextEngine(ctx);
  const scanner: SpamScanner = (text) => {
    if (!text) return NO_HITS;
    const matches = engine.scan(text);
    // Most texts (every link text of every page goes through here) hold no spam word: no new arrays for them.
    if (!hasSensitive(matches)) return NO_HITS;
    return matches
      .filter((m) => m.list === 'sensitive') // 赌博、色情、暴力（违禁品广告）: all spam vocabulary
      .map((m) => ({ word: m.word, category: m.category, start: m.start, end: m.end }));
  };
  ctx.resources.set(SCANNER_KEY, scanner);
  return scanner;
}

function hasSensitive(matches: readonly TextMatch[]): boolean {
  for (let i = 0; i < matches.length; i++) if (matches[i].list === 'sensitive') return true;
  return false;
}

/** The answer for a text without spam words, shared (callers only read hits). */
const NO_HITS = Object.freeze([]) as unknown as SpamHit[];

export function distinctWords(hits: readonly SpamHit[]): string[] {
  if (hits.length === 0) return []; // most texts: no Set, no mapped copy
  return [...new Set(hits.map((h) => h.word))];
}

const MEMO_KEY = 'security.spamWordsMemo';

/**
 * The distinct spam words of whole texts the site checks judge (key pages against their baselines, spider
 * views against the browser's), remembered from the previous scan of the site under the same check key: on an
 * unchanged site they are the same texts, and looking them up spares building the text engine (~0.15 s and
 * ~37 MB allocated) at the end of every rescan. Keyed by a hash of the text; the scan stores what it judged.
 */
export class SpamWordsMemo {
  private readonly judged = new Map<string, readonly string[]>();

  constructor(private readonly stored: Readonly<Record<string, readonly string[]>> = {}) {}

  /** A text's words: remembered, or found now with `find`; undefined when unknown and there is no `find`. */
  wordsOf(text: string, find?: (text: string) => string[]): readonly string[] | undefined {
    const key = createHash('sha256').update(text).digest('base64url').slice(0, 22);
    const words = this.judged.get(key) ?? (Object.hasOwn(this.stored, key) ? this.stored[key] : find?.(text));
    if (words) this.judged.set(key, words);
    return words;
  }

  /** What the next scan may look up: the texts this scan judged first, then those remembered before. */
  entries(): Record<string, readonly string[]> {
    return { ...Object.fromEntries(this.judged), ...withoutKeys(this.stored, this.judged) };
  }
}

export function provideSpamWordsMemo(ctx: CheckContext, memo: SpamWordsMemo): void {
  ctx.resources.set(MEMO_KEY, memo);
}

/** The distinct spam words of a text (its first occurrences' order), through the scan's memo when it has one. */
export function spamWordsIn(ctx: CheckContext, text: string): readonly string[] {
  const memo = ctx.resources.get(MEMO_KEY) as SpamWordsMemo | undefined;
  return memo ? memo.wordsOf(text, finder(ctx))! : finder(ctx)(text);
}

function finder(ctx: CheckContext): (text: string) => string[] {
  return (text) => distinctWords(spamScanner(ctx)(text));
}

/** Keeps a text's words in the scan's memo for the next scan, when they cost nothing now: remembered already,
 *  or the text engine is built (building it only for the next scan would cost this one what it saves). */
export function rememberSpamWords(ctx: CheckContext, text: string): void {
  const memo = ctx.resources.get(MEMO_KEY) as SpamWordsMemo | undefined;
  memo?.wordsOf(text, ctx.resources.has(SCANNER_KEY) ? finder(ctx) : undefined);
}

function withoutKeys<T>(record: Readonly<Record<string, T>>, taken: ReadonlyMap<string, unknown>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !taken.has(k)));
}

// Words of official texts that fight or report on vice: their presence means the spam words are a topic.
// The second line is the statutes' own wording, which defines an offence without naming the fight against it
// (司法解释: 「传播淫秽电影、表演、动画等视频文件二十个以上的」, 「不影响组织卖淫行为的认定」).
const COUNTER_CONTEXT = new RegExp(
  '打击|整治|查处|严禁|取缔|禁止|防范|警惕|治理|举报|专项|通告|通报|判决|判处|案件|犯罪|违法|宣传|提醒|谨防|远离|拒绝|抵制|扫黄|打非|禁毒|戒毒|反诈|非法|公告|福利彩票|体育彩票|' +
    '刑法|定罪|认定|行为|以上的|处罚',
);

export function hasCounterContext(text: string): boolean {
  return COUNTER_CONTEXT.test(text);
}
