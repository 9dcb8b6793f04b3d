// Loads and validates the versioned word lists (typo, wrong-expression, leaders, sensitive, allow).
// A deployment points `checks.dictionaryDir` at its own copy; otherwise the bundled dict/ is used.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type TextList = 'typo' | 'wrong-expression' | 'sensitive';

export interface DictEntry {
  list: TextList;
  category: string; // wrong-expression category (中文), sensitive list id (gambling|porn|violence|drugs|fraud), '错别字' for typos
  word: string; // as written in the dictionary
  correct?: string;
  unless: readonly string[];
  source: string; // file:line, for diagnostics
  since?: number; // 过时提法: the year the wording went out of use
}

/** A canonical name of the state or one of its institutions (dict/institutions.tsv). */
export interface InstitutionName {
  name: string;
  category: string;
}

export interface LeaderEntry {
  name: string;
  title: string;
  validFrom?: string; // YYYY-MM-DD; none: before the list's sources reach
  validTo?: string; // none: still held
  source: string; // file:line
  cite?: string; // the source keys the row rests on (dict/leaders-national.tsv)
}

export interface Dictionaries {
  versions: Record<string, string>; // file → version header
  entries: DictEntry[];
  leaders: LeaderEntry[];
  allow: string[];
  institutions: InstitutionName[];
  /** Character → the characters read the same (toneless pinyin), from dict/confusion/homophones.tsv. */
  homophones: Map<string, string>;
  /** Character → the characters built alike (one component shared), from dict/confusion/shapes.tsv. */
  shapes: Map<string, string>;
}

export class DictionaryError extends Error {}

const VERSION_RE = /^#\s*version:\s*(\S+)\s*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** The sensitive lists. A list may be split over several files, one per source: `porn.txt`, `porn.houbb.txt`, … */
const SENSITIVE_LISTS = ['gambling', 'porn', 'violence', 'drugs', 'fraud'] as const;
/** Chinese names of the sensitive lists (the list id is the file name up to the first dot). */
export const SENSITIVE_NAMES: Record<string, string> = {
  gambling: '赌博',
  porn: '色情',
  violence: '涉枪涉爆',
  drugs: '毒品',
  fraud: '诈骗及黑产广告',
};
const MAX_WORD = 64;

/** The bundled dict/: the first ancestor of this module that holds dict/typo.tsv (works from src/ and dist/src/). */
export function bundledDictionaryDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'dict', 'typo.tsv'))) return join(dir, 'dict');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new DictionaryError('找不到内置词库目录 dict/（安装包不完整？）');
}

interface Line { no: number; cols: string[] }

function readLines(file: string, versions: Record<string, string>, name: string, required: boolean): Line[] {
  if (!existsSync(file)) {
    if (required) throw new DictionaryError(`词库文件不存在：${file}`);
    return [];
  }
  const raw = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = raw.split(/\r?\n/);
  const version = VERSION_RE.exec(rows[0] ?? '');
  if (!version) throw new DictionaryError(`${file}:1：词库文件第一行必须是版本头「# version: YYYY-MM-DD.N」`);
  versions[name] = version[1];
  const out: Line[] = [];
  rows.forEach((row, i) => {
    if (i === 0 || row.trim() === '' || row.startsWith('#')) return;
    out.push({ no: i + 1, cols: row.split('\t').map((c) => c.trim()) });
  });
  return out;
}

function checkWord(word: string, where: string, what: string): void {
  if (!word) throw new DictionaryError(`${where}：${what}为空`);
  if (word.length > MAX_WORD) throw new DictionaryError(`${where}：${what}过长（超过 ${MAX_WORD} 字）`);
}

/** Parses an `unless=` column. Thousands of lines of a sensitive list carry the same column (seventy-one
 *  enforcement contexts): they share one frozen list, where each line's own copy held ~1.8 MB of arrays for a scan. */
function parseUnless(col: string | undefined, where: string, seen: Map<string, readonly string[]>): readonly string[] {
  if (col === undefined || col === '') return NO_CONTEXTS;
  const known = seen.get(col);
  if (known) return known;
  if (!col.startsWith('unless=')) throw new DictionaryError(`${where}：无法识别的列「${col}」，应为 unless=语境1|语境2`);
  const items = col.slice('unless='.length).split('|').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new DictionaryError(`${where}：unless= 后没有语境`);
  seen.set(col, Object.freeze(items));
  return items;
}

