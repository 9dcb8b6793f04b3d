// Synthetic pages for what real pages rarely show on demand: each hidden-link trick, refresh and
// base links, malformed markup and the size bounds.
import { describe, expect, it } from 'vitest';
import { createExtractor } from '../../src/crawl/extract/index.js';
import { srcsetUrls } from '../../src/crawl/extract/extractor.js';
import { facts, html, input } from './extract-helpers.js';

const hiddenOf = (body: string, head = '') => {
  const p = facts(html(body + '<a href="/visible.html">可见链接</a>', head));
  return { p, spam: p.links.find((l) => l.url.includes('spam')), visible: p.links.find((l) => l.url.endsWith('/visible.html')) };
};

describe('hidden links', () => {
  const cases: Array<[string, string, string, string?]> = [
    ['display:none', '<div style="display:none"><a href="http://spam.example/1">博彩</a></div>', 'display:none'],
    ['visibility:hidden', '<p style="visibility: hidden"><a href="http://spam.example/1">博彩</a></p>', 'visibility:hidden'],
    ['off-screen', '<div style="position:absolute; left:-9999px; top:0"><a href="http://spam.example/1">博彩</a></div>', 'off-screen'],
    ['zero-size', '<div style="height:0;overflow:hidden"><a href="http://spam.example/1">博彩</a></div>', 'zero-size'],
    ['1px zero-size', '<div style="width:1px;height:1px;overflow:hidden"><a href="http://spam.example/1">博彩</a></div>', 'zero-size'],
    ['font-size:0', '<span style="font-size:0"><a href="http://spam.example/1">博彩</a></span>', 'font-size:0'],
    ['same colour inline', '<div style="color:#fff;background:#ffffff"><a href="http://spam.example/1">博彩</a></div>', 'same-colour'],
    ['tiny marquee', '<marquee height="1" width="1"><a href="http://spam.example/1">博彩</a></marquee>', 'tiny-marquee'],
    ['fast marquee', '<marquee scrollamount="3000"><a href="http://spam.example/1">博彩</a></marquee>', 'tiny-marquee'],
    ['hidden attribute', '<section hidden><a href="http://spam.example/1">博彩</a></section>', 'hidden-attribute'],
    ['<style> class rule', '<div class="yc"><a href="http://spam.example/1">博彩</a></div>', 'display:none', '<style>.yc{display:none}</style>'],
    ['<style> descendant rule', '<div id="ft"><ul class="l"><li><a href="http://spam.example/1">博彩</a></li></ul></div>', 'off-screen', '<style>#ft .l { position:absolute; top:-3000px }</style>'],
    ['<style> colour = ancestor background', '<div class="bg"><p class="fg"><a href="http://spam.example/1">博彩</a></p></div>', 'same-colour', '<style>.bg{background-color:rgb(255,255,255)} .fg{color:white}</style>'],
  ];
  for (const [name, body, reason, head] of cases) {
    it(name, () => {
      const { p, spam, visible } = hiddenOf(body, head);
      expect(spam?.hidden).toBe(reason);
      expect(visible?.hidden).toBeUndefined();
      expect(p.text).not.toContain('博彩');
      expect(p.text).toContain('可见链接');
      expect(p.hiddenBlocks).toHaveLength(1);
      expect(p.hiddenBlocks[0]).toMatchObject({ reason, text: '博彩', linkCount: 1 });
      expect(p.hiddenBlocks[0].markup.startsWith('<')).toBe(true);
    });
  }
  it('ignores unsupported selectors and does not hide ordinary coloured text', () => {
    const { spam } = hiddenOf('<div class="a"><a href="http://spam.example/1">x</a></div>', '<style>div > .a{display:none} a:hover{display:none} .a{color:#333}</style>');
    expect(spam?.hidden).toBeUndefined();
  });
  it('script and style contents are not text', () => {
    const p = facts(html('<script>var 博彩 = 1;</script><style>.x{}</style><p>正文</p>'));
    expect(p.text).toBe('正文');
    expect(p.scripts[0].inline).toBe('var 博彩 = 1;');
  });
});

