// The vocabulary of SEO hijacks, scored by family rather than looked up word by word. A hijacker's title
// is a list of video-site search phrases (「亚洲国产精品一区二区」「免费高清在线观看」) or of gambling
// platforms (「XX娱乐官网」「真人百家乐」); each phrase is new, but it is always built from the same few
// dozen pieces. Scoring the pieces catches phrases no word list has yet. Weights: 3 = the word is spam
// vocabulary wherever it stands; 2 = rare in government writing; 1 = common in government writing and
// counts only beside others (「视频」「免费」「国产」「精品」「亚洲」「彩票」).
import { normaliseShared } from '../../text/normalise.js';
import { memoBounded } from '../../text/memo.js';

export type SpamFamily = 'video' | 'porn' | 'zone' | 'gambling' | 'lottery' | 'blackmarket';

export interface SpamTerm {
  word: string;
  family: SpamFamily;
  weight: number;
}

export interface SegmentScore {
  score: number;
  terms: SpamTerm[];
  families: SpamFamily[];
}

type Entry = readonly [word: string, weight: number];

const VIDEO: Entry[] = [
  ['在线观看', 2], ['免费观看', 2], ['在线播放', 2], ['免费播放', 2], ['免费视频', 2], ['在线视频', 2], ['高清视频', 1],
  ['在线看', 2], ['免费看', 2], ['观看', 1], ['播放', 1], ['在线', 1], ['免费', 1], ['视频', 1], ['高清', 1],
  ['影院', 1], ['电影', 1], ['影视', 1], ['网址', 1], ['手机版', 1], ['中文字幕', 2], ['字幕', 1],
  ['国产', 1], ['精品', 1], ['亚洲', 1], ['欧美', 1], ['日韩', 2], ['日本', 1], ['韩国', 1], ['国产精品', 2],
  ['久久精品', 3], ['久久久', 3], ['久久综合', 3], ['精品久久', 3], ['久久爱', 3], ['久久热', 3], ['99热', 3],
  ['精品视频', 2], ['精品国产', 3], ['亚洲精品', 3], ['欧美精品', 3], ['日韩精品', 3], ['国产在线', 3], ['亚洲欧美', 3],
  ['日韩欧美', 3], ['欧美日韩', 3], ['亚洲国产', 2], ['不卡', 3], ['乱码', 2], ['无码', 3], ['有码', 3], ['午夜', 2],
  ['福利', 1], ['蜜桃', 2], ['麻豆', 3], ['超碰', 3], ['天堂', 1], ['青青草', 3], ['伊人', 2], ['婷婷', 2], ['一本道', 3],
  ['东京热', 3], ['第一页', 1], ['专区', 1], ['神马', 1],
];

const PORN: Entry[] = [
  ['成人', 1], ['毛片', 3], ['黄片', 3], ['黄色', 1], ['三级', 1], ['a级', 2], ['av', 3], ['人妻', 3], ['少妇', 3], ['熟女', 3], ['熟妇', 3],
  ['偷拍', 3], ['自拍', 2], ['激情', 2], ['色情', 1], ['情色', 3], ['性爱', 3], ['做爱', 3], ['乱伦', 3], ['巨乳', 3], ['爆乳', 3],
  ['丝袜', 2], ['美女', 1], ['美腿', 2], ['裸', 2], ['骚', 3], ['淫', 3], ['嫩', 2], ['18禁', 3], ['h漫', 3], ['h视频', 3],
  ['porn', 3], ['sex', 3], ['xxx', 3], ['91', 1], ['撸', 3], ['狠狠', 3], ['夜夜', 3], ['天天', 1], ['日日', 2], ['色综合', 3],
  ['色色', 3], ['好吊', 3], ['一级片', 3], ['三级片', 3], ['成人网', 3], ['成人视频', 3], ['成人影院', 3], ['成人电影', 3],
  ['约炮', 3], ['裸聊', 3], ['援交', 3], ['一夜情', 3],
];

