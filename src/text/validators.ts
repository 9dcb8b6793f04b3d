// Validators for personal identifiers: 居民身份证号码 (GB 11643-1999), mobile numbers, bank card numbers.
// Pure functions over ASCII digit strings; the privacy scanner decides what counts as one token.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 省级行政区划代码 (first two digits of an ID number). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export function validRegionPrefix(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (!PROVINCE_CODES.has(Number(code.slice(0, 2)))) return false;
  // Prefecture digits 00 are used only for a province's own directly administered units; 00 county is never a residence code.
  return code.slice(4, 6) !== '00' || code.slice(2, 4) === '00';
}

function validDate(year: number, month: number, day: number, now: Date): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const date = Date.UTC(year, month - 1, day);
  return year >= 1900 && date <= now.getTime();
}

/** An 18-character 身份证号码: region, real birth date (≥1900, not in the future), MOD 11-2 check. */
export function isValidId18(value: string, now: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!validRegionPrefix(value.slice(0, 6))) return false;
  if (!validDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)), now)) return false;
  return idCheckChar(value.slice(0, 17)) === value[17].toUpperCase();
}

/** A legacy 15-digit number (1999 and before): region and a YYMMDD birth date in the 1900s; no check digit. */
export function isValidId15(value: string, now: Date = new Date()): boolean {
  if (!/^\d{15}$/.test(value)) return false;
  if (!validRegionPrefix(value.slice(0, 6))) return false;
  return validDate(1900 + Number(value.slice(6, 8)), Number(value.slice(8, 10)), Number(value.slice(10, 12)), now);
}

export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit that completes `partial`. */
export function luhnCheckDigit(partial: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(partial + d)) return String(d);
  throw new Error('unreachable');
}

/** Issuer prefixes seen on cards in China: UnionPay 62, Visa 4, Mastercard 51–55 and 2221–2720, JCB 35,
 *  Amex 34/37, and the domestic debit ranges 60, 65, 94, 95 used by some banks. */
export function knownBin(digits: string): boolean {
  if (/^(62|4|5[1-5]|35|3[47]|60|65|9[45])/.test(digits)) return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

export function isBankCard(digits: string): boolean {
  return /^\d{16,19}$/.test(digits) && knownBin(digits) && luhnValid(digits);
}
