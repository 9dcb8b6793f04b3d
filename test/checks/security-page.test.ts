// Page-level security checks on hand-built facts, with the real text engine and bundled dictionaries.
import { describe, expect, it } from 'vitest';
import { hiddenLinkCheck } from '../../src/checks/security/hidden-link.js';
import { maliciousRedirectPageCheck } from '../../src/checks/security/malicious-redirect.js';
import { seoSpamCheck } from '../../src/checks/security/seo-spam.js';
import { isSpamSegment, plain, scoreSegment } from '../../src/checks/security/spam-vocabulary.js';
import { securityPageChecks, securitySiteChecks } from '../../src/checks/security/index.js';
import { judge } from './judge.js';
import { ROOT, ctx, link, page } from './security-helpers.js';

describe('hidden-link', () => {
  it('reports one finding per hidden container of off-site spam links, as a veto candidate', () => {
    const p = page({
      hiddenBlocks: [{ reason: 'display:none', text: '澳门赌场 百家乐 成人视频', markup: '<div style="display:none">', linkCount: 3 }],
      links: [
        link(`${ROOT}news/1.html`, '通知公告'),
        link('http://www.amdc888.com/', '澳门赌场', { hidden: 'display:none' }),
        link('http://www.amdc888.com/bjl', '百家乐', { hidden: 'display:none' }),
        link('http://av.example.cc/', '成人视频', { hidden: 'display:none' }),
      ],
    });
    const f = hiddenLinkCheck.run(p, ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'hidden-link', target: 'http://www.amdc888.com/' });
    expect(f[0]).not.toHaveProperty('severity'); // the check reports what it saw; the rules weigh it
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    expect(f[0].detail).toMatchObject({ reason: 'display:none', spam: true, links: ['http://www.amdc888.com/', 'http://www.amdc888.com/bjl', 'http://av.example.cc/'] });
    expect(f[0].detail.spamWords).toEqual(expect.arrayContaining(['澳门赌场', '百家乐', '成人视频']));
    expect(f[0].evidence).toContain('<div style="display:none">');
    expect(f[0].evidence).toContain('澳门赌场');
    expect(f[0].detail.advice).toContain('暗链');
  });

  it('reports off-screen sold links without spam words, and two containers as two findings', () => {
    const p = page({
      hiddenBlocks: [
        { reason: 'off-screen', text: '网站建设 SEO优化', markup: '<div style="position:absolute;left:-9999px">', linkCount: 2 },
        { reason: 'font-size:0', text: '六合彩', markup: '<p style="font-size:0">', linkCount: 1 },
      ],
      links: [
        link('http://www.jianzhan.com/', '网站建设', { hidden: 'off-screen' }),
        link('http://seo.example.net/', 'SEO优化', { hidden: 'off-screen' }),
        link('http://lhc.example.top/', '六合彩', { hidden: 'font-size:0' }),
      ],
    });
    const f = hiddenLinkCheck.run(p, ctx());
    expect(f).toHaveLength(2);
    expect(f[0].detail).toMatchObject({ reason: 'off-screen', spam: false });
    expect(f[1].detail).toMatchObject({ reason: 'font-size:0', spam: true, spamWords: ['六合彩'] });
  });

  it('does not flag a hidden dropdown menu of same-site and government links, a skip-link or an empty anchor', () => {
    const p = page({
      hiddenBlocks: [{ reason: 'display:none', text: '政务公开 政策文件 市政府网站', markup: '<ul class="sub-menu" style="display:none">', linkCount: 3 }],
      links: [
        link(`${ROOT}zwgk/`, '政务公开', { hidden: 'display:none', place: 'nav' }),
        link(`${ROOT}zcwj/`, '政策文件', { hidden: 'display:none', place: 'nav' }),
        link('http://www.beijing.gov.cn/', '市政府网站', { hidden: 'display:none', place: 'nav' }),
        link(`${ROOT}index.html#main`, '跳到主要内容', { hidden: 'off-screen' }),
        link(`${ROOT}x.html`, '', { hidden: 'zero-size' }),
      ],
    });
    expect(hiddenLinkCheck.run(p, ctx())).toEqual([]);
  });

  it('does not flag a hidden police-site menu that names vice as a topic', () => {
    const p = page({
      hiddenBlocks: [{ reason: 'display:none', text: '严厉打击六合彩违法犯罪', markup: '<div class="menu">', linkCount: 1 }],
      links: [link(`${ROOT}dj/`, '严厉打击六合彩违法犯罪', { hidden: 'display:none' })],
    });
    expect(hiddenLinkCheck.run(p, ctx())).toEqual([]);
  });
});

