// Which foreign hosts are trustworthy (other government and
// central media sites), and which look like spam infrastructure. Security checks judge links by these.
import { siteMatcher } from '../../domain/index.js';
import type { CheckContext } from '../types.js';

/** Built on first use: a page check asks for one per page, and most pages have nothing to judge by it (no meta
 *  refresh, no navigating or external script), while building one parses URLs. */
export function siteMatcherFor(ctx: CheckContext, rootUrl = ctx.rootUrl): (host: string) => boolean {
  let matcher: ((host: string) => boolean) | undefined;
  return (host) => (matcher ??= siteMatcher(rootUrl, ctx.config.crawl.subsites))(host);
}

// Other government, Party, education and central media sites: linking or redirecting to them is normal.
const TRUSTED_SUFFIXES = ['gov.cn', 'gov', 'mil.cn', 'edu.cn', 'org.cn', 'conac.cn', 'cpc.people.com.cn'];
const TRUSTED_HOSTS = [
  'people.com.cn', 'xinhuanet.com', 'news.cn', 'cctv.com', 'cntv.cn', 'chinadaily.com.cn', 'gmw.cn',
  'china.com.cn', 'ce.cn', 'youth.cn', 'qstheory.cn', '12371.cn', 'chinanews.com.cn', 'chinanews.com',
  'cri.cn', 'kaipuyun.cn', 'weixin.qq.com', 'mp.weixin.qq.com', 'weibo.com',
];

export function isTrustedHost(host: string): boolean {
  const h = host.toLowerCase();
  return [...TRUSTED_SUFFIXES, ...TRUSTED_HOSTS].some((s) => h === s || h.endsWith(`.${s}`));
}

// Hosts a normal government page loads scripts from: analytics, maps, public CDNs, the 党政机关标识 and 找错 widgets.
const BENIGN_SCRIPT_HOSTS = [
  'hm.baidu.com', 'api.map.baidu.com', 'map.baidu.com', 'webapi.amap.com', 'cnzz.com', 'umeng.com',
  'bootcdn.cn', 'bootcss.com', 'staticfile.org', 'staticfile.net', 'cdnjs.cloudflare.com', 'jsdelivr.net',
  'unpkg.com', 'qq.com', 'gtimg.cn', 'res.wx.qq.com', 'bdstatic.com', 'baidu.com',
];

export function isBenignScriptHost(host: string): boolean {
  const h = host.toLowerCase();
  return isTrustedHost(h) || BENIGN_SCRIPT_HOSTS.some((s) => h === s || h.endsWith(`.${s}`));
}

// Spam loaders and landing pages favour cheap TLDs and gambling/porn tokens in host names.
const SPAM_TLDS = new Set(['top', 'xyz', 'vip', 'club', 'cc', 'bet', 'win', 'ws', 'tk', 'pw', 'icu', 'site', 'online', 'live', 'fun', 'ink', 'casino', 'porn', 'sex', 'xxx', 'poker', 'lol', 'buzz', 'work', 'rest', 'bid', 'loan']);
const SPAM_HOST_TOKENS = /(casino|bet365|bocai|dubo|yule|xpj|amjs|pujing|weinisi|vns|tyc\d|hg\d{3,}|sb\d{3,}|lhc|liuhecai|caipiao|porn|sex|av\d|jav|sese|xxx|seo|heike|sifu|chuanqi)/;

export function looksLikeSpamHost(host: string): boolean {
  const h = host.toLowerCase();
  if (!h || isTrustedHost(h)) return false;
  const tld = h.slice(h.lastIndexOf('.') + 1);
  return SPAM_TLDS.has(tld) || SPAM_HOST_TOKENS.test(h);
}
