import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, isBankCard, isMobile, isValidId15, isValidId18, luhnCheckDigit, luhnValid } from '../../src/text/validators.js';
import { findPrivacy, maskValue } from '../../src/text/privacy.js';
import { PLANTED_WORDS } from '../../testsite/planted.js';

const NOW = new Date('2026-11-27T00:00:00Z');
const regions = ['110105', '210802', '310101', '440305', '650102', '810000', '820000'];

const validIdArb = fc
  .record({
    region: fc.constantFrom(...regions),
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-26T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, date, seq }) => {
    const first17 = region + date.toISOString().slice(0, 10).replace(/-/g, '') + String(seq).padStart(3, '0');
    return first17 + idCheckChar(first17);
  });

describe('ID number (GB 11643)', () => {
  it('accepts the reference number', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidId18('11010519491231002X', NOW)).toBe(true);
    expect(isValidId18('11010519491231002x', NOW)).toBe(true);
  });

  it('property: generated valid IDs always validate', () => {
    fc.assert(fc.property(validIdArb, (id) => { expect(isValidId18(id, NOW)).toBe(true); }), { numRuns: 500 });
  });

  it('property: any single-digit change breaks the check', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const d = (Number(id[pos]) + delta) % 10;
        const changed = id.slice(0, pos) + d + id.slice(pos + 1);
        expect(isValidId18(changed, NOW)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects future and pre-1900 dates, impossible dates and unknown provinces', () => {
    const make = (p: string) => p + idCheckChar(p);
    expect(isValidId18(make('21080220300101123'), NOW)).toBe(false);
    expect(isValidId18(make('21080218990101123'), NOW)).toBe(false);
    expect(isValidId18(make('21080219990230123'), NOW)).toBe(false);
    expect(isValidId18(make('99080219800101123'), NOW)).toBe(false);
    expect(isValidId18(make('21080019800101123'), NOW)).toBe(false); // county 00
  });

  it('checks 15-digit legacy numbers by region and date', () => {
    expect(isValidId15('110105491231002', NOW)).toBe(true);
    expect(isValidId15('110105491331002', NOW)).toBe(false);
    expect(isValidId15('990105491231002', NOW)).toBe(false);
  });
});

describe('mobile and bank card', () => {
  it('mobile numbers start 13–19', () => {
    expect(isMobile('13912345678')).toBe(true);
    expect(isMobile('12912345678')).toBe(false);
    expect(isMobile('1391234567')).toBe(false);
  });

  it('property: Luhn round trip', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^62\d{13,16}$/), (body) => {
        const card = body + luhnCheckDigit(body);
        expect(luhnValid(card)).toBe(true);
        expect(isBankCard(card)).toBe(true);
        const last = Number(card[card.length - 1]);
        expect(luhnValid(card.slice(0, -1) + ((last + 1) % 10))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('needs a known issuer prefix', () => {
    const body = '123456789012345';
    expect(isBankCard(body + luhnCheckDigit(body))).toBe(false);
  });
});

describe('findPrivacy', () => {
  const p = PLANTED_WORDS.privacy;
  const d = PLANTED_WORDS.privacyDecoys;

  it('finds the planted ID, mobile and card and masks them in evidence', () => {
    const text = `公示名单：王某，身份证号${p.idCard}，联系电话${p.mobile}，收款账号${p.bankCard}。`;
    const found = findPrivacy(text, NOW);
    expect(found.map((f) => f.type)).toEqual(['id-card', 'mobile', 'bank-card']);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([p.idCard, p.mobile, p.bankCard]);
    expect(found[0].masked).toBe(`210802********${p.idCard.slice(-4)}`);
    for (const f of found) {
      expect(f.evidence).not.toContain(f.value);
      for (const other of [p.idCard, p.mobile, p.bankCard]) expect(f.evidence).not.toContain(other);
    }
  });

  it('ignores every planted decoy', () => {
    const text = `身份证号${d.maskedId}，电话${d.maskedMobile}，身份证号${d.wrongCheckId}，订单号${d.orderNumber}，编号${d.longRun}。`;
    expect(findPrivacy(text, NOW)).toEqual([]);
  });

  it('property: masked forms never match', () => {
    fc.assert(
      fc.property(validIdArb, fc.integer({ min: 1, max: 12 }), (id, stars) => {
        const masked = id.slice(0, 6) + '*'.repeat(stars) + id.slice(6 + stars);
        const mobileMasked = `${id.slice(0, 3)}****${id.slice(7, 11)}`;
        expect(findPrivacy(`身份证号：${masked}，电话：${mobileMasked}`, NOW)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds grouped card numbers, full-width digits and 15-digit IDs only near a keyword', () => {
    const grouped = p.bankCard.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(findPrivacy(`卡号：${grouped}`, NOW).map((f) => f.type)).toEqual(['bank-card']);
    const wide = p.mobile.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const [m] = findPrivacy(`电话${wide}`, NOW);
    expect(m.type).toBe('mobile');
    expect(findPrivacy('身份证号码：110105491231002', NOW).map((f) => f.type)).toEqual(['id-card-15']);
    expect(findPrivacy('注册号：110105491231002', NOW)).toEqual([]);
  });

  it('does not take numbers glued to letters or longer digit runs', () => {
    expect(findPrivacy(`编号A${p.mobile}`, NOW)).toEqual([]);
    expect(findPrivacy(`流水号2${p.mobile}`, NOW)).toEqual([]);
    expect(maskValue('13912345678')).toBe('139****5678');
  });
});
