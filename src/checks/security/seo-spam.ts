// SEO spam: a hijacked page whose title, keywords or description became a list of gambling/porn search
// phrases, or whose body carries a block of spam links. Two ways to see it:
// - structure: the title is a list of three or more items that the page itself never mentions (not in its
//   headline, ArticleTitle/ColumnName/SiteName meta, breadcrumb or body) and that read as spam vocabulary
//   by family (spam-vocabulary.ts). This catches phrases no word list has yet.
// - the lexicon: words from the sensitive lists (spam.ts), shaped as a list.
// Pages that discuss vice (「关于严厉打击网络赌博、色情违法犯罪活动的通告」, 反诈 publicity, court reports)
// stay quiet: their titles carry counter-context words and name their own subject.
import type { CheckFinding, LinkFact, PageFacts } from '../../domain/index.js';
import { clip, makeFinding } from '../site/util.js';
import type { CheckContext, PageCheck } from '../types.js';
import { distinctWords, hasCounterContext, spamScanner, type SpamScanner } from './spam.js';
import { isSpamSegment, isStrongPhrase, plain, scoreSegment, type SegmentScore, type SpamFamily } from './spam-vocabulary.js';
import { memoBounded } from '../../text/memo.js';

type Where = 'title' | 'keywords' | 'description' | 'body';

const SEPARATORS = /[,，、|｜_\-—–;；/\\·•\s。！!？?:：()（）【】\[\]「」《》"“”]+/;
/** One separator character (global: test() goes on from the last match). */
const SEPARATOR = new RegExp(SEPARATORS.source.slice(0, -1), 'g');
const MAX_SEGMENTS = 80;
const PURE_SEGMENT_COVERAGE = 0.5; // spam words make up at least half of a "pure" list item
const BODY_WINDOW = 300;
const BODY_MIN_WORDS = 5;
const BODY_MIN_SPAM_LINKS = 3;
/** A hijacked list names at least this many spam items of its own… */
const MIN_FOREIGN_SPAM_SEGMENTS = 3;
/** …and they make up at least this share of the list (the site name often stays at one end). */
const MIN_FOREIGN_SPAM_SHARE = 0.5;
/** Spam-vocabulary link texts that make a body block (hijacked navigation: 「真人真钱」「网上娱乐城」). */
const MIN_VOCABULARY_LINKS = 2;
const HEADLINE_BIGRAM_SHARE = 0.5;
/** A title sharing less than this of its character pairs with every headline is not about its page. */
const TITLE_HEADLINE_SHARE = 0.2;
/** Spam phrases are short (「澳门今晚开奖号码」); a long sentence naming vice is prose, not a keyword. */
const MAX_PHRASE_CHARS = 20;
const MAX_TITLE_CHARS = 40;
/** A spam title sends the reader somewhere: an app, a download, an official site, a sign-up. */
const CALL_TO_ACTION = /app|下载|官网|入口|网址|注册|开户|登录|平台|导航/;

export interface FieldVerdict {
  spam: boolean;
  words: string[];
  families?: SpamFamily[];
  /** The list items judged foreign spam (plain form). */
  segments?: string[];
}

/** What the page says about itself, in plain form: headline candidates and the body text. */
export interface OwnText {
  headlines: string[];
  body: string;
}

function listItems(text: string): string[] {
  const parts = text.split(SEPARATORS);
  const items: string[] = [];
  for (let i = 0; i < parts.length && i < MAX_SEGMENTS; i++) {
    const item = plain(parts[i]);
    if (codePoints(item) >= 2) items.push(item);
  }
  return items;
}

/** Whether text holds two separator characters: without them it splits into at most two items, no list. */
function mayBeList(text: string): boolean {
  SEPARATOR.lastIndex = 0;
  return SEPARATOR.test(text) && SEPARATOR.test(text);
}

/** Characters (code points) in s, without making an array of them as Array.from(s).length does. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/** The text's pairs of adjacent characters (code points), each as one number: compared, never shown. */
function bigrams(s: string): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (prev >= 0) out.push(prev * 0x110000 + cp);
    prev = cp;
  }
  return out;
}

/** Whether one text is mostly made of the other's character pairs (either way round). Sorted arrays merged rather
 *  than two Sets: it runs for every page's title against its headlines. */