const GAMBLING: Entry[] = [
  ['百家乐', 3], ['赌场', 2], ['博彩', 2], ['棋牌', 2], ['彩票', 1], ['真人', 1], ['彩金', 3], ['开户', 1], ['注册送', 3],
  ['首充', 3], ['投注', 2], ['下注', 2], ['时时彩', 3], ['六合彩', 3], ['快三', 2], ['快3', 2], ['赛车', 1], ['pk10', 3],
  ['葡京', 3], ['威尼斯人', 2], ['金沙', 1], ['太阳城', 3], ['皇冠', 1], ['老虎机', 3], ['电子游艺', 3], ['捕鱼', 1],
  ['牛牛', 2], ['炸金花', 3], ['德州扑克', 2], ['网投', 3], ['体育投注', 3], ['买球', 3], ['赌球', 3], ['真钱', 3],
  ['娱乐城', 3], ['娱乐场', 2], ['娱乐平台', 3], ['娱乐官网', 3], ['娱乐网址', 3], ['娱乐注册', 3], ['娱乐开户', 3],
  ['赌博', 1], ['澳门', 1], ['开奖', 2], ['赔率', 2], ['官网', 1], ['入口', 1], ['平台', 0], ['提现', 2], ['充值', 1],
  ['bet', 2], ['真人视讯', 3], ['电子游戏', 1], ['幸运飞艇', 3], ['北京赛车', 3], ['娱乐', 1], ['体育', 0], ['app下载', 1],
  // Casino and betting brands that hijackers name (「XX娱乐」): weight 1 where the word has other meanings.
  ['永利', 1], ['银河', 1], ['新濠', 2], ['美高梅', 2], ['亚博', 2], ['开云', 2], ['九游', 2], ['乐鱼', 2], ['华体会', 3],
  ['半岛', 1], ['必威', 3], ['博天堂', 3], ['凯发', 2], ['尊龙', 3], ['和记', 1], ['ag', 1], ['pg', 1], ['kok', 2], ['星空', 1],
  ['爱游戏', 2], ['米乐', 2], ['ob', 1], ['雷火', 1], ['电竞', 1], ['沙巴', 2],
  // 「365bet体育在线赌博_…」: the brand is written both ways round, and only as a whole ASCII word.
  ['365bet', 3], ['bet365', 3],
];

// Lottery-result spam pages (「新澳今晚开奖结果」「管家婆一肖一码」): the vocabulary of the 六合彩 tip trade.
const LOTTERY: Entry[] = [
  ['新澳', 3], ['今晚开奖', 3], ['天天开奖', 3], ['开奖结果', 2], ['开奖号码', 2], ['开奖资料', 3], ['开奖记录', 2], ['开奖直播', 3],
  ['特马', 3], ['码报', 3], ['精准资料', 3], ['管家婆', 3], ['正版资料', 3], ['一肖', 3], ['六肖', 3], ['平特', 3], ['澳彩', 3],
  ['港彩', 3], ['一码', 2], ['资料大全', 2], ['今晚', 1],
];

// Black-market ads and game private servers (私服、外挂、代开发票、办证).
const BLACKMARKET: Entry[] = [
  ['私服', 3], ['外挂', 2], ['sf', 2], ['发布网', 2], ['新开', 1], ['传奇', 1], ['魔域', 1], ['代开发票', 3], ['代开', 2],
  ['办证', 2], ['假证', 3], ['代考', 3], ['包过', 3], ['考试答案', 2], ['代孕', 3], ['迷药', 3], ['窃听器', 3], ['仿真枪', 3],
  ['信用卡套现', 3], ['套现', 2], ['黑户', 2], ['高仿', 2],
  // Parasite pages: 「给大家科普一下X官方下载」 titles over stolen articles.
  ['科普一下', 2], ['官方下载', 1], ['官方入口', 2], ['下载网站', 1],
];

/** Government phrases made of spam pieces: removed before scoring (「福利彩票」 is a state lottery). */
const NEUTRAL: readonly string[] = ['福利彩票', '体育彩票', '彩票管理', '彩票发行', '彩票销售', '成人教育', '成人高考', '三级医院', '三级甲等', '久久为功', '在线服务', '在线办事', '在线咨询', '在线访谈', '在线申报', '免费开放', '免费提供', '视频会议', '精品工程', '精品课程', '国产化', '天天向上', '淫秽色情', '淫秽物品', '淫秽出版物', '淫秽视频', '淫秽信息'];

/** The first characters of the NEUTRAL phrases: a segment with none of them holds none of the phrases. */
const NEUTRAL_FIRST = new RegExp(`[${[...new Set(NEUTRAL.map((n) => n[0]))].join('')}]`);

const ZONE_RUN = /(?:[一二三四五六七八九十1-9]区){2,}|[一二三四五六七八九十1-9]{2,4}区|(?:亚洲|欧美|日韩|国产|精品|无码|有码|乱码|中文|无人|日本|韩国)区/g;
const ASCII_WORD = /^[a-z0-9]+$/;

interface Compiled { word: string; family: SpamFamily; weight: number; ascii: boolean }

const TERMS: Compiled[] = [
  ...VIDEO.map(([w, n]) => ({ word: w, family: 'video' as const, weight: n })),
  ...PORN.map(([w, n]) => ({ word: w, family: 'porn' as const, weight: n })),
  ...GAMBLING.map(([w, n]) => ({ word: w, family: 'gambling' as const, weight: n })),
  ...LOTTERY.map(([w, n]) => ({ word: w, family: 'lottery' as const, weight: n })),
  ...BLACKMARKET.map(([w, n]) => ({ word: w, family: 'blackmarket' as const, weight: n })),
]
  .filter((t) => t.weight > 0)
  .map((t) => ({ ...t, ascii: ASCII_WORD.test(t.word) }))
  // Longest first, so 「久久精品」 claims its characters before 「精品」 does.
  .sort((a, b) => b.word.length - a.word.length);

