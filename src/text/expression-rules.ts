// Wrong expressions as rule families rather than literals:
// - the names of meetings: a Party congress is 「中国共产党第N次全国代表大会」, an NPC session 「第N届全国人民代表大会第M次会议」,
//   a plenum 「第N届中央委员会第M次全体会议」 (「N届M中全会」); mixing the two naming schemes is a 严重表述错误;
// - one-character variants of the canonical names of the state and its institutions (dict/institutions.tsv):
//   a homophone in place of one character, one character dropped, two neighbours swapped.
// Everything here runs on normalised text (simplified, half-width, lower case).

export interface RuleHit {
  start: number;
  end: number;
  category: string;
  correct: string;
}

const NUM = '[一二三四五六七八九十百零〇0-9]{1,4}';
const PARTY = '(?:中国共产党|中共|党的)';

interface MeetingRule {
  re: RegExp;
  correct(m: RegExpExecArray): string;
}

/** Meeting names written with the other body's numbering (届/次) or the other body's name. */
const MEETING_RULES: MeetingRule[] = [
  // 「中国共产党第十九次全国人民代表大会」「党的二十届全国人民代表大会」: a Party congress given the NPC's name.
  {
    re: new RegExp(`(${PARTY})第?(${NUM})[次届]全国人民代表大会`, 'g'),
    correct: (m) => `${m[1]}第${m[2]}次全国代表大会（党的代表大会）`,
  },
  // 「中国共产党第二十届全国代表大会」: Party congresses are numbered with 次; 届 belongs to the Central Committee.
  {
    re: new RegExp(`(${PARTY})第?(${NUM})届全国代表大会`, 'g'),
    correct: (m) => `${m[1]}第${m[2]}次全国代表大会`,
  },
  // 「第十四次全国人民代表大会第二次会议」: an NPC is numbered with 届, its sessions with 次.
  {
    re: new RegExp(`第(${NUM})次全国人民代表大会(?:常务委员会)?第(${NUM})次`, 'g'),
    correct: (m) => `第${m[1]}届全国人民代表大会${m[0].includes('常务委员会') ? '常务委员会' : ''}第${m[2]}次`,
  },
  // 「十四次全国人大二次会议」
  {
    re: new RegExp(`(${NUM})次全国人大(?:常委会)?(${NUM})次会议`, 'g'),
    correct: (m) => `${m[1]}届全国人大${m[0].includes('常委会') ? '常委会' : ''}${m[2]}次会议`,
  },
  // 「第十九次中央委员会第四次全体会议」「十九次四中全会」: the Central Committee is numbered with 届.
  {
    re: new RegExp(`第(${NUM})次中央委员会第(${NUM})次全体会议`, 'g'),
    correct: (m) => `第${m[1]}届中央委员会第${m[2]}次全体会议`,
  },
  {
    re: new RegExp(`(${NUM})次([一二三四五六七八九十])中全会`, 'g'),
    correct: (m) => `${m[1]}届${m[2]}中全会`,
  },
  // 「中国人民政治协商会议第十四次全国委员会」: the CPPCC National Committee is numbered with 届.
  {
    re: new RegExp(`政治协商会议第(${NUM})次全国委员会`, 'g'),
    correct: (m) => `政治协商会议第${m[1]}届全国委员会`,
  },
  // 「全国人民代表大会第二十次全国代表大会」-like hybrids are caught above; 「全国政协十四次二次会议」:
  {
    re: new RegExp(`全国政协(${NUM})次(${NUM})次会议`, 'g'),
    correct: (m) => `全国政协${m[1]}届${m[2]}次会议`,
  },
];

export function meetingNameErrors(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  if (!text.includes('全国') && !text.includes('中全会') && !text.includes('中央委员会')) return hits; // most texts: one scan, no regex
  for (const rule of MEETING_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      hits.push({ start: m.index, end: m.index + m[0].length, category: '会议名称', correct: rule.correct(m) });
    }
  }
  return hits;
}

export interface NameVariant {
  variant: string;
  name: string;
  how: 'homophone' | 'dropped' | 'swapped';
}

const MIN_NAME = 4;
const MIN_NAME_FOR_DROP = 5;

/**
 * The one-edit variants of a canonical name that a writer produces: a homophone for one character (not the last one:
 * 「自然资源局」 is a lawful local bureau beside 「自然资源部」), one inner character dropped (dropping the first or last
 * leaves a piece of the name, found inside correct text), two neighbours swapped.
 */
export function nameVariants(name: string, homophonesOf: (c: string) => string): NameVariant[] {
  const chars = Array.from(name);
  const out: NameVariant[] = [];
  if (chars.length < MIN_NAME) return out;
  for (let i = 0; i < chars.length - 1; i++) {
    for (const h of homophonesOf(chars[i])) {
      if (h === chars[i]) continue;
      out.push({ variant: [...chars.slice(0, i), h, ...chars.slice(i + 1)].join(''), name, how: 'homophone' });
    }
  }
  if (chars.length >= MIN_NAME_FOR_DROP) {
    for (let i = 1; i < chars.length - 1; i++) out.push({ variant: [...chars.slice(0, i), ...chars.slice(i + 1)].join(''), name, how: 'dropped' });
  }
  for (let i = 0; i < chars.length - 1; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    out.push({ variant: swapped.join(''), name, how: 'swapped' });
  }
  return out;
}
