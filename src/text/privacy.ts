// Finds unmasked personal data in text. Precision first: a number counts only as a whole token (not
// part of a longer digit or letter run, not next to a masking '*'), and only when its check digit,
// date, region or issuer prefix validates.
import { normaliseShared } from './normalise.js';
import { isBankCard, isMobile, isValidId15, isValidId18 } from './validators.js';

export type PrivacyType = 'id-card' | 'id-card-15' | 'mobile' | 'bank-card';

export interface PrivacyMatch {
  type: PrivacyType;
  value: string; // the number as found (digits only for grouped cards); keep it out of reports
  masked: string; // partly masked, safe to show
  start: number; // ORIGINAL offsets
  end: number;
  evidence: string; // context with every long digit run masked
}

const CONTEXT_CHARS = 10;
/** A legacy 15-digit ID looks like an old business registration number; require a nearby keyword. */
const ID15_KEYWORDS = /身份证|证件号|公民身份/;

export function maskValue(value: string): string {
  const v = value.replace(/[\s-]/g, '');
  if (v.length <= 7) return v.slice(0, 1) + '*'.repeat(Math.max(0, v.length - 1));
  if (v.length === 11) return `${v.slice(0, 3)}****${v.slice(7)}`;
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** Context may hold (part of) another number: hide every digit of any run of five or more. */
function maskDigitsIn(text: string): string {
  return text.replace(/[\d０-９][\d０-９Xx]{4,}/g, (run) => '*'.repeat(run.length));
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[0-9A-Za-z*＊]/.test(c);
}

export function findPrivacy(original: string, now: Date = new Date()): PrivacyMatch[] {
  const norm = normaliseShared(original);
  const text = norm.text; // full-width digits become ASCII; offsets map back
  const results: PrivacyMatch[] = [];
  const taken: Array<[number, number]> = [];
  const push = (type: PrivacyType, s: number, e: number, value: string): void => {
    const [start, end] = norm.toOriginal(s, e);
    taken.push([s, e]);
    if (type !== 'bank-card') value = original.slice(start, end).toUpperCase();
    const left = original.slice(Math.max(0, start - CONTEXT_CHARS), start);
    const right = original.slice(end, end + CONTEXT_CHARS);
    const masked = maskValue(value);
    results.push({
      type,
      value,
      masked,
      start,
      end,
      evidence: `${maskDigitsIn(left)}${masked}${maskDigitsIn(right)}`.replace(/\s+/g, ' '),
    });
  };

  // Plain tokens: a digit run, optionally ending in X (ID check character), as /\d+[Xx]?/g finds them. Read by
  // character code: pages are full of dates and times, and a match array for each of their digit runs was garbage.
  for (let s = 0; s < text.length; ) {
    if (!isDigit(text.charCodeAt(s))) { s++; continue; }
    let e = s + 1;
    while (e < text.length && isDigit(text.charCodeAt(e))) e++;
    if (e < text.length && (text.charCodeAt(e) | 0x20) === 0x78) e++;
    const from = s;
    s = e;
    // Only these lengths can be a number below.
    const n = e - from;
    if (n !== 11 && n !== 15 && (n < 16 || n > 19)) continue;
    if (isWordChar(text[from - 1]) || isWordChar(text[e])) continue;
    const v = text.slice(from, e);
    if (v.length === 18 && isValidId18(v, now)) push('id-card', from, e, v);
    else if (v.length === 15 && isValidId15(v, now) && ID15_KEYWORDS.test(text.slice(Math.max(0, from - 20), from))) push('id-card-15', from, e, v);
    else if (v.length === 11 && isMobile(v)) push('mobile', from, e, v);
    else if (/^\d{16,19}$/.test(v) && isBankCard(v)) push('bank-card', from, e, v);
  }

  // Card numbers written in groups of four: 6222 0212 3456 7890 123 / 6222-0212-…
  const grouped = /\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?/g;
  for (let m = grouped.exec(text); m; m = grouped.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    if (isWordChar(text[s - 1]) || isWordChar(text[e])) continue;
    if (taken.some(([a, b]) => a < e && s < b)) continue;
    const digits = m[0].replace(/\D/g, '');
    if (isBankCard(digits)) push('bank-card', s, e, digits);
  }
  return results.sort((a, b) => a.start - b.start);
}

/** A run of 15 digits as findPrivacy sees it: ASCII or full-width digits, with the invisible characters
 *  normalise() drops between them (it drops nothing else between two digits). */
const ID_LENGTH_RUN = /[0-9０-９](?:[\u00ad\u200b-\u200d\u2060\ufeff]*[0-9０-９]){14}/;

/** Whether findPrivacy(text, now) can answer differently for another `now`: the clock is read only to reject
 *  an ID number whose birth date lies in the future, and an ID number (15 or 18 characters) is a run of at
 *  least 15 digits. Text without one gives the same matches on every day. */
export function privacyReadsClock(text: string): boolean {
  return ID_LENGTH_RUN.test(text);
}