function sharesPairs(a: string, b: string, share: number): boolean {
  const pa = sortedPairs(a);
  const pb = sortedPairs(b);
  if (pa.length === 0 || pb.length === 0) return false;
  return countIn(pa, pb) / pa.length >= share || countIn(pb, pa) / pb.length >= share;
}

/** bigrams(s), sorted. */
function sortedPairs(s: string): Float64Array {
  return Float64Array.from(bigrams(s)).sort();
}

/** How many of a's pairs (repeats counted) occur in b; both sorted. */
function countIn(a: Float64Array, b: Float64Array): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j < b.length && b[j] === a[i]) n++;
  }
  return n;
}

/** An item belongs to the page when the page says it: verbatim in the body or a headline, or mostly made
 *  of the headline's character pairs (a title shortens or rephrases its own h1). */
function belongs(item: string, own: OwnText): boolean {
  if (own.body.includes(item)) return true;
  for (const h of own.headlines) if (h.includes(item) || (h.length >= 4 && item.includes(h))) return true;
  const pairs = bigrams(item);
  if (pairs.length === 0) return false;
  const headPairs = new Set(own.headlines.flatMap(bigrams));
  return pairs.filter((p) => headPairs.has(p)).length / pairs.length >= HEADLINE_BIGRAM_SHARE;
}

/** The verdict on almost every field of every page; only a spam verdict's words are read. */
const NOT_SPAM: FieldVerdict = Object.freeze({ spam: false, words: Object.freeze([]) as unknown as string[] });

/** Structure: a list of spam phrases the page itself never mentions. */
export function judgeStructure(text: string, own: OwnText, items: readonly string[] = listItems(text)): FieldVerdict {
  if (items.length < MIN_FOREIGN_SPAM_SEGMENTS) return NOT_SPAM;
  if (hasCounterContext(plain(text))) return NOT_SPAM;
  const foreign: Array<{ item: string; score: SegmentScore }> = [];
  for (const item of items) {
    const score = scoreSegment(item);
    if (isSpamSegment(score) && !belongs(item, own)) foreign.push({ item, score });
  }
  const spam = foreign.length >= MIN_FOREIGN_SPAM_SEGMENTS && foreign.length / items.length >= MIN_FOREIGN_SPAM_SHARE;
  if (!spam) return NOT_SPAM;
  return {
    spam,
    words: [...new Set(foreign.flatMap((x) => x.score.terms.map((t) => t.word)))],
    families: [...new Set(foreign.flatMap((x) => x.score.families))],
    segments: foreign.map((x) => x.item),
  };
}

/** A title that is not about its page: it shares almost nothing with the page's own headline (h1,
 *  ArticleTitle) and reads as a trade's vocabulary (parasite pages: 「给大家科普一下皇冠app官方下载网站」 over
 *  a stolen news article), or it is one strong spam phrase (「澳门今晚开奖号码」 on a fake notice). */
export function judgeTitlePhrase(title: string, own: OwnText, headlines: readonly string[], items: readonly string[] = listItems(title)): FieldVerdict {
  const whole = plain(title);
  if (hasCounterContext(whole)) return NOT_SPAM;
  const strong: Array<{ item: string; score: SegmentScore }> = [];
  for (const item of items) {
    if (codePoints(item) > MAX_PHRASE_CHARS) continue;
    const score = scoreSegment(item);
    if (isStrongPhrase(score)) strong.push({ item, score });
  }
  const wholeScore = scoreSegment(whole);
  // Not about its page: no headline shares its words, and the body never states it. Asked last (it reads the body).
  const unrelated = () =>
    headlines.length > 0 &&
    codePoints(whole) <= MAX_TITLE_CHARS &&
    !own.body.includes(whole) &&
    !headlines.some((h) => sharesPairs(whole, h, TITLE_HEADLINE_SHARE));
  const advertises = CALL_TO_ACTION.test(whole);
  const spam = strong.length > 0 || (advertises && wholeScore.score >= 4 && wholeScore.families.some((f) => f !== 'video') && unrelated());
  if (!spam) return NOT_SPAM;
  const hits = strong.length > 0 ? strong : [{ item: whole, score: wholeScore }];
  return {
    spam,
    words: [...new Set(hits.flatMap((x) => x.score.terms.map((t) => t.word)))],
    families: [...new Set(hits.flatMap((x) => x.score.families))],
    segments: hits.map((x) => x.item),
  };
}