describe('seo-spam', () => {
  it('parses the traditional-character spam title', () => {
    const f = seoSpamCheck.run(page({ title: '澳門賭場,六合彩,成人視頻,一夜情,百家樂' }), ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'seo-spam', evidence: '澳門賭場,六合彩,成人視頻,一夜情,百家樂' });
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    expect(f[0].detail.where).toBe('title');
    expect(f[0].detail.words).toEqual(expect.arrayContaining(['澳门赌场', '六合彩', '成人视频', '一夜情', '百家乐']));
  });

  it('reports stuffed keywords and description separately, once per place', () => {
    const f = seoSpamCheck.run(
      page({ meta: { keywords: '百家乐,真人视讯,首存送彩金,皇冠现金网', description: '澳门新葡京官网，注册送彩金，线上博彩第一平台' } }),
      ctx(),
    );
    expect(f.map((x) => x.detail.where).sort()).toEqual(['description', 'keywords']);
    expect(f.find((x) => x.detail.where === 'keywords')!.evidence).toBe('百家乐,真人视讯,首存送彩金,皇冠现金网');
  });

  it('reports a body with a block of spam links', () => {
    const p = page({
      text: '海淀区人民政府 澳门赌场 百家乐 一夜情 通知公告',
      links: [link('http://a.example.com/', '澳门赌场'), link('http://b.example.com/', '百家乐'), link('http://c.example.com/', '一夜情')],
    });
    const f = seoSpamCheck.run(p, ctx());
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatchObject({ where: 'body' });
    expect(f[0].evidence).toContain('澳门赌场');
  });

  it('leaves ordinary titles and an anti-gambling notice alone', () => {
    expect(seoSpamCheck.run(page({ title: '海淀区人民政府关于做好防汛工作的通知' }), ctx())).toEqual([]);
    const notice = page({
      title: '关于严厉打击六合彩、时时彩等非法赌博违法犯罪活动的通告',
      text: '为严厉打击六合彩、时时彩、百家乐等赌博违法犯罪活动，维护社会治安秩序，现通告如下。',
    });
    expect(seoSpamCheck.run(notice, ctx())).toEqual([]);
  });
});

