// Renders any path of the synthetic site on demand from the model. No page is stored; rendering is O(page).
import iconv from 'iconv-lite';
import { buildDocx, buildPdf, buildPng, buildXlsx } from './attachments.js';
import { esc, layout, type FooterOptions } from './html.js';
import {
  COLUMN_DEFS, ITEMS_PER_LIST_PAGE, PLANTED_ATTACHMENTS, SITE_NAME, columnPath, dayToChinese, findAttachment,
  findItemByPath, firstItemOlderThan, item, specialItem, type ColumnModel, type ItemRef, type SiteModel,
} from './model.js';
import { PLANTED_WORDS } from './planted.js';
import { pickParagraphs, pickTitle } from './text.js';

export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RenderRequest {
  headers: Record<string, string | undefined>;
}

const HTML_UTF8 = 'text/html; charset=utf-8';
const RED_PNG = buildPng(48, 58, [200, 20, 20]);
const JIUCUO_PNG = buildPng(110, 55, [30, 90, 180]);

function html(body: string, status = 200, contentType = HTML_UTF8): Rendered {
  return { status, headers: { 'content-type': contentType }, body: Buffer.from(body, 'utf8') };
}

function gbk(body: string, contentType: string, status = 200): Rendered {
  return { status, headers: { 'content-type': contentType }, body: iconv.encode(body, 'gbk') };
}

export class SiteRenderer {
  constructor(
    private readonly m: SiteModel,
    private readonly origin: string,
  ) {}

  private get search(): boolean {
    return !this.m.variant.noSearch;
  }

  title(ref: ItemRef): string {
    switch (ref.special) {
      case 'typo-zhenhan': return '临江市举办新春文艺汇演';
      case 'typo-jiezhi': return '临江市老旧小区改造工作进展顺利';
      case 'decoy-jiezhi': return '关于举办全市政务服务技能竞赛的通知';
      case 'wrong-guoming': return '市财政局开展预算法宣传月活动';
      case 'wrong-saohei': return '市公安局召开专项斗争推进会';
      case 'privacy-table': return '临江市城乡最低生活保障对象名单公示';
      case 'privacy-attachments': return '关于临时救助对象名单的公示';
      case 'consult-15': return '关于《临江市城市绿化管理办法（征求意见稿）》公开征求意见的公告';
      case 'consult-30': return '关于《临江市养犬管理规定（征求意见稿）》公开征求意见的公告';
      default: break;
    }
    const def = ref.col.def;
    if (def.slug === 'zcjd') {
      const policy = item(this.m, this.m.bySlug.get('zcwj')!, ref.i);
      return `《${this.title(policy)}》政策解读`;
    }
    return pickTitle(def.type, this.m.seed, ref.col.index, ref.i, ref.date.slice(0, 4));
  }