const NO_CONTEXTS: readonly string[] = Object.freeze([]);

/** `<list>.txt` and `<list>.<source>.txt` for the known lists, in a stable order; any other .txt is a mistake. */
function sensitiveFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  // The hand-kept `<list>.txt` first: where a word is in several files of a list, its first entry (and `unless`) wins.
  const rank = (f: string): string => (f.split('.').length === 2 ? `${f.split('.')[0]}.0` : f);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort((a, b) => rank(a).localeCompare(rank(b)));
  for (const f of files) {
    const list = f.slice(0, f.indexOf('.'));
    if (!(SENSITIVE_LISTS as readonly string[]).includes(list)) {
      throw new DictionaryError(`${join(dir, f)}：未知的敏感词表「${list}」，文件名应以 ${SENSITIVE_LISTS.join('、')} 之一开头`);
    }
  }
  return files;
}

export function loadDictionaries(dir?: string): Dictionaries {
  const root = dir ?? bundledDictionaryDir();
  const versions: Record<string, string> = {};
  const entries: DictEntry[] = [];
  const unlessLists = new Map<string, readonly string[]>();

  // typo.tsv (hand-kept, required) and typo.<source>.tsv (e.g. typo.generated.tsv), read in that order.
  const typoFiles = ['typo.tsv', ...(existsSync(root) ? readdirSync(root).filter((f) => /^typo\.[\w-]+\.tsv$/.test(f)).sort() : [])];
  for (const typoName of typoFiles) for (const { no, cols } of readLines(join(root, typoName), versions, typoName, typoName === 'typo.tsv')) {
    const typoFile = join(root, typoName);
    const where = `${typoFile}:${no}`;
    if (cols.length < 2 || cols.length > 3) throw new DictionaryError(`${where}：格式应为「错误写法<TAB>正确写法[<TAB>unless=…]」`);
    checkWord(cols[0], where, '错误写法');
    checkWord(cols[1], where, '正确写法');
    if (cols[0] === cols[1]) throw new DictionaryError(`${where}：错误写法与正确写法相同`);
    entries.push({ list: 'typo', category: '错别字', word: cols[0], correct: cols[1], unless: parseUnless(cols[2], where, unlessLists), source: where });
  }

  const wrongFile = join(root, 'wrong-expression.tsv');
  for (const { no, cols } of readLines(wrongFile, versions, 'wrong-expression.tsv', true)) {
    const where = `${wrongFile}:${no}`;
    if (cols.length < 3 || cols.length > 4) throw new DictionaryError(`${where}：格式应为「错误写法<TAB>正确写法<TAB>类别[<TAB>unless=…]」`);
    checkWord(cols[0], where, '错误写法');
    checkWord(cols[1], where, '正确写法');
    checkWord(cols[2], where, '类别');
    entries.push({ list: 'wrong-expression', category: cols[2], word: cols[0], correct: cols[1], unless: parseUnless(cols[3], where, unlessLists), source: where });
  }

  for (const name of sensitiveFiles(join(root, 'sensitive'))) {
    const file = join(root, 'sensitive', name);
    const category = name.slice(0, name.indexOf('.'));
    for (const { no, cols } of readLines(file, versions, `sensitive/${name}`, false)) {
      const where = `${file}:${no}`;
      if (cols.length > 2) throw new DictionaryError(`${where}：格式应为「词语[<TAB>unless=…]」`);
      checkWord(cols[0], where, '词语');
      entries.push({ list: 'sensitive', category, word: cols[0], unless: parseUnless(cols[1], where, unlessLists), source: where });
    }
  }

  // A superseded name right after a foreign state is that state's ministry (「意大利文化部」), not ours.
  const foreignStates = readLines(join(root, 'foreign-states.txt'), versions, 'foreign-states.txt', false).map((l) => l.cols[0]);
  const outdatedFile = join(root, 'outdated.tsv');
  for (const { no, cols } of readLines(outdatedFile, versions, 'outdated.tsv', false)) {
    const where = `${outdatedFile}:${no}`;
    if (cols.length < 3 || cols.length > 4) throw new DictionaryError(`${where}：格式应为「旧提法<TAB>现提法<TAB>停用年份[<TAB>unless=…]」`);
    checkWord(cols[0], where, '旧提法');
    checkWord(cols[1], where, '现提法');
    if (!/^\d{4}$/.test(cols[2])) throw new DictionaryError(`${where}：停用年份「${cols[2]}」应为四位年份`);
    const since = Number(cols[2]);
    entries.push({
      list: 'wrong-expression',
      category: '过时提法',
      word: cols[0],
      correct: `${cols[1]}（${since}年起）`,
      unless: [...historyContexts(cols[0], since), ...foreignStates.map((state) => state + cols[0]), ...parseUnless(cols[3], where, unlessLists)],
      source: where,
      since,
    });
  }

  const institutions: InstitutionName[] = [];
  const instFile = join(root, 'institutions.tsv');
  for (const { no, cols } of readLines(instFile, versions, 'institutions.tsv', false)) {
    const where = `${instFile}:${no}`;
    if (cols.length !== 2) throw new DictionaryError(`${where}：格式应为「规范名称<TAB>类别」`);
    checkWord(cols[0], where, '规范名称');
    institutions.push({ name: cols[0], category: cols[1] });
  }

  const homophones = new Map<string, string>();
  for (const { cols } of readLines(join(root, 'confusion', 'homophones.tsv'), versions, 'confusion/homophones.tsv', false)) {
    const group = cols[1] ?? '';
    for (const c of group) homophones.set(c, (homophones.get(c) ?? '') + group.replace(c, ''));
  }

  const shapes = new Map<string, string>();
  for (const { cols } of readLines(join(root, 'confusion', 'shapes.tsv'), versions, 'confusion/shapes.tsv', false)) {
    if (cols[0] && cols[1]) shapes.set(cols[0], cols[1]);
  }

  // The national list ships with the project; leaders.tsv holds a deployment's own (local) leaders.
  const leaders: LeaderEntry[] = [];
  for (const name of LEADER_FILES) leaders.push(...readLeaders(join(root, name), name, versions));

  const allow: string[] = [];
  for (const { no, cols } of readLines(join(root, 'allow.txt'), versions, 'allow.txt', false)) {
    checkWord(cols[0], `${join(root, 'allow.txt')}:${no}`, '白名单短语');
    allow.push(cols[0]);
  }

  return { versions, entries, leaders, allow, institutions, homophones, shapes };
}

