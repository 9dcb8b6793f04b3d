// Recall of the statistical typo check on the one-character slips that published notices name, each planted into
// a real sentence where its correct form occurs. The list path is not used: the check must find them on its own.
// Measured 2026-12-03 with dict/charmodel.bin.gz v2: 2 of 8 (扫黑险恶, 秸杆). 攻府 scores 17.5 bits (threshold
// 22); 年贷 and 指释 are attested pairs (年贷款, 释中); 技→救 and 似→类 are not pinyin or shape neighbours in the
// candidate data (wubi slips). The floor holds the measured recall so that a regression fails.
import { describe, expect, it } from 'vitest';
import { bundledCharModel } from '../../src/text/charmodel.js';
import { findSlips } from '../../src/text/slips.js';
import { readCorpus } from './load.js';
import { publishedSlipCases } from './published-slips.js';

const FLOOR = ['扫黑险恶', '秸杆'];

describe('published slips, statistical check alone', () => {
  const model = bundledCharModel();
  const cases = publishedSlipCases(readCorpus('real'));

  it(`finds at least the measured ${FLOOR.length} of ${cases.length}, each with the right correction`, () => {
    const found = cases.filter((c) => {
      const at = c.text.indexOf(c.wrong) + c.diffAt;
      return findSlips(c.text, model).some((s) => s.start <= at && at < s.end && s.correct.includes(c.correct[c.diffAt]));
    }).map((c) => c.wrong);
    console.log(`published slips found by the statistical check: ${found.length}/${cases.length} (${found.join('、')})`);
    for (const w of FLOOR) expect(found).toContain(w);
  });

  it('is silent on every host sentence as written correctly', () => {
    for (const c of cases) expect(findSlips(c.text.replace(c.wrong, c.correct), model), c.correct).toEqual([]);
  });
});
