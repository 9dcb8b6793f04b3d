// Dates as Chinese government pages print them, normalised to YYYY-MM-DD.

const FULL_DATE = /(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)/g;
const SHORT_DATE = /[[【(（]\s*(\d{1,2})[-/.](\d{1,2})\s*[\]】)）]/;

function valid(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function fmt(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every full date in `text` (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日), normalised. */
export function findDates(text: string): Array<{ date: string; index: number; end: number }> {
  const out: Array<{ date: string; index: number; end: number }> = [];
  FULL_DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FULL_DATE.exec(text))) {
    const y = Number(m[1]);
    const mo = Number(m[2] ?? m[4]);
    const d = Number(m[3] ?? m[5]);
    // A preceding digit means we matched the tail of a longer number (an id, a phone number).
    if (m.index > 0 && /\d/.test(text[m.index - 1])) continue;
    const end = m.index + m[0].length;
    if (m[3] !== undefined && /\d/.test(text[end] ?? '')) continue;
    if (valid(y, mo, d)) out.push({ date: fmt(y, mo, d), index: m.index, end });
  }
  return out;
}

export function firstDate(text: string): string | undefined {
  return findDates(text)[0]?.date;
}

/** A list date written as [MM-DD]: the most recent such day not after today. */
export function shortListDate(text: string, today: string): string | undefined {
  const m = SHORT_DATE.exec(text);
  if (!m) return undefined;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  let y = Number(today.slice(0, 4));
  if (!valid(y, mo, d)) return undefined;
  if (fmt(y, mo, d) > today) y -= 1;
  return fmt(y, mo, d);
}

/** Normalises a meta value such as 2020年08月02日, 2019-09-18 06:23 or 2007-08-20-23:59:59. */
export function normaliseDateValue(v: string): string | undefined {
  return firstDate(v);
}

// 发布时间/发布日期 first; bare 时间/日期 labels are weaker (成文日期 is not a publication date).
const STRONG_LABEL = /(?:发布时间|发布日期|发文日期|发稿时间|公开日期|信息时间)\s*[：:]?\s*$/;
const WEAK_LABEL = /(?<!成文|印发|生效|截止|失效|有效)(?:时间|日期)\s*[：:]\s*$/;

/**
 * Finds a labelled publication date: `before` gives the visible text just before `text` (a few dozen chars),
 * so `<i>时间：</i>2019-09-18` works across elements; it is asked for only when `text` holds a date.
 * Returns strength 2 (strong label) or 1.
 */
export function labelledDate(before: () => string, text: string): { date: string; strength: 1 | 2 } | undefined {
  const dates = findDates(text);
  if (dates.length === 0) return undefined;
  const head = before();
  for (const d of dates) {
    const prefix = (head + text.slice(0, d.index)).slice(-24);
    if (STRONG_LABEL.test(prefix)) return { date: d.date, strength: 2 };
    if (WEAK_LABEL.test(prefix)) return { date: d.date, strength: 1 };
  }
  return undefined;
}

/** A text node that is only a date (optionally with a time): an unlabelled article date line. */
export function standaloneDateTime(text: string): string | undefined {
  const t = text.trim();
  if (t.length > 24 || t.length < 8) return undefined;
  const m = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d{2}(?::\d{2})?$/.exec(t);
  return m ? firstDate(m[1]) : undefined;
}