const LEADER_FILES = ['leaders-national.tsv', 'leaders.tsv'];

function readLeaders(file: string, name: string, versions: Record<string, string>): LeaderEntry[] {
  const out: LeaderEntry[] = [];
  for (const { no, cols } of readLines(file, versions, name, false)) {
    const where = `${file}:${no}`;
    if (cols.length < 2 || cols.length > 5) throw new DictionaryError(`${where}：格式应为「姓名<TAB>职务<TAB>任职起始<TAB>任职截止[<TAB>来源]」`);
    checkWord(cols[0], where, '姓名');
    checkWord(cols[1], where, '职务');
    const [validFrom, validTo] = [cols[2] || undefined, cols[3] || undefined];
    for (const d of [validFrom, validTo]) {
      if (d !== undefined && !DATE_RE.test(d)) throw new DictionaryError(`${where}：日期「${d}」应为 YYYY-MM-DD`);
    }
    if (validFrom && validTo && validTo < validFrom) throw new DictionaryError(`${where}：任职截止早于任职起始`);
    out.push({ name: cols[0], title: cols[1], validFrom, validTo, source: where, ...(cols[4] ? { cite: cols[4] } : {}) });
  }
  return out;
}

const HISTORY_YEARS = 40;

/** A superseded name is right in a history of the institution: 「原国家林业局」, 「2016年国家林业局印发」, 「机构改革前」.
 *  Any year of the 40 before the change counts: a regulation in force cites the act it repealed by its date and issuers
 *  (「2001年4月3日信息产业部、公安部、文化部、国家工商行政管理局发布的《…办法》同时废止」, 互联网上网服务营业场所管理条例). */
function historyContexts(word: string, since: number): string[] {
  const years = Array.from({ length: HISTORY_YEARS }, (_, i) => `${since - HISTORY_YEARS + i}年`);
  return [`原${word}`, `前${word}`, ...years, '机构改革', '更名', '组建', '撤销', '前身', '改为', '职责划入', '划入'];
}
