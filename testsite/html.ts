// Page layout shared by every page of the synthetic site: head metas, header with search, navigation, footer.
import { COLUMN_DEFS, ICP_TEXT, POLICE_TEXT, SITE_HOST, SITE_ID_CODE, SITE_NAME } from './model.js';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface FooterOptions {
  icp?: boolean;
  dangzheng?: boolean;
  jiucuo?: boolean;
}

export interface LayoutOptions {
  title: string;
  metas?: Array<[string, string]>; // name → content, after the site metas
  charsetMeta?: string | null; // null: no charset meta at all
  search: boolean;
  breadcrumb?: Array<{ text: string; href?: string }>;
  main: string;
  footer?: FooterOptions;
  headExtra?: string;
  bodyStart?: string;
}

// The 备案 and conac badges point at mapped loopback hosts: a link checker follows them, and nothing may leave
// the machine. The visible text keeps the real-world labels.
export const FOOTER_LINKS = {
  icp: 'http://external.example.org/beian',
  police: 'http://external.example.org/gongan',
  conac: 'http://external.example.org/conac',
  jiucuo: 'http://external.example.org/jiucuo',
} as const;

function footer(f: FooterOptions): string {
  const icp = f.icp === false ? '' : `　<a href="${FOOTER_LINKS.icp}" target="_blank">${ICP_TEXT}</a>`;
  const badges: string[] = [];
  if (f.dangzheng !== false) badges.push(`<a href="${FOOTER_LINKS.conac}" target="_blank"><img src="/images/red.png" alt="党政机关" width="48" height="58"></a>`);
  if (f.jiucuo !== false) badges.push(`<a href="${FOOTER_LINKS.jiucuo}" target="_blank"><img src="/images/jiucuo.png" alt="我为政府网站找错" width="110" height="55"></a>`);
  return `<footer class="footer">
<p><a href="/wzdt.html">网站地图</a> | <a href="/lxwm.html">联系我们</a></p>
<p>主办单位：临江市人民政府办公室　承办单位：临江市大数据中心</p>
<p>联系方式：0417-2825000　地址：临江市滨江区人民路1号</p>
<p>网站标识码：${SITE_ID_CODE}${icp}　<a href="${FOOTER_LINKS.police}" target="_blank">${POLICE_TEXT}</a></p>
<p class="badges">${badges.join(' ')}</p>
</footer>`;
}

function nav(): string {
  const items = COLUMN_DEFS.map((c) => `<li><a href="/col/${c.slug}/index.html">${c.name}</a></li>`).join('');
  return `<nav class="nav"><ul><li><a href="/">首页</a></li>${items}</ul></nav>`;
}

export function layout(o: LayoutOptions): string {
  const charset = o.charsetMeta === undefined ? 'utf-8' : o.charsetMeta;
  const metas: Array<[string, string]> = [
    ['SiteName', SITE_NAME],
    ['SiteDomain', SITE_HOST],
    ['SiteIDCode', SITE_ID_CODE],
    ...(o.metas ?? []),
  ];
  const search = o.search
    ? `<form class="search" action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>`
    : '';
  const crumbs = o.breadcrumb
    ? `<div class="breadcrumb">当前位置：${o.breadcrumb.map((b) => (b.href ? `<a href="${b.href}">${esc(b.text)}</a>` : esc(b.text))).join(' &gt; ')}</div>\n`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charset ? `<meta charset="${charset}">\n` : ''}<title>${esc(o.title)}</title>
${metas.map(([n, c]) => `<meta name="${n}" content="${esc(c)}">`).join('\n')}
${o.headExtra ?? ''}</head>
<body>
${o.bodyStart ?? ''}<header class="header"><div class="logo"><a href="/">${SITE_NAME}</a></div>${search}</header>
${nav()}
${crumbs}<div class="main">
${o.main}
</div>
${footer(o.footer ?? {})}
</body>
</html>
`;
}
