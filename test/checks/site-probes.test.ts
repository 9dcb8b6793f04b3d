import { describe, expect, it } from 'vitest';
import {
  availabilityCheck, deadLinkCheck, noHttpsCheck, noIpv6Check, noSearchCheck, siteLevelChecks, soft404Check,
} from '../../src/checks/site/index.js';
import type { BrokenLink } from '../../src/domain/index.js';
import { ctx, page, site } from './site-facts.js';

describe('availability', () => {
  it('a healthy site has no finding', () => {
    expect(availabilityCheck.run(site(), ctx())).toEqual([]);
  });
  it('a probe at exactly the 15 s threshold fails; 14 999 ms does not', () => {
    const s = site();
    s.probe.availability.attempts[1].ms = 14_999;
    expect(availabilityCheck.run(s, ctx())).toEqual([]);
    s.probe.availability.attempts[1].ms = 15_000;
    const [f] = availabilityCheck.run(s, ctx());
    expect(f.detail).toMatchObject({ failed: 1, attempts: 3, ms: 15_000, outcome: 'ok', status: 200 });
    expect(f.message).toContain('15.0 秒');
  });
  it('an unreachable site is a finding, never a crash', () => {
    const s = site({ home: undefined });
    s.probe.availability.attempts = [1, 2, 3].map(() => ({ outcome: 'refused' as const, status: 0, ms: 3 }));
    const [f] = availabilityCheck.run(s, ctx());
    expect(f.detail).toMatchObject({ failed: 3, attempts: 3, outcome: 'refused', unreachable: true });
    expect(f.message).toContain('连接被拒绝');
    // Every site check survives an unreachable site.
    for (const c of siteLevelChecks) if (c.scope === 'site') expect(() => c.run(s, ctx())).not.toThrow();
  });
  it('no probes and no home page still yields a finding', () => {
    const s = site({ home: undefined });
    s.probe.availability.attempts = [];
    expect(availabilityCheck.run(s, ctx())[0].detail).toMatchObject({ failed: 1, attempts: 1 });
  });
  it('the threshold comes from the config', () => {
    const s = site();
    s.probe.availability.attempts[0].ms = 5_000;
    expect(availabilityCheck.run(s, ctx((c) => (c.checks.availabilityThresholdMs = 4_000)))).toHaveLength(1);
  });
});

function broken(over: Partial<BrokenLink>): BrokenLink {
  return {
    target: 'http://www.example.gov.cn/bad/404.html', outcome: 'http-error', status: 404, internal: true,
    seenOn: [{ url: 'http://www.example.gov.cn/', isHome: true, place: 'body', tag: 'a', text: '旧通知', markup: '<a href="/bad/404.html">' }],
    seenCount: 1, ...over,
  };
}

describe('dead-link', () => {
  it('one finding per (target, referring page) with location and Chinese reason', () => {
    const s = site({
      brokenLinks: [
        broken({
          seenOn: [
            { url: 'http://www.example.gov.cn/', isHome: true, place: 'body', tag: 'a', text: '旧通知', markup: '<a href="/bad/404.html">' },
            { url: 'http://www.example.gov.cn/a/2.html', isHome: false, place: 'body', tag: 'a', text: '旧通知' },
            { url: 'http://www.example.gov.cn/a/2.html', isHome: false, place: 'footer', tag: 'a', text: '旧通知' },
          ],
          seenCount: 3,
        }),
        broken({ target: 'http://nxdomain.example.org/', outcome: 'dns', status: 0, internal: false, seenOn: [{ url: 'http://www.example.gov.cn/a/3.html', isHome: false, place: 'body', tag: 'a', text: '友情链接' }] }),
        broken({ target: 'http://slow.example.org/', outcome: 'timeout', status: 0, internal: false, seenOn: [{ url: 'http://www.example.gov.cn/a/3.html', isHome: false, place: 'body', tag: 'img', text: '' }] }),
      ],
    });
    const fs = deadLinkCheck.run(s, ctx());
    expect(fs).toHaveLength(4);
    expect(fs[0]).toMatchObject({ url: 'http://www.example.gov.cn/', target: 'http://www.example.gov.cn/bad/404.html', evidence: '<a href="/bad/404.html">' });
    expect(fs[0].detail).toMatchObject({ location: 'home', internal: true, status: 404, outcome: 'http-error', reason: '404 页面不存在' });
    expect(fs[1].detail.location).toBe('page');
    expect(fs[1].evidence).toBe('旧通知');
    expect(fs[2].detail).toMatchObject({ outcome: 'dns', internal: false, reason: '域名无法解析（DNS）' });
    expect(fs[3].detail.reason).toBe('连接超时');
    expect(fs[3].message).toContain('图片');
  });
  it('is capped by maxFindingsPerCheck', () => {
    const seenOn = Array.from({ length: 50 }, (_, i) => ({ url: `http://www.example.gov.cn/a/${i}.html`, isHome: false, place: 'body' as const, tag: 'a' as const, text: 'x' }));
    const s = site({ brokenLinks: [broken({ seenOn, seenCount: 50 })] });
    expect(deadLinkCheck.run(s, ctx((c) => (c.checks.maxFindingsPerCheck = 10)))).toHaveLength(10);
  });
});

