// Site-level security checks: cloaking (variants), defacement (baselines) and the browser-pass part
// of malicious-redirect, on hand-built SiteFacts with the real text engine.
import { describe, expect, it } from 'vitest';
import { cloakingCheck } from '../../src/checks/security/cloaking.js';
import { defacementCheck, makeBaseline } from '../../src/checks/security/defacement.js';
import { renderedHiddenLinkCheck } from '../../src/checks/security/hidden-link.js';
import { maliciousRedirectSiteCheck } from '../../src/checks/security/malicious-redirect.js';
import type { RenderedFacts } from '../../src/domain/index.js';
import { judge } from './judge.js';
import { ROOT, ctx, link, page, site, variant } from './security-helpers.js';

describe('cloaking', () => {
  it('reports spam shown only to the spider, with what differs', () => {
    const s = site({
      variants: [
        variant('browser'),
        variant('baiduspider', {
          title: '澳门赌场_百家乐_真人视讯官网',
          text: '澳门赌场 百家乐 真人视讯 注册送彩金 线上博彩第一品牌 皇冠体育投注 足球投注网 棋牌游戏提现 首存送彩金 老虎机在线',
          linkHosts: ['www.hd.gov.cn', 'a.bet.top', 'b.bet.top', 'c.example.com', 'd.example.com', 'e.example.com'],
        }),
      ],
    });
    const f = cloakingCheck.run(s, ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'cloaking', url: `${ROOT}index.html` });
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    expect(f[0].detail.as).toBe('baiduspider');
    expect(f[0].detail.differs).toEqual(['title', 'links', 'text']);
    expect(f[0].detail.spamWords).toEqual(expect.arrayContaining(['澳门赌场', '百家乐']));
    expect(f[0].evidence).toBe('baiduspider 看到的标题：「澳门赌场_百家乐_真人视讯官网」；浏览器看到的标题：「海淀区人民政府」');
  });

  it('reports a redirect to a foreign host that only a search-engine visitor gets', () => {
    const s = site({
      variants: [
        variant('browser'),
        variant('referer:baidu', { finalUrl: 'http://www.amdc888.vip/', redirects: ['http://www.amdc888.vip/'], title: '海淀区人民政府' }),
      ],
    });
    const f = cloakingCheck.run(s, ctx());
    expect(f).toHaveLength(1);
    expect(f[0].detail.differs).toContain('redirect');
    expect(f[0].target).toBe('http://www.amdc888.vip/');
  });

  it('is quiet for identical variants and for a firewall block page shown to a fake spider', () => {
    expect(cloakingCheck.run(site({ variants: [variant('browser'), variant('baiduspider'), variant('referer:baidu')] }), ctx())).toEqual([]);
    const blocked = site({ variants: [variant('browser'), variant('baiduspider', { title: '访问被拦截', text: '您的访问被网站防火墙拦截', linkHosts: [] })] });
    expect(cloakingCheck.run(blocked, ctx())).toEqual([]);
    const forbidden = site({ variants: [variant('browser'), variant('baiduspider', { status: 403, outcome: 'http-error', title: '403' })] });
    expect(cloakingCheck.run(forbidden, ctx())).toEqual([]);
  });
});