describe('links', () => {
  it('meta refresh, base href and every link-bearing tag', () => {
    const p = facts(
      html(
        '<a href="list/index.html">列表</a><img src="/i.png" alt="图"><iframe src="frame.html"></iframe><embed src="e.swf"><video><source src="v.mp4"></video><map><area href="area.html" alt="区"></map><script src="s.js"></script><a href="javascript:void(0)">x</a><a href="#top">顶</a>',
        '<base href="http://www.example.gov.cn/base/"><meta http-equiv="refresh" content="0; url=http://evil.example/go"><link rel="stylesheet" href="c.css"><link rel="canonical" href="x">',
      ),
    );
    const by = (tag: string) => p.links.filter((l) => l.tag === tag).map((l) => l.url);
    expect(by('meta-refresh')).toEqual(['http://evil.example/go']);
    expect(by('a')).toEqual(['http://www.example.gov.cn/base/list/index.html']);
    expect(by('img')).toEqual(['http://www.example.gov.cn/i.png']);
    expect(by('iframe')).toEqual(['http://www.example.gov.cn/base/frame.html']);
    expect(by('embed')).toEqual(['http://www.example.gov.cn/base/e.swf']);
    expect(by('source')).toEqual(['http://www.example.gov.cn/base/v.mp4']);
    expect(by('area')).toEqual(['http://www.example.gov.cn/base/area.html']);
    expect(by('script')).toEqual(['http://www.example.gov.cn/base/s.js']);
    expect(by('link')).toEqual(['http://www.example.gov.cn/base/c.css']);
    expect(p.links.find((l) => l.tag === 'img')?.text).toBe('图');
    expect(p.links.find((l) => l.tag === 'meta-refresh')?.place).toBe('head');
    expect(p.scripts[0].src).toBe('http://www.example.gov.cn/base/s.js');
  });
  it('srcset candidates and video posters are links too (each is a file the server must have)', () => {
    const p = facts(
      html(
        '<img src="/s.jpg" srcset="/s.jpg 1x, /l.jpg 2x" alt="会议"><picture><source srcset="/w480.webp 480w,/w1080.webp 1080w" type="image/webp"><img src="/p.jpg" alt="照片"></picture>' +
          '<video poster="/poster.png" title="宣传片"><source src="/v.mp4"></video><img srcset="/a,b.jpg 1x, data:image/png;base64,AAAA 2x">',
      ),
    );
    const by = (tag: string) => p.links.filter((l) => l.tag === tag).map((l) => new URL(l.url).pathname);
    expect(by('img')).toEqual(['/s.jpg', '/l.jpg', '/p.jpg', '/poster.png', '/a,b.jpg']);
    expect(by('source')).toEqual(['/w480.webp', '/w1080.webp', '/v.mp4']);
    expect(p.links.find((l) => l.url.endsWith('/l.jpg'))?.text).toBe('会议');
    const poster = p.links.find((l) => l.url.endsWith('/poster.png'))!;
    expect(poster.text).toBe('宣传片');
    expect(poster.markup).toMatch(/^<video poster="\/poster.png"/);
  });

  it('reads srcset by the HTML candidate syntax', () => {
    expect(srcsetUrls('a.jpg 1x, b.jpg 2x')).toEqual(['a.jpg', 'b.jpg']);
    expect(srcsetUrls('s.jpg 480w,l.jpg 1080w')).toEqual(['s.jpg', 'l.jpg']);
    expect(srcsetUrls('  one.png  ')).toEqual(['one.png']);
    expect(srcsetUrls('x.png,y.png 2x')).toEqual(['x.png,y.png']); // a comma inside a URL does not split it
    expect(srcsetUrls('x.png, y.png 2x')).toEqual(['x.png', 'y.png']);
    expect(srcsetUrls('')).toEqual([]);
    expect(srcsetUrls(Array.from({ length: 50 }, (_, i) => `/${i}.jpg ${i}w`).join(', '))).toHaveLength(8);
  });

  it('places: nav, breadcrumb, list with dates, footer, body', () => {
    const p = facts(
      html(`<div class="nav"><a href="/zwgk/">政务公开</a></div>
      <div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
      <ul><li><a href="/n/1.html">通知一</a><span>2024-05-06</span></li><li><a href="/n/2.html">通知二</a> [11-30]</li>
      <li><a href="/n/3.html">通知三</a>2023年1月2日</li><li><a href="/n/4.html">通知四</a> 2023/02/03</li><li><a href="/n/5.html">通知五</a>(2023.03.04)</li></ul>
      <div id="footer"><a href="/lxwm/">联系我们</a></div><p><a href="/other.html">其他</a></p>`),
      'http://www.example.gov.cn/zwgk/tzgg/index.html',
    );
    const place = (t: string) => p.links.find((l) => l.text === t)?.place;
    expect(place('政务公开')).toBe('nav');
    expect(place('首页')).toBe('breadcrumb');
    expect(place('通知一')).toBe('list');
    expect(place('联系我们')).toBe('footer');
    expect(place('其他')).toBe('body');
    expect(p.breadcrumb).toEqual(['首页', '政务公开', '通知公告']);
    expect(p.columnName).toBe('通知公告');
    expect(p.listDates).toEqual(['2024-05-06', '2025-11-30', '2023-01-02', '2023-02-03', '2023-03-04']);
    expect(p.kind).toBe('list');
  });
  it('pagination links of the same column', () => {
    const p = facts(
      html('<div class="page"><a href="index_1.html">2</a><a href="index_2.html">下一页</a><a href="index_9.html">尾页</a><a href="/other/index_2.html">下一页</a></div>'),
      'http://www.example.gov.cn/zwgk/tzgg/index.html',
    );
    expect(p.pagination).toEqual(['http://www.example.gov.cn/zwgk/tzgg/index_1.html', 'http://www.example.gov.cn/zwgk/tzgg/index_2.html', 'http://www.example.gov.cn/zwgk/tzgg/index_9.html']);
  });
  it('site search: form, box and link', () => {
    expect(facts(html('<form action="/search/s.jsp"><input name="q"><button>搜索</button></form>')).search).toEqual({ form: true, action: 'http://www.example.gov.cn/search/s.jsp' });
    expect(facts(html('<input type="text" placeholder="请输入关键词">')).search).toEqual({ form: true });
    expect(facts(html('<a href="/sousuo/index.html">高级</a>')).search.form).toBe(true);
    expect(facts(html('<form action="/login"><input name="user"></form>')).search.form).toBe(false);
  });
  it('identifiers: 找错 link, placeholder, script site code', () => {
    const link = facts(html('<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1304000009"><img src="/jiucuo.png"></a>'));
    expect(link.identifiers.jiucuo).toBe('link');
    const byText = facts(html('<a href="/x">我为政府网站找错</a>'));
    expect(byText.identifiers.jiucuo).toBe('link');
    const script = facts(html('<script id="_jiucuo_" sitecode="bm01000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>'));
    expect(script.identifiers).toMatchObject({ jiucuo: 'script', siteIdCode: { value: 'bm01000001', where: 'script' } });
    const none = facts(html('<p>页脚</p>'));
    expect(none.identifiers).toEqual({ dangzheng: false, jiucuo: false });
  });
});

