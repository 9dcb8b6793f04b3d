// Leaders and their titles (dict/leaders-national.tsv, shipped and dated; dict/leaders.tsv, a deployment's own):
// who held which title when, whether a name written next to a title is wrong on a page of a given date, and the
// one-character slips of a leader's name. A title is judged by the page's own date, never by today: a 2012 page
// saying 「国务院总理温家宝」 is right.
import type { LeaderEntry } from './dictionaries.js';

export interface Term { from?: string; to?: string } // YYYY-MM-DD; a missing end is open

/** What the engine saw: a listed leader's name written right next to a listed title. */
export interface LeaderTitle {
  name: string;
  title: string;
  /** When this person held this title; empty: never. */
  terms: Term[];
  /** The sentence speaks of the past: 「时任/原/前/曾任」 or a term's ordinal 「第十届」 before it, or it names a year
   *  of one of the terms. */
  past: boolean;
  /** Every title this person held, for the advice. */
  record: string;
}

/** name → title → terms, keyed by the normalised forms the engine matches. */
export type LeaderTerms = Map<string, Map<string, Term[]>>;

export function leaderTerms(leaders: LeaderEntry[], norm: (s: string) => string): LeaderTerms {
  const out: LeaderTerms = new Map();
  for (const l of leaders) {
    const name = norm(l.name);
    const titles = out.get(name) ?? out.set(name, new Map()).get(name)!;
    const terms = titles.get(norm(l.title)) ?? titles.set(norm(l.title), []).get(norm(l.title))!;
    terms.push({ from: l.validFrom, to: l.validTo });
  }
  return out;
}

/** Other official ways of writing a listed title (the list keeps one form per office). 「习近平总书记」 is the commonest
 *  form on government pages; 「中华人民共和国主席」 is how 主席令 and state documents write it. */
export const TITLE_ALIASES: Readonly<Record<string, string>> = {
  总书记: '中共中央总书记',
  中华人民共和国主席: '国家主席',
  中华人民共和国副主席: '国家副主席',
  全国人民代表大会常务委员会委员长: '全国人大常委会委员长',
  全国人民代表大会常务委员会副委员长: '全国人大常委会副委员长',
  政协全国委员会主席: '全国政协主席',
  中国人民政治协商会议全国委员会主席: '全国政协主席',
  中华人民共和国国务院总理: '国务院总理',
};

export function heldOn(term: Term, date: string): boolean {
  return (!term.from || term.from <= date) && (!term.to || term.to >= date);
}

/** A title this person never held is always wrong. One they held is wrong only on a page dated outside every term,
 *  and not when the sentence itself speaks of the past; with no date, held-once is given the benefit of the doubt. */
export function leaderTitleWrong(t: LeaderTitle, date?: string): boolean {
  if (t.terms.length === 0) return true;
  if (!date || t.past) return false;
  return !t.terms.some((term) => heldOn(term, date));
}

const span = (t: Term): string => `${t.from ?? '…'}至${t.to ?? '今'}`;

/** 「国务院总理（2003-03-16至2013-03-15）；国务院副总理（…至2003-03-16）」 */
export function describeRecord(titles: Map<string, Term[]>): string {
  return [...titles].map(([title, terms]) => `${title}（${terms.map(span).join('，')}）`).join('；');
}

/** The correction shown to the inspector, for a title judged wrong on a page of the given date. */
export function leaderCorrection(t: LeaderTitle, date?: string): string {
  if (t.terms.length === 0) return `${t.name}未担任过${t.title}；名单记载的职务：${t.record}`;
  const terms = `任期 ${t.terms.map(span).join('，')}`;
  if (date && t.terms.every((x) => x.from && x.from > date)) return `页面发布日期 ${date} 时${t.name}尚未担任${t.title}（${terms}）`;
  const when = date && t.terms.every((x) => x.to && x.to < date) ? '已不再担任' : '不在任';
  return `页面发布日期 ${date} 时${t.name}${when}${t.title}（${terms}），应写「时任」「原」或其当时的职务`;
}

// 「第十届、十一届全国人民代表大会常务委员会委员长吴邦国同志」: a title with its term's ordinal names that term.
const PAST_BEFORE = /(?:时任|曾任|历任|原任|前任|原|前|届)$/;
const YEAR = /((?:19|20)\d{2})年/g;

/** Whether the sentence around a name–title pair speaks of the past (see LeaderTitle.past). */
export function speaksOfPast(text: string, start: number, sentence: string, terms: Term[]): boolean {
  if (PAST_BEFORE.test(text.slice(Math.max(0, start - 2), start))) return true;
  for (const m of sentence.matchAll(YEAR)) {
    const y = m[1];
    if (terms.some((t) => (!t.from || t.from.slice(0, 4) <= y) && (!t.to || t.to.slice(0, 4) >= y))) return true;
  }
  return false;
}

export interface NameSlip {
  variant: string;
  name: string;
  how: 'shape' | 'homophone';
  /** Reported only right next to a listed title: the variant may well be another person's name or a word. */
  needsTitle: boolean;
}

const MIN_FREE_NAME = 3;

/**
 * One-character slips of a leader's name: a character built alike (宝 → 室, the 五笔 slip of 「温家室」) or read alike.
 * Only a shape slip in the given name of a name of three or more characters is reported anywhere; a homophone
 * (王小洪 → 王小红), a changed surname, or any slip of a two-character name (李强 → 李墙) makes ordinary names and
 * words, so those are reported only next to a title. Transposed characters are not generated: 「家温宝」 is not a
 * slip anyone makes, unlike the swapped characters of a long institution name.
 */
export function nameSlips(name: string, homophonesOf: (c: string) => string, shapesOf: (c: string) => string): NameSlip[] {
  const chars = Array.from(name);
  if (chars.length < 2) return [];
  const out: NameSlip[] = [];
  chars.forEach((c, i) => {
    const free = chars.length >= MIN_FREE_NAME && i > 0;
    const put = (other: string, how: NameSlip['how']): void => {
      if (other === c) return;
      const variant = [...chars.slice(0, i), other, ...chars.slice(i + 1)].join('');
      out.push({ variant, name, how, needsTitle: !(free && how === 'shape') });
    };
    for (const s of shapesOf(c)) put(s, 'shape');
    for (const h of homophonesOf(c)) put(h, 'homophone');
  });
  return out;
}