/** The lexicon: a short field (title, meta keywords, meta description) made of sensitive-list words. */
export function judgeField(text: string, scan: SpamScanner): FieldVerdict {
  const words = distinctWords(scan(text));
  if (words.length === 0) return NOT_SPAM;
  if (words.length < 2) return { spam: false, words };
  const segments = text.split(SEPARATORS).filter(Boolean).slice(0, MAX_SEGMENTS);
  let pureSegments = 0;
  for (const seg of segments) {
    const hits = scan(seg);
    if (!hits.length) continue;
    const covered = new Set<number>();
    for (const h of hits) for (let i = h.start; i < h.end; i++) covered.add(i);
    if (covered.size / codePoints(seg) >= PURE_SEGMENT_COVERAGE) pureSegments++;
  }
  const listShaped = pureSegments >= 2 && pureSegments / Math.max(1, segments.length) >= 0.5;
  if (!hasCounterContext(text)) return { spam: true, words };
  // Official texts about vice name several vice words; only a real word list is spam there.
  return { spam: listShaped && pureSegments >= 3 && pureSegments / segments.length >= 0.8, words };
}

function vocabularyLinks(page: PageFacts): string[] {
  let texts: Set<string> | undefined; // made for the few pages that have such a link
  for (const l of page.links) {
    if (l.hidden || l.tag !== 'a' || !l.text) continue;
    if (isVocabularyLinkText(l.text)) (texts ??= new Set()).add(l.text);
  }
  return texts ? [...texts] : [];
}

// Navigation, footer and list link texts repeat on every page of a site: each distinct text is judged once.
const isVocabularyLinkText = memoBounded(20_000, (text) => !hasCounterContext(text) && isSpamSegment(scoreSegment(plain(text))));

/** The page's own words, with the text of spam links taken out (they are the hijacker's, not the page's). Worked
 *  out when first read: only a title or list that already looks like spam is compared with them. */
export function ownText(page: PageFacts, spamLinkTexts: readonly string[] = vocabularyLinks(page)): OwnText {
  return new LazyOwnText(page, spamLinkTexts);
}

// A class, not an object literal with getters: V8 defines a literal's accessors anew each time it is made (a
// runtime call per getter), and one is made for every page.
class LazyOwnText implements OwnText {
  private headlinesMemo: string[] | undefined;
  private bodyMemo: string | undefined;

  constructor(
    private readonly page: PageFacts,
    private readonly spamLinkTexts: readonly string[],
  ) {}

  get headlines(): string[] {
    return (this.headlinesMemo ??= ownHeadlines(this.page));
  }

  get body(): string {
    return (this.bodyMemo ??= ownBody(this.page, this.spamLinkTexts));
  }
}

function ownHeadlines(page: PageFacts): string[] {
  const meta = page.meta;
  return [page.headline, meta['articletitle'], meta['columnname'], meta['sitename'], page.columnName, ...page.breadcrumb]
    .filter((h): h is string => !!h)
    .map(plain)
    .filter((h) => h.length >= 2);
}

function ownBody(page: PageFacts, spamLinkTexts: readonly string[]): string {
  let body = plain(page.text);
  for (const t of spamLinkTexts) body = body.split(plain(t)).join(' ');
  return body;
}

function bodyFinding(page: PageFacts, scan: SpamScanner, spamLinkTexts: readonly string[]): { evidence: string; words: string[] } | undefined {
  if (spamLinkTexts.length >= MIN_VOCABULARY_LINKS) {
    const words = [...new Set(spamLinkTexts.flatMap((t) => scoreSegment(plain(t)).terms.map((x) => x.word)))];
    return { evidence: spamLinkTexts.join('、'), words };
  }
  const spamLinks = linksWithSpamWords(page, scan);
  if (spamLinks.length >= BODY_MIN_SPAM_LINKS) {
    const linkText = spamLinks.map((l) => l.text).join('、');
    const words = distinctWords(spamLinks.flatMap((l) => scan(l.text)));
    if (words.length >= 2 && !hasCounterContext(linkText)) return { evidence: linkText, words };
  }
  const hits = scan(page.text);
  for (let i = 0; i < hits.length; i++) {
    const windowHits = [];
    for (let j = i; j < hits.length && hits[j].start - hits[i].start <= BODY_WINDOW; j++) windowHits.push(hits[j]);
    const words = distinctWords(windowHits);
    if (words.length < BODY_MIN_WORDS) continue;
    const window = page.text.slice(Math.max(0, hits[i].start - 20), windowHits[windowHits.length - 1].end + 20);
    if (!hasCounterContext(window)) return { evidence: window, words };
  }
  return undefined;
}