describe('soft-404, no-search, no-https, no-ipv6', () => {
  it('soft-404 only when a missing URL answers 200', () => {
    expect(soft404Check.run(site(), ctx())).toEqual([]);
    const s = site();
    s.probe.soft404 = { ...s.probe.soft404, status: 200, outcome: 'ok', title: '页面不存在' };
    const [f] = soft404Check.run(s, ctx());
    expect(f.url).toBe('http://www.example.gov.cn/');
    expect(f.evidence).toContain('页面不存在');
  });
  it('no-search when the home page has no search form', () => {
    expect(noSearchCheck.run(site(), ctx())).toEqual([]);
    const s = site();
    s.home = page({ ...s.home!, search: { form: false } });
    expect(noSearchCheck.run(s, ctx())).toHaveLength(1);
  });
  it('no-https when the HTTPS probe is not ok; not when unchecked', () => {
    expect(noHttpsCheck.run(site(), ctx())).toEqual([]);
    const s = site();
    s.probe.https = { ...s.probe.https, outcome: 'refused', status: 0 };
    expect(noHttpsCheck.run(s, ctx())[0].message).toContain('连接被拒绝');
    s.probe.https.checked = false;
    expect(noHttpsCheck.run(s, ctx())).toEqual([]);
  });
  it('no-ipv6 tells no AAAA from no IPv6 connection', () => {
    expect(noIpv6Check.run(site(), ctx())).toEqual([]);
    const s = site();
    s.probe.ipv6 = { host: 'www.example.gov.cn', aaaa: [], connected: false };
    expect(noIpv6Check.run(s, ctx())[0].detail).toMatchObject({ aaaa: [], connected: false });
    s.probe.ipv6 = { host: 'www.example.gov.cn', aaaa: ['2001:db8::1'], connected: false, outcome: 'timeout' };
    const [f] = noIpv6Check.run(s, ctx());
    expect(f.detail).toMatchObject({ aaaa: ['2001:db8::1'], connected: false });
    expect(f.message).toContain('连接超时');
  });
  it('every finding has an empty indicator, Chinese advice and evidence ≤ 300 chars', () => {
    const s = site({ brokenLinks: [broken({ seenOn: [{ url: 'http://www.example.gov.cn/', isHome: true, place: 'body', tag: 'a', text: 'x', markup: '<a '.padEnd(900, 'x') }] })] });
    s.probe.ipv6 = { host: 'www.example.gov.cn', aaaa: [], connected: false };
    const fs = [...deadLinkCheck.run(s, ctx()), ...noIpv6Check.run(s, ctx())];
    expect(fs).toHaveLength(2);
    for (const f of fs) {
      expect(f).not.toHaveProperty('indicator');
      expect(f).not.toHaveProperty('severity');
      expect(f.evidence.length).toBeLessThanOrEqual(300);
      expect(f.detail.advice).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