describe('seo-spam by structure (vocabulary families, the page own words)', () => {
  const article = (extra: Parameters<typeof page>[0]) =>
    page({ kind: 'article', text: '海淀区人民政府关于做好2025年防汛工作的通知 各街道办事处、各委办局：现将有关事项通知如下。', ...extra });

  it('finds a gambling-platform title whose words are in no list, and names the foreign items', () => {
    const f = seoSpamCheck.run(article({ title: '金沙娱乐官网_真人视讯开户_线上体育投注平台_棋牌捕鱼提现秒到_海淀区人民政府' }), ctx());
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatchObject({ where: 'title', method: 'structure', families: ['gambling'] });
    expect(f[0].detail.segments).toHaveLength(4); // the site name at the end is the page's own
    expect(f[0].message).toContain('与页面自身内容无关');
  });

  it('scores 「X区」 numbering and 在线/免费/观看/视频/高清 combinations', () => {
    expect(scoreSegment(plain('一区二区三区')).families).toEqual(['zone']);
    expect(isSpamSegment(scoreSegment(plain('亚洲区')))).toBe(true);
    expect(isSpamSegment(scoreSegment(plain('免费高清在线观看')))).toBe(true);
    for (const ok of ['高新区', '视频新闻', '在线办事', '免费开放', '福利彩票', '成人教育', '文化娱乐', '一区两园', '久久为功']) {
      expect(isSpamSegment(scoreSegment(plain(ok))), ok).toBe(false);
    }
  });

  it('drops mirror pinyin annotations and traditional characters before comparing', () => {
    expect(plain('營(yíng)口市發(fā)布')).toBe('营口市发布');
    // A traditional, pinyin-annotated page whose title names its own article is not spam, whatever its words.
    const own = article({
      title: '免費(fèi)觀看_高清視頻_在線播放_營(yíng)口新聞',
      text: '營(yíng)口新聞 免費(fèi)觀看 高清視頻 在線播放 市融媒體中心',
    });
    expect(seoSpamCheck.run(own, ctx())).toEqual([]);
  });

  it('compares the title with the headline (h1, ArticleTitle, breadcrumb), not only the body', () => {
    const title = '国产精品无码_亚洲精品不卡_久久精品视频';
    expect(seoSpamCheck.run(article({ title, headline: '国产精品无码 亚洲精品不卡 久久精品视频', text: '' }), ctx())).toEqual([]);
    expect(seoSpamCheck.run(article({ title, meta: { articletitle: '国产精品无码、亚洲精品不卡、久久精品视频' }, text: '' }), ctx())).toEqual([]);
    expect(seoSpamCheck.run(article({ title, text: '' }), ctx())).toHaveLength(1);
  });

  it('finds injected keywords and description the same way', () => {
    const f = seoSpamCheck.run(
      article({
        meta: {
          keywords: '日韩欧美在线,国产精品视频,无码中文字幕,海淀区',
          description: '太阳城娱乐是亚洲最具信誉的博彩平台，提供真人百家乐、体育投注、时时彩',
        },
      }),
      ctx(),
    );
    expect(f.map((x) => x.detail.where).sort()).toEqual(['description', 'keywords']);
  });

  it('finds two hijacked navigation entries of gambling vocabulary', () => {
    const p = article({ links: [link('http://www.hd.gov.cn/zcfg/', '政策法规'), link('http://x.example.cc/', '真人真钱'), link('http://y.example.cc/', '网上娱乐城')] });
    const f = seoSpamCheck.run(p, ctx());
    expect(f).toHaveLength(1);
    expect(f[0].detail.where).toBe('body');
    expect(f[0].evidence).toBe('真人真钱、网上娱乐城');
  });

  it('stays quiet on pages that discuss vice: police notices, 反诈 publicity, court reports', () => {
    const quiet = [
      article({ title: '关于严厉打击“裸聊”敲诈、网络赌博、“免费观看”色情视频诈骗的通告', text: '警方提醒：免费观看、在线约会、棋牌返利都是诈骗。' }),
      article({ title: '警惕！“高清视频在线观看”“真人百家乐”“彩票投注平台”都是诈骗陷阱', text: '反诈中心提醒' }),
      article({ title: '被告人张某某开设赌场罪一审刑事判决书', text: '被告人在网络平台开设真人百家乐、体育投注等赌博项目。' }),
      article({ title: '扫黄打非_无码盗版音像制品_非法出版物_专项整治', text: '' }),
      article({ links: [link('http://www.hd.gov.cn/a', '严厉打击网络赌博“真人百家乐”'), link('http://www.hd.gov.cn/b', '警惕“免费观看”成人视频陷阱')] }),
    ];
    for (const p of quiet) expect(seoSpamCheck.run(p, ctx()), p.title).toEqual([]);
  });
});