/** The visible links whose text holds a sensitive-list word (none, on almost every page: no array made then). */
function linksWithSpamWords(page: PageFacts, scan: SpamScanner): readonly LinkFact[] {
  let found: LinkFact[] | undefined;
  for (const l of page.links) if (!l.hidden && l.tag === 'a' && l.text && scan(l.text).length > 0) (found ??= []).push(l);
  return found ?? [];
}

const LABEL: Record<Where, string> = { title: '页面标题', keywords: '关键词（keywords）', description: '页面描述（description）', body: '页面正文' };

function finding(page: PageFacts, where: Where, evidence: string, verdict: FieldVerdict): CheckFinding<'seo-spam'> {
  const how = verdict.segments?.length ? `与页面自身内容无关的垃圾词组：${verdict.segments.slice(0, 4).join('、')}` : verdict.words.slice(0, 6).join('、');
  return makeFinding({
    check: 'seo-spam',
    url: page.url,
    evidence: clip(evidence),
    message: `${LABEL[where]}被植入赌博、色情等垃圾信息：${how}`,
    advice: '立即清除被植入的内容，排查网站模板、数据库和服务器是否被入侵，修补漏洞并向搜索引擎提交快照更新后复查',
    detail: {
      where,
      words: verdict.words,
      ...(verdict.families?.length ? { families: verdict.families } : {}),
      ...(verdict.segments?.length ? { segments: verdict.segments, method: 'structure' } : { method: 'lexicon' }),
      spam: true,
    },
  });
}

function judge(where: Where, text: string, own: OwnText, headlines: readonly string[], scan: SpamScanner): FieldVerdict {
  // A title is read item by item even when it is no list (judgeTitlePhrase); another field only when it may be one.
  const items = where === 'title' || mayBeList(text) ? listItems(text) : [];
  let verdict = judgeStructure(text, own, items);
  if (!verdict.spam && where === 'title') verdict = judgeTitlePhrase(text, own, headlines, items);
  if (verdict.spam) {
    const lexicon = distinctWords(scan(text));
    return { ...verdict, words: [...new Set([...lexicon, ...verdict.words])] };
  }
  // A title that names the page's own headline is the publisher's, whatever words the lexicon knows in it. Asked
  // only of a title the lexicon calls spam (only a spam verdict becomes a finding), not of every page's title.
  const lexicon = judgeField(text, scan);
  if (lexicon.spam && where === 'title' && headlines.some((h) => sharesPairs(plain(text), h, TITLE_HEADLINE_SHARE))) return { spam: false, words: [] };
  return lexicon;
}

/** The page's own headline as written by its publisher: the <h1> and the ArticleTitle meta. */
function trueHeadlines(page: PageFacts): string[] {
  return [page.headline, page.meta['articletitle']].filter((h): h is string => !!h).map(plain).filter((h) => h.length >= 4);
}

export const seoSpamCheck: PageCheck<'seo-spam'> = {
  id: 'seo-spam',
  scope: 'page',
  run(page, ctx: CheckContext) {
    const scan = spamScanner(ctx);
    const spamLinkTexts = vocabularyLinks(page);
    const own = ownText(page, spamLinkTexts);
    const headlines = trueHeadlines(page);
    const out: CheckFinding<'seo-spam'>[] = [];
    const field = (where: Where, text: string | undefined) => {
      if (!text) return;
      const v = judge(where, text, own, headlines, scan);
      if (v.spam) out.push(finding(page, where, text, v));
    };
    field('title', page.title);
    field('keywords', page.meta['keywords']);
    field('description', page.meta['description']);
    const body = bodyFinding(page, scan, spamLinkTexts);
    if (body) out.push(finding(page, 'body', body.evidence, { spam: true, words: body.words }));
    return out;
  },
};