describe('defacement', () => {
  const home = page({
    title: '海淀区人民政府',
    text: '海淀区人民政府门户网站 首页 政务公开 政策文件 办事服务 互动交流 要闻动态 区政府召开常务会议 区长调研重点项目 防汛工作部署会召开 通知公告 关于开展消防安全检查的通知 关于征集民生实事项目的公告',
    scripts: [{ src: `${ROOT}js/jquery.js`, markup: '<script src="/js/jquery.js">' }, { src: 'https://hm.baidu.com/hm.js?abc', markup: '<script>' }],
    links: [link(`${ROOT}zwgk/`, '政务公开', { place: 'nav' })],
  });
  const baseline = makeBaseline(home, 'scan-1', new Date('2025-05-01T00:00:00Z'));

  it('builds a baseline from a page', () => {
    expect(baseline).toMatchObject({ url: home.url, scanId: 'scan-1', takenAt: '2025-05-01T00:00:00.000Z', title: '海淀区人民政府', iframeSrcs: [] });
    expect(baseline.scriptSrcs).toEqual([`${ROOT}js/jquery.js`, 'https://hm.baidu.com/hm.js?abc']);
    expect(baseline.text).not.toMatch(/\s/);
  });

  it('accepts normal publishing: new news items, same title and scripts', () => {
    const next = {
      ...home,
      text: '海淀区人民政府门户网站 首页 政务公开 政策文件 办事服务 互动交流 要闻动态 区委理论学习中心组集体学习 全区优化营商环境大会召开 暑期中小学生安全教育 通知公告 关于开展燃气安全排查的通知 关于2025年高温津贴发放的公告',
    };
    expect(defacementCheck.run(site({ keyPages: [next], baselines: [baseline] }), ctx())).toEqual([]);
  });

  it('reports a new foreign script and iframe that the baseline did not have', () => {
    const next = {
      ...home,
      scripts: [...home.scripts, { src: 'http://js.xpj888.vip/tj.js', markup: '<script src="http://js.xpj888.vip/tj.js">' }],
      links: [...home.links, link('http://bad.example.com/frame.html', '', { tag: 'iframe' as const, markup: '<iframe src="http://bad.example.com/frame.html" width=0 height=0>' })],
    };
    const f = defacementCheck.run(site({ keyPages: [next], baselines: [baseline] }), ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'defacement', target: 'http://js.xpj888.vip/tj.js' });
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    expect(f[0].detail).toMatchObject({ newScripts: ['http://js.xpj888.vip/tj.js'], newIframes: ['http://bad.example.com/frame.html'] });
    expect(f[0].evidence).toContain('<script src="http://js.xpj888.vip/tj.js">');
    expect(f[0].evidence).toContain('<iframe');
    expect(f[0].detail.similarity).toBe(1);
  });

  it('reports a home page replaced by spam, and honours the configured threshold', () => {
    const hacked = { ...home, title: '澳門賭場-百家樂-真人視訊', text: 'Hacked 澳门赌场 百家乐 注册送彩金' };
    const f = defacementCheck.run(site({ keyPages: [hacked], baselines: [baseline] }), ctx());
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatchObject({ spam: true, newScripts: [], newIframes: [] });
    expect(f[0].detail.similarity as number).toBeLessThan(0.5);
    expect(f[0].evidence).toBe('标题由「海淀区人民政府」变为「澳門賭場-百家樂-真人視訊」');

    const redesigned = { ...home, title: '海淀区人民政府网', text: '欢迎访问 新版网站 建设中' };
    const c = ctx();
    const minor = defacementCheck.run(site({ keyPages: [redesigned], baselines: [baseline] }), c);
    expect(minor).toHaveLength(1);
    expect(minor[0].detail).toMatchObject({ spam: false, newScripts: [], newIframes: [] });
    expect(judge(minor)[0]).toMatchObject({ indicator: 'info', severity: 'minor' });
    const lenient = { ...c, config: { ...c.config, checks: { ...c.config.checks, defacementSimilarity: 0 } } };
    expect(defacementCheck.run(site({ keyPages: [redesigned], baselines: [baseline] }), lenient)).toEqual([]);
  });
});

describe('malicious-redirect (browser pass)', () => {
  const rendered = (as: string, extra: Partial<RenderedFacts> = {}): RenderedFacts => ({
    url: `${ROOT}zcwj/1.html`,
    as,
    finalUrl: `${ROOT}zcwj/1.html`,
    navigatedOffSite: false,
    title: '政策文件',
    injectedLinks: [],
    ...extra,
  });

  it('reports an off-site navigation that happens only when arriving from Baidu', () => {
    const s = site({
      rendered: [
        rendered('browser'),
        rendered('referer:baidu', { finalUrl: 'http://landing.example.com/', navigatedOffSite: true, title: '澳门赌场', screenshot: 'x.png' }),
      ],
    });
    const f = maliciousRedirectSiteCheck.run(s, ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ target: 'http://landing.example.com/', url: `${ROOT}zcwj/1.html` });
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    expect(f[0].detail).toMatchObject({ as: 'referer:baidu', onlyFromSearchEngine: true, screenshot: 'x.png' });
  });

  it('is quiet when no rendering left the site or went to another government site', () => {
    const s = site({
      rendered: [rendered('browser'), rendered('referer:baidu'), rendered('browser', { url: `${ROOT}old.html`, finalUrl: 'http://www.beijing.gov.cn/', navigatedOffSite: true })],
    });
    expect(maliciousRedirectSiteCheck.run(s, ctx())).toEqual([]);
  });
});

describe('hidden-link (browser pass)', () => {
  it('reports hidden spam links that a script injected, and ignores visible or same-site injected links', () => {
    const s = site({
      rendered: [
        {
          url: `${ROOT}index.html`,
          as: 'browser',
          finalUrl: `${ROOT}index.html`,
          navigatedOffSite: false,
          title: '海淀区人民政府',
          injectedLinks: [
            link(`${ROOT}news/9.html`, '最新动态'),
            link(`${ROOT}m/`, '', { hidden: 'display:none' }),
            link('http://spam-casino.test/', '澳门赌场', { hidden: 'display:none', markup: '<a href="http://spam-casino.test/">' }),
            link('http://spam-casino.test/b', '百家乐', { hidden: 'display:none' }),
          ],
        },
      ],
    });
    const f = renderedHiddenLinkCheck.run(s, ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'hidden-link', url: `${ROOT}index.html`, target: 'http://spam-casino.test/' });
    expect(f[0].detail).toMatchObject({ via: 'script-injected', spam: true, links: ['http://spam-casino.test/', 'http://spam-casino.test/b'] });
  });
});
