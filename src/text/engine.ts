// The text engine: one Aho-Corasick automaton over every dictionary (typo, wrong-expression, sensitive,
// leader names and titles, allow list), run on normalised text; hits are filtered by their `unless`
// contexts and the allow list and reported with offsets and evidence in the ORIGINAL text.
import { loadDictionaries, type DictEntry, type Dictionaries, type TextList } from './dictionaries.js';
import { buildMatcher } from './matcher.js';
import { memoBounded, memoRecent } from './memo.js';
import { normalise, normaliseShared } from './normalise.js';
import { meetingNameErrors, nameVariants } from './expression-rules.js';
import { describeRecord, leaderTerms, nameSlips, speaksOfPast, TITLE_ALIASES, type LeaderTerms, type LeaderTitle } from './leaders.js';

export interface TextMatch {
  list: TextList;
  category: string;
  word: string; // the dictionary form (for leaders: name + title as found)
  correct?: string;
  since?: number; // 过时提法: the year the wording went out of use
  start: number; // ORIGINAL offsets
  end: number;
  evidence: string; // exact original slice plus ~10 chars of context each side
  found: string; // exact original slice (may contain inserted spaces, traditional characters …)
  /** 领导职务: a leader's name next to a title. A candidate only: whether it is wrong depends on the text's date
   *  (leaderTitleWrong in ./leaders.ts), which the caller knows and the engine does not. */
  leader?: LeaderTitle;
}

export interface TextEngine {
  readonly versions: Record<string, string>;
  /** Every string the automaton matches (dictionary words, generated name variants, titles, allow phrases): for benchmarks. */
  readonly patterns: readonly string[];
  scan(text: string): TextMatch[];
}

const CONTEXT_CHARS = 10;
const UNLESS_WINDOW = 20;
/** Spam words are excused by the enforcement or warning sentence they stand in (「……以百家乐方式开设赌场，被依法刑拘」),
 *  which is longer than the phrase a typo's context names. */
const SENSITIVE_UNLESS_WINDOW = 60;

interface Unless { overlap: Array<{ text: string; offset: number }>; window: string[]; span: number; sentence: boolean }

type Pattern =
  | { kind: 'entry'; entry: DictEntry; unless: Unless }
  | { kind: 'leader'; name: string }
  | { kind: 'title'; title: string }
  | { kind: 'allow' }
  | { kind: 'canonical' }
  | { kind: 'variant'; name: string; category: string; needsTitle?: boolean };

interface Hit { pattern: Pattern; start: number; end: number }

/** Thousands of spam entries share one list of enforcement contexts: normalise each context once. */
const normalisedContexts = new Map<string, string>();
function normaliseContext(ctx: string): string {
  let n = normalisedContexts.get(ctx);
  if (n === undefined) {
    n = normalise(ctx).text;
    if (normalisedContexts.size > 50_000) normalisedContexts.clear();
    normalisedContexts.set(ctx, n);
  }
  return n;
}

/** An entry's contexts, normalised, compiled for its word: those that hold the word match where it stands in them
 *  (overlap), the others anywhere near it (window). Nearly always no context holds the word, and entries with the
 *  same context list (thousands of spam words share one of seventy-one) then share one compiled Unless, read only. */
function compileUnless(word: string, contexts: readonly string[], span: number): Unless {
  const normalised = normalisedList(contexts);
  if (!normalised.some((n) => n.includes(word))) return windowOnly(contexts, normalised, span);
  const result: Unless = { overlap: [], window: [], span, sentence: span === SENSITIVE_UNLESS_WINDOW };
  for (const n of normalised) {
    let at = n.indexOf(word);
    if (at === -1) { result.window.push(n); continue; }
    while (at !== -1) {
      result.overlap.push({ text: n, offset: at });
      at = n.indexOf(word, at + 1);
    }
  }
  return result;
}

/** A context list's normalised contexts, the empty ones left out, computed once per list. */
const normalisedLists = new WeakMap<readonly string[], string[]>();
function normalisedList(contexts: readonly string[]): string[] {
  let list = normalisedLists.get(contexts);
  if (!list) normalisedLists.set(contexts, (list = contexts.map(normaliseContext).filter((n) => n !== '')));
  return list;
}

