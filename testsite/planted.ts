// The exact strings planted in the site. The dictionary and privacy engineers test against the same list.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let k = 0; k < 17; k++) s += Number(first17[k]) * ID_WEIGHTS[k];
  return ID_CHECK[s % 11];
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = Number(digits[digits.length - 1 - k]);
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function luhnComplete(body: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

/** A valid ID (prefix: region + birth date, 14 digits) whose 18 digits do NOT pass Luhn (so a bank-card check cannot also claim it). */
function validId(first17Prefix: string): string {
  for (let seq = 21; seq < 1000; seq++) {
    const first17 = first17Prefix + String(seq).padStart(3, '0');
    const id = first17 + idCheckChar(first17);
    if (!id.endsWith('X') && !luhnValid(id)) return id;
  }
  throw new Error('unreachable');
}

function wrongCheckId(first17: string): string {
  const right = idCheckChar(first17);
  for (const c of '0123456789') {
    const id = first17 + c;
    if (c !== right && !luhnValid(id)) return id;
  }
  throw new Error('unreachable');
}

function failingLuhn(body: string): string {
  for (let d = 0; d < 10; d++) if (!luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

export const PLANTED_WORDS = {
  typos: [
    { found: '震憾', correct: '震撼' },
    { found: '截止目前', correct: '截至目前' },
  ],
  /** Correct usage on a clean page: must not be flagged. */
  typoDecoys: ['报名截止日期为'],
  wrongExpressions: [
    { found: '中 华 人 民 共 合 国', correct: '中华人民共和国' },
    { found: '扫黑险恶', correct: '扫黑除恶' },
  ],
  sensitive: [{ word: '网上赌场', list: 'gambling' }],
  hiddenLinkTexts: ['澳门赌场', '百家乐', '真人视讯'],
  hiddenLinkMarkup: '<div style="display:none">',
  seoTitle: '澳門賭場,六合彩,成人視頻,一夜情,百家樂',
  cloakingTitle: '澳门赌场_百家乐_真人视讯_临江市人民政府',
  redirectTarget: 'http://spam.example.com/',
  defacementScript: 'http://evil.example.net/x.js',
  privacy: {
    idCard: validId('21080219780615'), // 210802 营口市站前区, born 1978-06-15, sequence 0xx
    mobile: '13912345678',
    bankCard: luhnComplete('622202123456789012'),
    pdfIdCard: validId('21080219900101'),
    xlsxIdCard: validId('21080219650923'),
    xlsxMobile: '15912345678',
  },
  /** On the same 公示 page as the leaks; none of these may be flagged. */
  privacyDecoys: {
    maskedId: '210802********123X',
    maskedMobile: '139****5678',
    wrongCheckId: wrongCheckId('21080219820304031'),
    orderNumber: failingLuhn('202403150000012345'), // 19 digits, fails Luhn
    longRun: '88613812345670', // 14 digits containing 13812345670
  },
};

/** Every planted string that only a defective site contains (decoys excluded). */
export function plantedStrings(): string[] {
  const p = PLANTED_WORDS;
  return [
    ...p.typos.map((t) => t.found), ...p.wrongExpressions.map((w) => w.found), ...p.sensitive.map((s) => s.word),
    ...p.hiddenLinkTexts, p.seoTitle, p.cloakingTitle, p.redirectTarget, p.defacementScript,
    p.privacy.idCard, p.privacy.mobile, p.privacy.bankCard, p.privacy.pdfIdCard, p.privacy.xlsxIdCard, p.privacy.xlsxMobile,
  ];
}
