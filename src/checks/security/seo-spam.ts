// SEO spam: a hijacked page whose title, keywords or description became a list of gambling/porn
// words, or whose body carries a dense block of spam words and links. Pages that merely discuss vice
// (「关于严厉打击网络赌博、色情违法犯罪活动的通告」) are told apart by context words and by the list shape.
import type { PageFacts, Finding } from '../../domain/index.js';
import { clip, makeFinding } from '../site/util.js';
import type { CheckContext, PageCheck } from '../types.js';
import { distinctWords, hasCounterContext, spamScanner, type SpamScanner } from './spam.js';

type Where = 'title' | 'keywords' | 'description' | 'body';

const SEPARATORS = /[,，、|｜_\-—–;；/\\·•\s]+/;
const MAX_SEGMENTS = 80;
const PURE_SEGMENT_COVERAGE = 0.5; // spam words make up at least half of a "pure" list item
const BODY_WINDOW = 300;
const BODY_MIN_WORDS = 5;
const BODY_MIN_SPAM_LINKS = 3;

export interface FieldVerdict {
  spam: boolean;
  words: string[];
}

/** Judges a short field (title, meta keywords, meta description). */
export function judgeField(text: string, scan: SpamScanner): FieldVerdict {
  const words = distinctWords(scan(text));
  if (words.length < 2) return { spam: false, words };
  const segments = text.split(SEPARATORS).filter(Boolean).slice(0, MAX_SEGMENTS);
  let pureSegments = 0;
  for (const seg of segments) {
    const hits = scan(seg);
    if (!hits.length) continue;
    const covered = new Set<number>();
    for (const h of hits) for (let i = h.start; i < h.end; i++) covered.add(i);
    if (covered.size / Array.from(seg).length >= PURE_SEGMENT_COVERAGE) pureSegments++;
  }
  const listShaped = pureSegments >= 2 && pureSegments / Math.max(1, segments.length) >= 0.5;
  if (!hasCounterContext(text)) return { spam: true, words };
  // Official texts about vice name several vice words; only a real word list is spam there.
  return { spam: listShaped && pureSegments >= 3 && pureSegments / segments.length >= 0.8, words };
}

function bodyFinding(page: PageFacts, scan: SpamScanner): { evidence: string; words: string[] } | undefined {
  const spamLinks = page.links.filter((l) => !l.hidden && l.tag === 'a' && l.text && scan(l.text).length > 0);
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

const LABEL: Record<Where, string> = { title: '页面标题', keywords: '关键词（keywords）', description: '页面描述（description）', body: '页面正文' };

function finding(page: PageFacts, where: Where, evidence: string, words: string[]): Finding {
  return makeFinding({
    check: 'seo-spam',
    severity: 'major',
    url: page.url,
    evidence: clip(evidence),
    message: `${LABEL[where]}被植入赌博、色情等垃圾信息：${words.slice(0, 6).join('、')}`,
    advice: '立即清除被植入的内容，排查网站模板、数据库和服务器是否被入侵，修补漏洞并向搜索引擎提交快照更新后复查',
    detail: { where, words, spam: true, vetoCandidate: true },
  });
}

export const seoSpamCheck: PageCheck = {
  id: 'seo-spam',
  scope: 'page',
  run(page, ctx: CheckContext) {
    const scan = spamScanner(ctx);
    const out: Finding[] = [];
    const fields: Array<[Where, string | undefined]> = [
      ['title', page.title],
      ['keywords', page.meta['keywords']],
      ['description', page.meta['description']],
    ];
    for (const [where, text] of fields) {
      if (!text) continue;
      const v = judgeField(text, scan);
      if (v.spam) out.push(finding(page, where, text, v.words));
    }
    const body = bodyFinding(page, scan);
    if (body) out.push(finding(page, 'body', body.evidence, body.words));
    return out;
  },
};
