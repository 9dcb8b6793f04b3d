// GB/T 9704-2012 (党政机关公文格式) in numbers, shared by the DOCX and the HTML/PDF writers.
// A4; 版心 156 mm × 225 mm; top 37 mm, left 28 mm, bottom 35 mm, right 26 mm; 22 lines of 28 characters of
// 3号 (16 pt) text: line pitch 225 mm / 22 ≈ 28.95 pt, character pitch 156 mm / 28 ≈ 15.8 pt.

export const MM_PER_INCH = 25.4;
export const TWIPS_PER_MM = 1440 / MM_PER_INCH;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

export const PAGE = { widthMm: 210, heightMm: 297 };
export const MARGIN_MM = { top: 37, left: 28, bottom: 35, right: 26 };
/** The page number's top sits 7 mm under the 版心; a 4号 number is about 5 mm tall. */
export const FOOTER_MM = MARGIN_MM.bottom - 7 - 5;
export const TEXT_WIDTH_MM = PAGE.widthMm - MARGIN_MM.left - MARGIN_MM.right; // 156
export const TEXT_HEIGHT_MM = PAGE.heightMm - MARGIN_MM.top - MARGIN_MM.bottom; // 225
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Sizes in points: 初号 42, 小初 36, 2号 22, 3号 16, 4号 14, 五号 10.5. */
export const PT = { letterhead: 36, title: 22, body: 16, pageNumber: 14, table: 10.5, caption: 14 };
/** Exact line pitch in twips: 225 mm / 22 lines = 28.99 pt; Word templates use 28.95 pt (579 twips) so 22 lines fit with rounding. */
export const LINE_TWIPS = 579;
/** Character grid: (pitch − 16 pt) × 4096, pitch = 156 mm / 28 characters. */
export const CHAR_SPACE = Math.round(((TEXT_WIDTH_MM * 72) / MM_PER_INCH / CHARS_PER_LINE - PT.body) * 4096);

/** The font names a 公文 sets (they stand in the DOCX whatever the reader has). */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
};

/** The fonts this machine has for the PDF (fonts-noto-cjk), standing in for the 公文 fonts. */
export const PDF_FONTS = {
  title: '"Noto Serif CJK SC", serif', // 小标宋 → Noto Serif CJK SC Bold
  body: '"Noto Serif CJK SC", serif', // 仿宋 → Noto Serif CJK SC Regular
  heading1: '"Noto Sans CJK SC", sans-serif', // 黑体 → Noto Sans CJK SC
  heading2: '"Noto Serif CJK SC", serif', // 楷体 → Noto Serif CJK SC (no 楷体 on the machine), kept distinct by weight
  pageNumber: '"Noto Serif CJK SC", serif',
};

/** Width of text in em (a CJK character 1, an ASCII character ½), for aligning the signature over the date. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** 发文机关署名 centred over the 成文日期, which stands 4 characters from the right (GB/T 9704 7.3.5.1). */
export function signatureIndents(office: string, date: string): { officeEm: number; dateEm: number } {
  const dateEm = 4;
  return { dateEm, officeEm: Math.max(0, dateEm + (emWidth(date) - emWidth(office)) / 2) };
}

/** 发文机关标志 size: 小初 unless the name would not fit on one line of the 版心. */
export function letterheadPt(text: string): number {
  const widthPt = (TEXT_WIDTH_MM * 72) / MM_PER_INCH;
  return Math.min(PT.letterhead, Math.floor((widthPt / emWidth(text)) * 10) / 10);
}