const windowOnlyUnless = new WeakMap<readonly string[], Map<number, Unless>>();
function windowOnly(contexts: readonly string[], normalised: string[], span: number): Unless {
  let bySpan = windowOnlyUnless.get(contexts);
  if (!bySpan) windowOnlyUnless.set(contexts, (bySpan = new Map()));
  let unless = bySpan.get(span);
  if (!unless) bySpan.set(span, (unless = { overlap: [], window: normalised, span, sentence: span === SENSITIVE_UNLESS_WINDOW }));
  return unless;
}

export function buildTextEngine(dicts: Dictionaries): TextEngine {
  const patterns: string[] = [];
  const meta: Pattern[] = [];
  const add = (text: string, p: Pattern): void => {
    if (!text) return;
    patterns.push(text);
    meta.push(p);
  };
  const seen = new Set<string>();
  for (const entry of dicts.entries) {
    const word = normalise(entry.word).text;
    // The same word from two files of one list is one pattern (first entry wins), not two findings.
    const key = `${entry.list}\u0000${entry.category}\u0000${word}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A wrong form that normalises to the correct one (e.g. a traditional spelling) would flag correct text.
    if (entry.correct !== undefined && normalise(entry.correct).text === word) continue;
    const span = entry.list === 'sensitive' ? SENSITIVE_UNLESS_WINDOW : UNLESS_WINDOW;
    add(word, { kind: 'entry', entry, unless: compileUnless(word, entry.unless, span) });
  }
  const terms = leaderTerms(dicts.leaders, (s) => normalise(s).text);
  const records = new Map([...terms].map(([name, titles]) => [name, describeRecord(titles)]));
  for (const name of terms.keys()) add(name, { kind: 'leader', name });
  const titles = new Set([...terms.values()].flatMap((t) => [...t.keys()]));
  for (const title of titles) add(title, { kind: 'title', title });
  for (const [alias, title] of Object.entries(TITLE_ALIASES)) if (titles.has(title) && !titles.has(alias)) add(alias, { kind: 'title', title });
  for (const phrase of dicts.allow) add(normalise(phrase).text, { kind: 'allow' });
  const taken = takenWords(dicts, terms);
  addInstitutionNames(dicts, taken, add);
  addLeaderSlips(dicts, terms, taken, add);

  const matcher = buildMatcher(patterns);

  // Several checks scan the same page texts (title, body, meta description), and menu, footer and link texts
  // repeat on every page of a site: the short ones and the last few long ones are normalised and matched once.
  // Results are frozen because callers share them.
  const SHORT = 64;
  const frozenScan = (text: string): TextMatch[] => Object.freeze(scanUncached(text)) as TextMatch[];
  const scanShort = memoBounded(20_000, frozenScan);
  const scanRecent = memoRecent(4, frozenScan);

  return {
    versions: dicts.versions,
    patterns,
    scan: (original: string): TextMatch[] => (original.length <= SHORT ? scanShort(original) : scanRecent(original)),
  };

  function scanUncached(original: string): TextMatch[] {
    {
      const norm = normaliseShared(original);
      const text = norm.text;
      const hits: Hit[] = [];
      // Allow phrases, canonical names and bare titles only excuse or complete other hits: a text with nothing
      // else (most texts: 「…人民政府」「主任」) has no match, and is not worked through below.
      let reportable = false;
      matcher.scan(text, (index, end) => {
        const pattern = meta[index];
        if (pattern.kind === 'entry' || pattern.kind === 'variant' || pattern.kind === 'leader') reportable = true;
        hits.push({ pattern, start: end - patterns[index].length, end });
      });
      const meetingErrors = meetingNameErrors(text);
      if (!reportable && meetingErrors.length === 0) return [];

      const allowed: Array<[number, number]> = [];
      const canonical: Array<[number, number]> = [];
      const titlesByStart = new Map<number, Hit[]>();
      const titlesByEnd = new Map<number, Hit[]>();
      for (const h of hits) {
        if (h.pattern.kind === 'allow') allowed.push([h.start, h.end]);
        else if (h.pattern.kind === 'canonical' || h.pattern.kind === 'leader') canonical.push([h.start, h.end]);
        else if (h.pattern.kind === 'title') {
          (titlesByStart.get(h.start) ?? titlesByStart.set(h.start, []).get(h.start)!).push(h);
          (titlesByEnd.get(h.end) ?? titlesByEnd.set(h.end, []).get(h.end)!).push(h);
        }
      }
      const isAllowed = (s: number, e: number): boolean => allowed.some(([a, b]) => a <= s && e <= b);

      const accepted: Array<{ list: TextList; category: string; word: string; correct?: string; since?: number; leader?: LeaderTitle; start: number; end: number }> = [];
      const nextToTitle = (s: number, e: number): boolean => titlesByEnd.has(s) || titlesByStart.has(e);
      const inCanonical = (s: number, e: number): boolean => canonical.some(([a, b]) => a <= s && e <= b);
      for (const r of meetingErrors) {
        if (!isAllowed(r.start, r.end)) accepted.push({ list: 'wrong-expression', category: r.category, word: text.slice(r.start, r.end), correct: r.correct, start: r.start, end: r.end });
      }
      for (const h of hits) {
        const p = h.pattern;
        if (p.kind === 'entry') {
          if (isAllowed(h.start, h.end) || excused(text, h, p.unless)) continue;
          accepted.push({ list: p.entry.list, category: p.entry.category, word: p.entry.word, correct: p.entry.correct, since: p.entry.since, start: h.start, end: h.end });
        } else if (p.kind === 'variant') {
          // A piece of a correctly written name (「国人民代表大会」 inside 「全国人民代表大会」) is not a variant.
          if (isAllowed(h.start, h.end) || inCanonical(h.start, h.end)) continue;
          if (p.needsTitle && !nextToTitle(h.start, h.end)) continue;
          accepted.push({ list: 'wrong-expression', category: p.category, word: text.slice(h.start, h.end), correct: p.name, start: h.start, end: h.end });
        } else if (p.kind === 'leader') {
          // Longest known title written right after or right before the name.
          const after = longest(titlesByStart.get(h.end), (t) => t.end - t.start);
          const before = longest(titlesByEnd.get(h.start), (t) => t.end - t.start);
          for (const t of [after, before]) {
            if (!t || t.pattern.kind !== 'title') continue;
            const s = Math.min(h.start, t.start);
            const e = Math.max(h.end, t.end);
            if (isAllowed(s, e)) continue;
            const held = terms.get(p.name)?.get(t.pattern.title) ?? [];
            const [from, to] = sentenceOf(text, s, e, 0, text.length);
            const leader: LeaderTitle = { name: p.name, title: t.pattern.title, terms: held, past: speaksOfPast(text, s, text.slice(from, to), held), record: records.get(p.name) ?? '' };
            accepted.push({ list: 'wrong-expression', category: '领导职务', word: text.slice(s, e), correct: leader.record, leader, start: s, end: e });
          }
        }
      }

      // A hit inside a longer hit of the same list says the same thing twice (苍桑 inside 饱经苍桑). A name–title pair is
      // only a candidate (it may be right on its page's date), so it hides nothing.
      const kept = accepted.filter(
        (a) => !accepted.some((b) => b !== a && !b.leader && b.list === a.list && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start),
      );
      return kept.map((m) => {
        const [start, end] = norm.toOriginal(m.start, m.end);
        return {
          list: m.list,
          category: m.category,
          word: m.word,
          correct: m.correct,
          ...(m.since ? { since: m.since } : {}),
          ...(m.leader ? { leader: m.leader } : {}),
          start,
          end,
          found: original.slice(start, end),
          evidence: evidenceOf(original, start, end),
        };
      });
    }
  }
}

/** Strings no generated variant may be: canonical names, leaders' names and titles, allow-list phrases, dictionary words. */
function takenWords(dicts: Dictionaries, terms: LeaderTerms): Set<string> {
  const taken = new Set<string>([...dicts.institutions.map((i) => normalise(i.name).text), ...dicts.allow.map((a) => normalise(a).text)]);
  for (const e of dicts.entries) taken.add(normalise(e.word).text);
  for (const [name, titles] of terms) {
    taken.add(name);
    for (const t of titles.keys()) taken.add(t);
  }
  return taken;
}

/** Neighbours of a character from a confusion table, simplified only: a traditional one normalises back to the name. */
const neighbours = (table: Map<string, string>) => (c: string): string =>
  Array.from(table.get(c) ?? '').filter((h) => normalise(h).text === h).join('');

/** The canonical names (to excuse pieces of them) and their one-edit variants (dict/institutions.tsv). A variant that
 *  is itself a canonical name, an allow-list phrase or another dictionary word is not generated. */
function addInstitutionNames(dicts: Dictionaries, taken: Set<string>, add: (text: string, p: Pattern) => void): void {
  const names = dicts.institutions.map((i) => ({ ...i, name: normalise(i.name).text }));
  const homophonesOf = neighbours(dicts.homophones);
  for (const n of names) add(n.name, { kind: 'canonical' });
  const seen = new Set<string>();
  for (const n of names) {
    const category = n.category === '国名' ? '国名' : '机构名称';
    for (const v of nameVariants(n.name, homophonesOf)) {
      if (taken.has(v.variant) || seen.has(v.variant)) continue;
      seen.add(v.variant);
      add(v.variant, { kind: 'variant', name: n.name, category });
    }
  }
}

/** One-character slips of the leaders' names (领导人姓名, see nameSlips): generated from the list, never typed by hand. */
function addLeaderSlips(dicts: Dictionaries, terms: LeaderTerms, taken: Set<string>, add: (text: string, p: Pattern) => void): void {
  const seen = new Set<string>();
  for (const name of terms.keys()) {
    for (const v of nameSlips(name, neighbours(dicts.homophones), neighbours(dicts.shapes))) {
      if (taken.has(v.variant) || seen.has(v.variant)) continue;
      seen.add(v.variant);
      add(v.variant, { kind: 'variant', name, category: '领导人姓名', needsTitle: v.needsTitle });
    }
  }
}

function longest<T>(items: T[] | undefined, size: (t: T) => number): T | undefined {
  if (!items) return undefined;
  let best: T | undefined;
  for (const t of items) if (!best || size(t) > size(best)) best = t;
  return best;
}

function excused(text: string, h: Hit, unless: Unless): boolean {
  for (const o of unless.overlap) {
    const at = h.start - o.offset;
    if (at >= 0 && text.startsWith(o.text, at)) return true;
  }
  if (unless.window.length > 0) {
    let from = Math.max(0, h.start - unless.span);
    let to = Math.min(text.length, h.end + unless.span);
    if (unless.sentence) [from, to] = sentenceOf(text, h.start, h.end, from, to);
    const around = text.slice(from, to);
    for (const w of unless.window) if (around.includes(w)) return true;
  }
  return false;
}

const SENTENCE_END = /[。！？!?；;\n]/;

/** Narrows [from, to) to the sentence holding [start, end): a spam phrase is excused only by its own sentence
 *  (「欢迎访问网上赌场。」 after 「……专项斗争。」 is not a quotation). */
function sentenceOf(text: string, start: number, end: number, from: number, to: number): [number, number] {
  let s = start;
  while (s > from && !SENTENCE_END.test(text[s - 1])) s--;
  let e = end;
  while (e < to && !SENTENCE_END.test(text[e])) e++;
  return [s, e];
}

/** The exact original slice with a little context, whitespace runs collapsed only in the context. */
export function evidenceOf(original: string, start: number, end: number, context = CONTEXT_CHARS): string {
  const left = original.slice(Math.max(0, start - context), start).replace(/\s+/g, ' ');
  const right = original.slice(end, end + context).replace(/\s+/g, ' ');
  return `${start - context > 0 ? '…' : ''}${left}${original.slice(start, end)}${right}${end + context < original.length ? '…' : ''}`;
}

/** What the shared engine needs from a scan's check context (declared here: the text layer never imports checks). */
export interface TextEngineHost {
  config: { checks: { dictionaryDir?: string } };
  now: Date;
  resources: Map<string, unknown>;
}

/** The engine shared by every check of a scan (built on first use, cached in ctx.resources). */
export function getTextEngine(ctx: TextEngineHost): TextEngine {
  const cached = ctx.resources.get('text-engine') as TextEngine | undefined;
  if (cached) return cached;
  const given = ctx.resources.get('text-engine-dictionaries') as Dictionaries | undefined;
  const engine = buildTextEngine(given ?? loadDictionaries(ctx.config.checks.dictionaryDir));
  ctx.resources.set('text-engine', engine);
  ctx.resources.delete('text-engine-dictionaries');
  return engine;
}

/** Dictionaries already loaded (and checked) for the engine to be built from when a check first needs it. Not
 *  built before: a rescan whose page results all come from the store may need none (~0.2-0.3 s of start-up). */
export function provideDictionaries(ctx: TextEngineHost, dictionaries: Dictionaries): void {
  ctx.resources.set('text-engine-dictionaries', dictionaries);
}