describe('malicious-redirect (page)', () => {
  const script = (inline: string) => ({ inline, markup: '<script>' });

  it('flags a referrer-conditioned redirect to a foreign site, with the target', () => {
    const p = page({
      scripts: [script(`var r = document.referrer; if (r.indexOf("baidu") > -1 || r.indexOf("sogou") > -1) { window.location.href = "http://www.amdc888.vip/?from=gov"; }`)],
    });
    const f = maliciousRedirectPageCheck.run(p, ctx());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ check: 'malicious-redirect', target: 'http://www.amdc888.vip/?from=gov' });
    expect(f[0].detail).toMatchObject({ via: 'script', condition: 'referrer', obfuscated: false, spam: true });
    expect(judge(f)[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
  });

  it('flags a spider-UA test that writes a foreign script, and an escaped (\\x) referrer redirect', () => {
    const spider = page({
      scripts: [script(`if (/baiduspider|googlebot/i.test(navigator.userAgent)) { document.write('<script src="http://spam.example.cc/a.js"><\\/script>'); }`)],
    });
    const f1 = maliciousRedirectPageCheck.run(spider, ctx());
    expect(f1).toHaveLength(1);
    expect(f1[0].detail).toMatchObject({ condition: 'spider' });
    // document["referrer"] and the target, written with \\x escapes so that plain greps miss them.
    const hex = (s: string) => [...s].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    const escaped = page({
      scripts: [script(`var a = document["${hex('referrer')}"]; if (/baidu|so\\.com/.test(a)) { top.location.replace("${hex('http://xpj.example.com/')}"); }`)],
    });
    const f2 = maliciousRedirectPageCheck.run(escaped, ctx());
    expect(f2).toHaveLength(1);
    expect(f2[0]).toMatchObject({ target: 'http://xpj.example.com/' });
    expect(f2[0].detail).toMatchObject({ obfuscated: true });
  });

  it('flags a String.fromCharCode-built redirect', () => {
    const codes = [...'http://bet.example.top/'].map((c) => c.charCodeAt(0)).join(',');
    const p = page({ scripts: [script(`if (document.referrer.match(/baidu|bing/)) { location.href = String.fromCharCode(${codes}); }`)] });
    const f = maliciousRedirectPageCheck.run(p, ctx());
    expect(f).toHaveLength(1);
    expect(f[0].target).toBe('http://bet.example.top/');
  });

  it('flags a foreign meta refresh and a spam-looking external loader (minor)', () => {
    const p = page({
      links: [link('http://www.example.com/landing', '', { tag: 'meta-refresh', markup: '<meta http-equiv="refresh" content="0;url=http://www.example.com/landing">' })],
      scripts: [{ src: 'http://js.tj888.vip/tj.js', markup: '<script src="http://js.tj888.vip/tj.js">' }],
    });
    const f = maliciousRedirectPageCheck.run(p, ctx());
    expect(f.map((x) => x.detail.via)).toEqual(['meta-refresh', 'external-script']);
    expect(judge(f).map((x) => [x.check, x.severity])).toEqual([
      ['malicious-redirect', 'minor'],
      ['malicious-redirect', 'minor'],
    ]);
  });

  it('ignores a move to the site\'s new government domain, a mobile redirect and analytics snippets', () => {
    const p = page({
      links: [link('http://www.haidian.gov.cn/', '', { tag: 'meta-refresh' })],
      scripts: [
        script(`window.location.href = "http://www.haidian.gov.cn/";`),
        script(`if (/Android|iPhone/i.test(navigator.userAgent)) { location.href = "http://m.hd.gov.cn/"; }`),
        script(`var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?abc"; var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();`),
        script(`if (document.referrer.indexOf("baidu") > -1) { location.href = "${ROOT}m/"; }`),
      ],
    });
    expect(maliciousRedirectPageCheck.run(p, ctx())).toEqual([]);
  });
});

describe('security check lists', () => {
  it('exports the page and site checks by id', () => {
    expect(securityPageChecks.map((c) => c.id)).toEqual(['hidden-link', 'seo-spam', 'malicious-redirect']);
    expect(securitySiteChecks.map((c) => c.id)).toEqual(['hidden-link', 'malicious-redirect', 'cloaking', 'defacement']);
    expect([...securityPageChecks, ...securitySiteChecks].every((c) => c.run.length === 2)).toBe(true);
  });
});
