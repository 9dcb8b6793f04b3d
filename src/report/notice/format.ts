// Figures and dates as a 公文 writes them: Arabic numerals (GB/T 9704-2012 7.3.5.2), 「2024年7月5日」,
// percentages without needless decimals.

/** n / d as a percentage text (「100%」, 「97.7%」); null when d is 0. */
export function percent(n: number, d: number): string | null {
  if (d <= 0) return null;
  const value = Math.round((n / d) * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** 「2024年7月5日」 from YYYY-MM-DD. */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 「2024年6月」 parts from YYYY-MM. */
export function monthParts(month: string): { year: number; month: number } {
  const [y, m] = month.split('-').map(Number);
  return { year: y, month: m };
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 12 → 十二, 20 → 二十 (headings and 序号 up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] || '零';
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** Clips hostile or overlong text from scans to what a table cell can hold. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
