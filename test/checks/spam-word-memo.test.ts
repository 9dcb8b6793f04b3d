// The spam-word memo of the site checks: an unchanged text's words come from the previous scan (no text engine),
// a changed text is judged afresh, and the findings are those computed without the memo.
import { describe, expect, it } from 'vitest';
import { cloakingCheck } from '../../src/checks/security/cloaking.js';
import { defacementCheck, makeBaseline } from '../../src/checks/security/defacement.js';
import { rememberKeyPageWords } from '../../src/checks/security/key-page-words.js';
import { provideSpamWordsMemo, rememberSpamWords, spamWordsIn, SpamWordsMemo } from '../../src/checks/security/spam.js';
import { ctx, page, site, variant } from './security-helpers.js';

const SPAM_TITLE = '澳门赌场_百家乐_真人视讯官网';

/** A fresh context (its own resources) whose memo holds `stored`; `built()` tells whether the text engine was
 *  built in it. */
function memoCtx(stored: Record<string, readonly string[]> = {}) {
  const c = { ...ctx(), resources: new Map() };
  const memo = new SpamWordsMemo(stored);
  provideSpamWordsMemo(c, memo);
  return { c, memo, built: () => c.resources.has('security.spamScanner') };
}

describe('spam-word memo', () => {
  it('finds the words as the engine does, and remembers them for the next scan', () => {
    const { c, memo, built } = memoCtx();
    expect(spamWordsIn(c, `${SPAM_TITLE} 注册送彩金`)).toEqual(spamWordsIn(ctx(), `${SPAM_TITLE} 注册送彩金`));
    expect(built()).toBe(true);
    const next = memoCtx(memo.entries());
    expect(spamWordsIn(next.c, `${SPAM_TITLE} 注册送彩金`)).toEqual(expect.arrayContaining(['澳门赌场', '百家乐']));
    expect(next.built()).toBe(false);
  });

  it('judges a changed text afresh: a remembered clean page turned to spam is found', () => {
    const clean = page();
    const first = memoCtx();
    rememberSpamWords(first.c, 'x'); // the engine is not built: nothing is found just to be remembered
    expect(first.built()).toBe(false);
    const base = makeBaseline(clean, '1');
    const unchanged = site({ keyPages: [clean], baselines: [base] });
    expect(defacementCheck.run(unchanged, first.c)).toEqual([]);
    rememberKeyPageWords([clean], first.c);

    const second = memoCtx(first.memo.entries());
    expect(defacementCheck.run(unchanged, second.c)).toEqual([]);
    expect(second.built()).toBe(false); // every text was remembered
    const hacked = site({ keyPages: [{ ...clean, title: SPAM_TITLE }], baselines: [base] });
    const found = defacementCheck.run(hacked, second.c);
    expect(found).toEqual(defacementCheck.run(hacked, ctx()));
    expect(found[0].detail.spamWords).toEqual(expect.arrayContaining(['澳门赌场', '百家乐']));
  });

  it('gives cloaking the same answer with and without the memo', () => {
    const s = site({ variants: [variant('browser'), variant('baiduspider', { title: SPAM_TITLE, text: '澳门赌场 百家乐 真人视讯 注册送彩金' })] });
    const first = memoCtx();
    const plain = cloakingCheck.run(s, ctx());
    expect(cloakingCheck.run(s, first.c)).toEqual(plain);
    const second = memoCtx(first.memo.entries());
    expect(cloakingCheck.run(s, second.c)).toEqual(plain);
    expect(second.built()).toBe(false);
  });

  it('keeps what this scan judged first, then what earlier scans remembered', () => {
    const { c, memo } = memoCtx({ old: ['赌场'] });
    spamWordsIn(c, '普通政务公开内容');
    const keys = Object.keys(memo.entries());
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe('old');
  });
});
