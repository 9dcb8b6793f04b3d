// Which pages the browser pass renders: isSuspect reads scripts through the same deobfuscation as the
// malicious-redirect check, so an obfuscated redirect is rendered like a plain one.
import { describe, expect, it } from 'vitest';
import { isSuspect } from '../../src/scan/browser-schedule.js';
import { page } from '../checks/security-helpers.js';

const hex = (s: string) => [...s].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
const withScript = (inline: string) => page({ scripts: [{ inline, markup: '<script>' }] });

describe('isSuspect', () => {
  it('judges an obfuscated search-engine redirect suspect (\\x escapes inside eval)', () => {
    const code = 'var r = document.referrer; if (/baidu|sogou/.test(r)) { window.location.href = "http://www.amdc888.vip/"; }';
    const obfuscated = `eval("${hex(code)}");`;
    // Nothing readable is left in the raw text: the old plain-text test passed it by.
    expect(obfuscated).not.toMatch(/referrer|location/);
    expect(isSuspect(withScript(obfuscated))).toBe(true);
  });

  it('judges a String.fromCharCode-built referrer test suspect', () => {
    const codes = [...'document.referrer'].map((c) => c.charCodeAt(0)).join(',');
    expect(isSuspect(withScript(`var r = eval(String.fromCharCode(${codes})); if (r) top.location.replace(x);`))).toBe(true);
  });

  it('judges plain redirects and user-agent tests suspect, as before', () => {
    expect(isSuspect(withScript('if (navigator.userAgent.match(/iPhone/)) location.replace("/m/");'))).toBe(true);
    expect(isSuspect(withScript('var from = document.referrer;'))).toBe(true);
  });

  it('leaves ordinary scripts and pages without scripts alone', () => {
    expect(isSuspect(withScript('var _hmt = _hmt || []; (function () { var hm = document.createElement("script"); })();'))).toBe(false);
    expect(isSuspect(withScript(`var s = "${hex('hello world')}"; console.log(s);`))).toBe(false);
    expect(isSuspect(page())).toBe(false);
  });

  it('renders a page with a hidden block whatever its scripts', () => {
    expect(isSuspect(page({ hiddenBlocks: [{ reason: 'display:none', text: '澳门赌场', markup: '<div style="display:none">', linkCount: 2 }] }))).toBe(true);
  });
});