describe('malformed and hostile input', () => {
  it('unclosed tags, stray -->, a huge attribute: no crash, text and links kept', () => {
    const huge = 'x'.repeat(300_000);
    const p = facts(`<html><body><div><p>第一段<a href="/a.html" data-x="${huge}">链接<div> --> 第二段 <table><tr><td>格<li>项</ul></span>`);
    expect(p.text).toContain('第一段');
    expect(p.text).toContain('第二段');
    expect(p.links[0].url).toBe('http://www.example.gov.cn/a.html');
    expect(p.links[0].markup!.length).toBeLessThanOrEqual(200);
  });
  it('deep nesting is capped, text bounded, links bounded', () => {
    const deep = '<div>'.repeat(2000) + '深处' + '</div>'.repeat(2000);
    const many = Array.from({ length: 6000 }, (_, i) => `<a href="/p${i}.html">${i}</a>`).join('');
    const p = facts(html(deep + many + '长文本'.repeat(10_000)), undefined, { maxTextChars: 5000 });
    expect(p.text.length).toBeLessThanOrEqual(5000);
    expect(p.links).toHaveLength(5000);
    expect(p.notes.join()).toMatch(/截断/);
    expect(p.notes.join()).toMatch(/链接超过/);
  });
  it('binary junk and an empty body do not throw', () => {
    const ex = createExtractor(input('http://www.example.gov.cn/'));
    ex.write(Buffer.from([0, 255, 254, 60, 0, 62, 200, 201]));
    expect(ex.end().outcome).toBe('ok');
    expect(createExtractor(input('http://www.example.gov.cn/')).end().text).toBe('');
  });
});

describe('headline and empty list containers', () => {
  it('takes the first visible <h1> with text as the headline (a logo-only or hidden <h1> leaves room for the next)', () => {
    const p = facts(html('<h1><img src="logo.png" alt=""></h1><h1 style="display:none">隐藏标题</h1><h1>关于做好 <span>防汛</span> 工作的通知</h1><h1>第二个</h1>'));
    expect(p.headline).toBe('关于做好 防汛 工作的通知');
    expect(facts(html('<p>无标题</p>')).headline).toBeUndefined();
  });

  it('records the first list container that holds no link and no text, and none when the list has items', () => {
    expect(facts(html('<div class="list_box"><ul class="list"></ul></div><div class="news"><a href="/a.html">一条</a></div>')).emptyList).toBe('<div class="list_box">');
    expect(facts(html('<ul class="list"><li><a href="/a.html">一条</a></li></ul>')).emptyList).toBeUndefined();
    expect(facts(html('<div class="list"><p>暂无信息</p></div>')).emptyList).toBeUndefined(); // says it is empty: the text shape
  });
});