/** TERMS indices by first code unit: a segment is read once to find the few terms it can hold, instead of
 *  searching it for every term (a site's link texts and titles go through here on every page). */
const BY_FIRST_UNIT = new Map<number, number[]>();
TERMS.forEach((t, i) => {
  const c = t.word.charCodeAt(0);
  const list = BY_FIRST_UNIT.get(c);
  if (list) list.push(i);
  else BY_FIRST_UNIT.set(c, [i]);
});

/** The TERMS (as indices, in TERMS order) that occur somewhere in text. */
function presentTerms(text: string): readonly number[] {
  let present: number[] | undefined; // made for the few texts that hold a term
  for (let i = 0; i < text.length; i++) {
    const candidates = BY_FIRST_UNIT.get(text.charCodeAt(i));
    if (!candidates) continue;
    for (const t of candidates) {
      if (present?.includes(t) || !text.startsWith(TERMS[t].word, i)) continue;
      (present ??= []).push(t);
    }
  }
  return present ? present.sort((a, b) => a - b) : NO_TERMS;
}

const NO_TERMS: readonly number[] = Object.freeze([]);

// Mirrors annotate each traditional character with its pinyin: 「營(yíng)口」「發(fā)布」.
const PINYIN_NOTE = /([\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g;

/** Plain comparable text: pinyin annotations dropped, traditional → simplified, full-width → half-width,
 *  lower case (the text engine's character table). */
export function plain(text: string): string {
  return text.length > SHORT_TEXT ? plainUncached(text) : plainShort(text);
}

function plainUncached(text: string): string {
  return normaliseShared(text.replace(PINYIN_NOTE, '$1')).text;
}

// Titles, headlines, site names and link texts repeat on every page of a site: short ones are made plain once.
const SHORT_TEXT = 64;
const plainShort = memoBounded(20_000, plainUncached);

function isAsciiAlnum(c: string | undefined): boolean {
  return c !== undefined && /[a-z0-9]/.test(c);
}

/** The score of a segment without a single spam term, which is almost every segment: shared (callers only read it). */
const NO_SCORE: SegmentScore = Object.freeze({ score: 0, terms: Object.freeze([]) as unknown as SpamTerm[], families: Object.freeze([]) as unknown as SpamFamily[] });

/** Scores one list item (already plain). Each character counts toward one term only. */
export function scoreSegment(segment: string): SegmentScore {
  let text = segment;
  if (NEUTRAL_FIRST.test(text)) for (const n of NEUTRAL) if (text.includes(n)) text = text.split(n).join('　');
  const present = presentTerms(text);
  if (present.length === 0 && !text.includes('区')) return NO_SCORE;
  const claimed = new Uint8Array(text.length);
  const terms: SpamTerm[] = [];
  const claim = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) if (claimed[i]) return false;
    claimed.fill(1, start, end);
    return true;
  };
  if (text.includes('区')) {
    for (const m of text.matchAll(ZONE_RUN)) {
      if (claim(m.index, m.index + m[0].length)) terms.push({ word: m[0], family: 'zone', weight: 3 });
    }
  }
  for (const i of present) {
    const t = TERMS[i];
    let at = text.indexOf(t.word);
    while (at !== -1) {
      const end = at + t.word.length;
      // 「av」「91」「bet」 only as whole ASCII words, not inside 「java」「1991」「better」.
      const whole = !t.ascii || (!isAsciiAlnum(text[at - 1]) && !isAsciiAlnum(text[end]));
      if (whole && claim(at, end) && !terms.some((x) => x.word === t.word)) terms.push({ word: t.word, family: t.family, weight: t.weight });
      at = text.indexOf(t.word, end);
    }
  }
  const score = terms.reduce((s, t) => s + t.weight, 0);
  const families = [...new Set(terms.map((t) => t.family))];
  return { score, terms, families };
}

/** A phrase that is spam on its own, whatever the page around it: a strong word of a trade and more. */
export function isStrongPhrase(s: SegmentScore): boolean {
  return s.score >= 4 && s.terms.some((t) => t.weight >= 3 && t.family !== 'video');
}

/** A list item that reads as spam vocabulary: a strong word, or several pieces of the same trade. */
export function isSpamSegment(s: SegmentScore): boolean {
  if (s.score < 3) return false;
  return s.terms.some((t) => t.weight >= 3) || s.terms.length >= 2;
}