  render(rawPath: string, req: RenderRequest): Rendered {
    const url = new URL(rawPath, 'http://x');
    const path = url.pathname;
    if (path === '/' || path === '/index.html') return this.home(req);
    if (path === '/robots.txt') {
      return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`User-agent: *\nDisallow: /bad/hang\n\nSitemap: ${this.origin}/sitemap.xml\n`) };
    }
    if (path === '/sitemap.xml') return this.sitemap();
    if (path === '/wzdt.html') return this.siteMapPage();
    if (path === '/lxwm.html') return this.contactPage();
    if (path === '/images/red.png') return { status: 200, headers: { 'content-type': 'image/png' }, body: RED_PNG };
    if (path === '/images/jiucuo.png') return { status: 200, headers: { 'content-type': 'image/png' }, body: JIUCUO_PNG };
    if (path === '/search' && this.search) return this.searchPage(url.searchParams.get('q') ?? '');
    if (path === '/bad/404.html') return this.notFound(true);
    if (path === '/bad/500.html') return html(layout({ title: `服务器错误_${SITE_NAME}`, search: this.search, main: '<h2>服务器内部错误</h2><p>请稍后再试。</p>' }), 500);
    if (path.startsWith('/bad/')) return this.notFound(true);
    if (path.startsWith('/attach/')) return this.attachment(path) ?? this.notFound(true);
    const list = /^\/col\/([a-z]+)\/(?:index|index_(\d+))\.html$/.exec(path);
    if (list) {
      const col = this.m.bySlug.get(list[1]);
      const page = list[2] === undefined ? 0 : Number(list[2]);
      if (col && page < col.listPages && (list[2] === undefined || page > 0)) return this.listPage(col, page);
    }
    if (/^\/col\/[a-z]+\/?$/.test(path)) {
      const col = this.m.bySlug.get(path.split('/')[2]);
      if (col) return { status: 301, headers: { location: columnPath(col), 'content-type': HTML_UTF8 }, body: Buffer.alloc(0) };
    }
    const ref = findItemByPath(this.m, path);
    if (ref) return this.article(ref);
    return this.notFound(!this.m.defects);
  }

  /** The 「页面不存在」 page: a real 404, or (planted soft-404 defect) the same page with status 200. */
  notFound(real: boolean): Rendered {
    const page = layout({
      title: `页面不存在_${SITE_NAME}`,
      search: this.search,
      main: '<div class="error"><h2>页面不存在</h2><p>您访问的页面不存在或已被删除，请<a href="/">返回首页</a>。</p></div>',
    });
    return html(page, real ? 404 : 200);
  }

  private listItems(col: ColumnModel, from: number, n: number): string {
    const out: string[] = [];
    for (let i = from; i < Math.min(col.count, from + n); i++) {
      const ref = item(this.m, col, i);
      out.push(`<li><a href="${ref.path}" target="_blank">${esc(this.title(ref))}</a><span>${ref.date}</span></li>`);
    }
    return out.join('\n');
  }

  private home(req: RenderRequest): Rendered {
    const m = this.m;
    const spider = m.defects && /Baiduspider/i.test(req.headers['user-agent'] ?? '');
    const blocks = ['ywdt', 'tzgg', 'zcwj', 'bmdt', 'zcjd'].map((slug, k) => {
      const col = m.bySlug.get(slug)!;
      const start = m.variant.staleHome ? firstItemOlderThan(col, 30) : 0;
      return `<div class="block"><h2><a href="${columnPath(col)}">${col.def.name}</a></h2>
<ul class="list">
${this.listItems(col, start, k === 0 ? 8 : 6)}
</ul><a class="more" href="${columnPath(col)}">更多&gt;&gt;</a></div>`;
    });
    const topics = [
      m.defects ? '<a href="/bad/404.html">营商环境专题（旧版）</a>' : '',
      '<a href="http://external.example.org/ok.html" target="_blank">省政府门户网站</a>',
      '<a href="/col/yjzj/index.html">意见征集</a>',
      '<a href="/col/hdjl/index.html">我要留言</a>',
    ].filter(Boolean);
    let bodyStart = '';
    let headExtra = '';
    let welcome = '<p class="welcome">欢迎访问临江市人民政府门户网站。</p>';
    if (m.variant.tampered) {
      headExtra = `<script src="${PLANTED_WORDS.defacementScript}"></script>\n`;
      bodyStart = '<iframe src="http://evil.example.net/frame.html" width="300" height="60"></iframe>\n';
      welcome = '<p class="welcome">Hacked by 0x7e Team —— 本站首页已被改动。</p>';
    }
    let main = `${welcome}
${blocks.join('\n')}
<div class="topics"><h2>专题链接</h2>${topics.join(' ')}</div>`;
    let title = SITE_NAME;
    if (spider) {
      title = PLANTED_WORDS.cloakingTitle;
      main += `\n<div class="friend"><a href="http://spam.example.com/casino.html">澳门赌场</a> <a href="http://spam.example.com/baccarat.html">百家乐</a> <a href="http://spam.example.com/live.html">真人视讯</a></div>`;
    }
    return html(
      layout({
        title,
        metas: [['keywords', '临江市,人民政府,政务公开,政务服务'], ['description', '临江市人民政府门户网站']],
        search: this.search,
        main,
        headExtra,
        bodyStart,
      }),
    );
  }

  private listPage(col: ColumnModel, page: number): Rendered {
    const def = col.def;
    const from = page * ITEMS_PER_LIST_PAGE;
    const pager: string[] = [];
    if (col.listPages > 1) {
      pager.push(`<a href="${columnPath(col)}">首页</a>`);
      if (page > 0) pager.push(`<a href="${columnPath(col, page - 1)}">上一页</a>`);
      if (page < col.listPages - 1) pager.push(`<a href="${columnPath(col, page + 1)}">下一页</a>`);
      pager.push(`<a href="${columnPath(col, col.listPages - 1)}">尾页</a>`);
      pager.push(`<span>第${page + 1}页/共${col.listPages}页</span>`);
    }
    const items = col.count === 0 ? '<p class="empty">暂无信息</p>' : `<ul class="list">\n${this.listItems(col, from, ITEMS_PER_LIST_PAGE)}\n</ul>`;
    const gbkColumn = def.gbk === true;
    // 机构职能's first page declares its charset only in the HTTP header (GBK).
    const headerOnlyGbk = def.slug === 'jgzn' && page === 0;
    const body = layout({
      title: `${def.name}_${SITE_NAME}`,
      charsetMeta: gbkColumn ? 'gb2312' : headerOnlyGbk ? null : 'utf-8',
      metas: [['ColumnName', def.name], ['ColumnType', def.type]],
      search: this.search,
      breadcrumb: [{ text: '首页', href: '/' }, { text: def.name, href: columnPath(col) }],
      main: `<div class="column"><h2>${def.name}</h2>\n${items}\n<div class="pager">${pager.join(' ')}</div></div>`,
    });
    if (gbkColumn) return gbk(body, 'text/html');
    if (headerOnlyGbk) return gbk(body, 'text/html; charset=GBK');
    return html(body);
  }

  private footerFor(ref: ItemRef): FooterOptions {
    return {
      icp: ref.special !== 'missing-icp',
      dangzheng: ref.special !== 'missing-dangzheng',
      jiucuo: ref.special !== 'missing-jiucuo',
    };
  }

  private article(ref: ItemRef): Rendered {
    const def = ref.col.def;
    const title = this.title(ref);
    const paragraphs = pickParagraphs(this.m.seed, ref.col.index, ref.i).map((p) => `<p>${p}</p>`);
    const extra: string[] = [];
    let headTitle = `${title}_${SITE_NAME}`;
    let keywords = `临江市,${def.name}`;
    let headExtra = '';
    const attachments: string[] = [];
    if (ref.attachment) attachments.push(`<a href="${ref.attachment.path}">${esc(title)}.${ref.attachment.ext}</a>`);
    const w = PLANTED_WORDS;
    const p = w.privacy;
    const d = w.privacyDecoys;

    if (def.type === 'consultation') paragraphs.splice(0, paragraphs.length, ...this.consultation(ref));
    if (def.type === 'interaction') paragraphs.splice(0, paragraphs.length, ...this.interaction(ref));
    switch (ref.special) {
      case 'typo-zhenhan':
        paragraphs.splice(1, 0, `<p>演出现场气氛热烈，节目精彩纷呈，给现场观众带来了强烈的视觉${w.typos[0].found}。</p>`);
        break;
      case 'typo-jiezhi':
        paragraphs.splice(0, 0, `<p>${w.typos[1].found}，全市已完成老旧小区改造项目二十三个，惠及居民八千余户。</p>`);
        break;
      case 'decoy-jiezhi':
        paragraphs.push(`<p>${w.typoDecoys[0]}${dayToChinese(ref.day + 20)}，逾期不再受理。</p>`);
        break;
      case 'wrong-guoming':
        paragraphs.splice(0, 0, `<p>为深入学习宣传《${w.wrongExpressions[0].found}预算法》，市财政局组织开展了集中宣传活动。</p>`);
        break;
      case 'wrong-saohei':
        paragraphs.splice(0, 0, `<p>会议要求，要持续推进${w.wrongExpressions[1].found}常态化，保持高压态势。</p>`);
        break;
      case 'sensitive-gambling':
        paragraphs.push(`<p>点击进入${w.sensitive[0].word}，注册即送体验金。</p>`);
        break;
      case 'privacy-table':
        paragraphs.splice(0, paragraphs.length, '<p>根据有关规定，现将新增城乡最低生活保障对象名单予以公示，公示期为七天。</p>');
        extra.push(`<table class="gs" border="1">
<tr><th>序号</th><th>姓名</th><th>身份证号码</th><th>联系电话</th><th>银行卡号</th><th>保障人数</th></tr>
<tr><td>1</td><td>张某某</td><td>${d.maskedId}</td><td>${d.maskedMobile}</td><td>已隐去</td><td>2</td></tr>
<tr><td>2</td><td>李某某</td><td>${p.idCard}</td><td>${p.mobile}</td><td>${p.bankCard}</td><td>1</td></tr>
<tr><td>3</td><td>王某某</td><td>${d.wrongCheckId}</td><td>139****1234</td><td>已隐去</td><td>3</td></tr>
</table>
<p>公示业务编号：${d.orderNumber}　档案编号：${d.longRun}</p>
<p>公示期间如有异议，请向市民政局反映。</p>`);
        break;
      case 'privacy-attachments':
        paragraphs.splice(0, paragraphs.length, '<p>现将临时救助对象名单予以公示，详见附件。</p>');
        attachments.push(`<a href="${PLANTED_ATTACHMENTS.pdf}">临时救助对象名单.pdf</a>`, `<a href="${PLANTED_ATTACHMENTS.xlsx}">临时救助对象明细表.xlsx</a>`);
        break;
      case 'hidden-link':
        extra.push(`${w.hiddenLinkMarkup}<a href="http://spam.example.com/casino.html">${w.hiddenLinkTexts[0]}</a><a href="http://spam.example.com/baccarat.html">${w.hiddenLinkTexts[1]}</a><a href="http://spam.example.com/live.html">${w.hiddenLinkTexts[2]}</a></div>`);
        break;
      case 'seo-spam':
        headTitle = w.seoTitle;
        keywords = w.seoTitle;
        break;
      case 'malicious-redirect':
        headExtra = `<script>(function(){var r=document.referrer;if(/baidu|sogou|so\\.com|sm\\.cn/i.test(r)){window.location.href="${w.redirectTarget}";}})();</script>\n`;
        break;
      case 'dead-500':
        paragraphs.push('<p>活动报名请登录<a href="/bad/500.html">网上报名系统</a>。</p>');
        break;
      case 'dead-gone':
        paragraphs.push('<p>相关链接：<a href="http://external.example.org/gone.html" target="_blank">省级配套政策</a></p>');
        break;
      case 'dead-nxdomain':
        paragraphs.push('<p>更多办事指南请访问<a href="http://nxdomain.example.org/" target="_blank">原市民服务平台</a>。</p>');
        break;
      case 'dead-attach':
        attachments.push(`<a href="${PLANTED_ATTACHMENTS.missing}">资金安排明细表.pdf</a>`);
        break;
      default:
        break;
    }

    if (def.slug === 'zcwj' && ref.special !== 'interp-missing') {
      const jd = item(this.m, this.m.bySlug.get('zcjd')!, ref.i);
      extra.push(`<p class="jd">相关解读：<a href="${jd.path}">${esc(this.title(jd))}</a></p>`);
    }
    if (def.slug === 'zcjd') {
      const policy = item(this.m, this.m.bySlug.get('zcwj')!, ref.i);
      extra.push(`<p>原文链接：<a href="${policy.path}">${esc(this.title(policy))}</a></p>`);
      extra.push(`<p class="jdxx">解读单位：临江市发展和改革委员会　责任人：刘明　联系电话：0417-2825010</p>`);
    }
    if (attachments.length) extra.push(`<div class="attach">附件：${attachments.join('　')}</div>`);

    const charsetWrong = ref.special === 'charset-wrong';
    const gbkPage = def.gbk === true || charsetWrong;
    const page = layout({
      title: headTitle,
      charsetMeta: gbkPage ? 'gb2312' : 'utf-8',
      metas: [
        ['keywords', keywords],
        ['description', title],
        ['ColumnName', def.name],
        ['ArticleTitle', title],
        ['PubDate', `${ref.date} ${ref.time}`],
        ['ContentSource', def.source],
      ],
      search: this.search,
      headExtra,
      breadcrumb: [{ text: '首页', href: '/' }, { text: def.name, href: columnPath(ref.col) }, { text: '正文' }],
      main: `<div class="article"><h1>${esc(title)}</h1>
<div class="info">发布时间：${ref.date} ${ref.time}　来源：${def.source}</div>
<div class="content">
${paragraphs.join('\n')}
${extra.join('\n')}
</div></div>`,
      footer: this.footerFor(ref),
    });
    // A page whose header claims UTF-8 while the body is GBK (with a gb2312 meta): wrongly declared.
    if (charsetWrong) return gbk(page, HTML_UTF8);
    if (gbkPage) return gbk(page, 'text/html');
    return html(page);
  }

  private consultation(ref: ItemRef): string[] {
    const planted = ref.special === 'consult-15';
    const lastDay = planted ? 14 : ref.special === 'consult-30' ? 30 : 30 + (ref.i % 10);
    const name = this.title(ref).replace(/^关于《/, '《').replace(/》公开征求意见的公告$/, '》');
    return [
      `<p>为提高立法质量，现将${name}全文公布，公开征求社会各界意见。</p>`,
      `<p>征集时间：${dayToChinese(ref.day)}至${dayToChinese(ref.day + lastDay)}</p>`,
      '<p>意见反馈方式：可通过本网站意见征集栏目在线提交，或通过信函寄至临江市司法局。</p>',
      `<p>起草说明：本办法依据有关法律法规，结合本市实际起草，主要规定了适用范围、职责分工和监督管理等内容。</p>`,
    ];
  }

  private interaction(ref: ItemRef): string[] {
    const replyDay = ref.day;
    const askedDay = ref.day - 3;
    return [
      `<p>留言人：网友　留言时间：${dayToChinese(askedDay)}</p>`,
      `<p>留言内容：${esc(this.title(ref))}，希望有关部门予以答复。</p>`,
      `<p>答复单位：临江市人民政府办公室　答复时间：${dayToChinese(replyDay)}</p>`,
      '<p>答复内容：您好，您反映的问题已转交相关部门办理，感谢您对我市工作的关心和支持。</p>',
    ];
  }

  private attachment(path: string): Rendered | undefined {
    const p = PLANTED_WORDS.privacy;
    if (this.m.defects && path === PLANTED_ATTACHMENTS.pdf) {
      return { status: 200, headers: { 'content-type': 'application/pdf' }, body: buildPdf([
        'Linjiang Civil Affairs Bureau',
        'Temporary assistance recipients (public notice)',
        'No. 1  Name: Zhao (masked)  Amount: 1200',
        `ID No.: ${p.pdfIdCard}`,
      ]) };
    }
    if (this.m.defects && path === PLANTED_ATTACHMENTS.xlsx) {
      return { status: 200, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: buildXlsx([
        ['序号', '姓名', '身份证号码', '联系电话', '救助金额（元）'],
        [1, '赵某某', p.xlsxIdCard, p.xlsxMobile, 1200],
        [2, '钱某某', PLANTED_WORDS.privacyDecoys.maskedId, PLANTED_WORDS.privacyDecoys.maskedMobile, 800],
      ]) };
    }
    const found = findAttachment(this.m, path);
    if (!found) return undefined;
    const title = this.title(found.from);
    if (found.ext === 'pdf') {
      return { status: 200, headers: { 'content-type': 'application/pdf' }, body: buildPdf([
        'Linjiang Municipal People\'s Government',
        `Attachment ${found.id} (${found.from.date})`,
        'Summary of the work arrangements; see the notice for details.',
      ]) };
    }
    if (found.ext === 'docx') {
      return { status: 200, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, body: buildDocx([
        title, ...pickParagraphs(this.m.seed, found.from.col.index, found.from.i).slice(0, 2),
      ]) };
    }
    return { status: 200, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: buildXlsx([
      ['项目', '金额（万元）', '备注'],
      ['一般公共预算支出', 1250.5, title],
      ['政府性基金支出', 320, '按计划执行'],
    ]) };
  }

  private sitemap(): Rendered {
    const urls = [`${this.origin}/`, ...this.m.columns.map((c) => `${this.origin}${columnPath(c)}`)];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `<url><loc>${u}</loc></url>`).join('\n')}\n</urlset>\n`;
    return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8' }, body: Buffer.from(xml) };
  }

  private siteMapPage(): Rendered {
    const links = this.m.columns.map((c) => `<li><a href="${columnPath(c)}">${c.def.name}</a></li>`).join('\n');
    return html(layout({ title: `网站地图_${SITE_NAME}`, search: this.search, breadcrumb: [{ text: '首页', href: '/' }, { text: '网站地图' }], main: `<h2>网站地图</h2>\n<ul>\n${links}\n</ul>` }));
  }

  private contactPage(): Rendered {
    return html(layout({
      title: `联系我们_${SITE_NAME}`, search: this.search, breadcrumb: [{ text: '首页', href: '/' }, { text: '联系我们' }],
      main: '<h2>联系我们</h2><p>主办单位：临江市人民政府办公室</p><p>地址：临江市滨江区人民路1号</p><p>联系电话：0417-2825000</p>',
    }));
  }

  private searchPage(q: string): Rendered {
    const query = q.trim().slice(0, 50);
    const hits: string[] = [];
    if (query) {
      // Only the newest items of each column are searched: bounded work per request at any site size.
      for (const col of this.m.columns) {
        for (let i = 0; i < Math.min(col.count, 50) && hits.length < 20; i++) {
          const ref = item(this.m, col, i);
          const t = this.title(ref);
          if (t.includes(query)) hits.push(`<li><a href="${ref.path}">${esc(t)}</a><span>${ref.date}</span></li>`);
        }
      }
    }
    const main = `<h2>搜索结果</h2><p>关键词：${esc(query)}，共找到${hits.length}条结果。</p>\n<ul class="results">\n${hits.join('\n')}\n</ul>`;
    return html(layout({ title: `搜索结果_${SITE_NAME}`, search: true, main }));
  }
}

export function columnNames(): string[] {
  return COLUMN_DEFS.map((c) => c.name);
}

export { specialItem };
