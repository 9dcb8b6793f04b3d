// Spam words (the sensitive lists: gambling, porn, contraband ads) found through the shared text engine, plus the context
// words that make a legitimate page mention them (a police notice 「严厉打击网络赌博」 is not spam).
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
