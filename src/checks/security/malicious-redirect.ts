// Redirects to foreign sites: above all the ones that fire only for visitors arriving from a search
// engine (document.referrer tests) or for spiders (userAgent tests), obfuscated or not; meta refreshes;
// and external scripts from hosts that look like spam loaders. The site part reads the browser pass.
import { hostOf, type PageFacts, type RenderedFacts, type SiteFacts, type CheckFinding } from '../../domain/index.js';
import { clip, makeFinding } from '../site/util.js';
import type { CheckContext, PageCheck, SiteCheck } from '../types.js';
import { isBenignScriptHost, isTrustedHost, looksLikeSpamHost, siteMatcherFor } from './hosts.js';
import { absoluteUrl, readScript } from './script-analysis.js';

const ADVICE = '立即删除恶意跳转代码，排查网站模板、脚本文件和服务器是否被入侵，修补漏洞后复查';
const SEARCH_ENGINE_HOST = /(^|\.)(baidu\.com|google\.[a-z.]+|sogou\.com|so\.com|sm\.cn|bing\.com|360\.cn|yahoo\.com|soso\.com|youdao\.com|haosou\.com)$/i;

function foreignTargets(urls: string[], page: PageFacts, ctx: CheckContext): string[] {
  const isSite = siteMatcherFor(ctx, page.finalUrl || page.url);
  return urls
    .map((u) => absoluteUrl(u, page.finalUrl || page.url))
    .filter((u): u is string => !!u)
    .filter((u) => {
      const h = hostOf(u);
      return h && !isSite(h) && !isTrustedHost(h) && !SEARCH_ENGINE_HOST.test(h) && !isBenignScriptHost(h);
    });
}

function scriptFindings(page: PageFacts, ctx: CheckContext): CheckFinding<'malicious-redirect'>[] {
  const out: CheckFinding<'malicious-redirect'>[] = [];
  for (const script of page.scripts) {
    if (!script.inline) continue;
    const r = readScript(script.inline);
    if (!r.navigates) continue;
    const targets = foreignTargets(r.urls, page, ctx);
    const conditioned = (r.readsReferrer && r.testsSearchEngine) || r.readsSpiderUa;
    const spamTarget = targets.some((t) => looksLikeSpamHost(hostOf(t)));
    // A target built at run time is invisible here; only a visible own-site/government target clears it.
    const nonEngineUrls = r.urls.filter((u) => !SEARCH_ENGINE_HOST.test(hostOf(absoluteUrl(u, page.url) ?? '')));
    let kind: 'referrer' | 'spider' | 'plain' | undefined;
    if (conditioned && (targets.length > 0 || r.obfuscated || nonEngineUrls.length === 0)) kind = r.readsSpiderUa ? 'spider' : 'referrer';
    else if (!conditioned && targets.length > 0 && (r.obfuscated || spamTarget)) kind = 'plain';
    if (!kind) continue;
    out.push(
      makeFinding({
        check: 'malicious-redirect',
        url: page.url,
        target: targets[0],
        evidence: clip(r.obfuscated ? r.decoded : script.inline),
        message:
          kind === 'referrer'
            ? '页面脚本检测访问者是否来自搜索引擎，并将其跳转到其他网站（搜索引擎劫持）'
            : kind === 'spider'
              ? '页面脚本识别搜索引擎爬虫并进行跳转或输出不同内容'
              : '页面脚本将访问者跳转到可疑的外部网站',
        advice: ADVICE,
        detail: { via: 'script', condition: kind, obfuscated: r.obfuscated, targets: targets.slice(0, 5), spam: true },
      }),
    );
  }
  return out;
}

function metaRefreshFindings(page: PageFacts, ctx: CheckContext): CheckFinding<'malicious-redirect'>[] {
  if (!page.links.some((l) => l.tag === 'meta-refresh')) return []; // almost every page: no filtered copies
  const isSite = siteMatcherFor(ctx, page.finalUrl || page.url);
  return page.links
    .filter((l) => l.tag === 'meta-refresh')
    .filter((l) => {
      const h = hostOf(l.url);
      return h && !isSite(h) && !isTrustedHost(h);
    })
    .map((l) => {
      const spam = looksLikeSpamHost(hostOf(l.url));
      return makeFinding({
        check: 'malicious-redirect',
        url: page.url,
        target: l.url,
        evidence: l.markup || l.href,
        message: spam ? '页面通过 meta refresh 自动跳转到可疑的外部网站' : '页面通过 meta refresh 自动跳转到非政府网站，请确认是否为授权跳转',
        advice: ADVICE,
        detail: { via: 'meta-refresh', spam },
      });
    });
}

function loaderFindings(page: PageFacts, ctx: CheckContext): CheckFinding<'malicious-redirect'>[] {
  const isSite = siteMatcherFor(ctx, page.finalUrl || page.url);
  return page.scripts
    .filter((s) => s.src)
    .filter((s) => {
      const h = hostOf(s.src!);
      return h && !isSite(h) && !isBenignScriptHost(h) && looksLikeSpamHost(h);
    })
    .map((s) =>
      makeFinding({
        check: 'malicious-redirect',
        url: page.url,
        target: s.src,
        evidence: s.markup || s.src!,
        message: '页面引用了来自可疑外部域名的脚本，可能被用于跳转或植入内容',
        advice: '核实该外部脚本的来源与用途，如非本单位引用请立即删除并排查网站是否被入侵',
        detail: { via: 'external-script', loader: true },
      }),
    );
}

export const maliciousRedirectPageCheck: PageCheck<'malicious-redirect'> = {
  id: 'malicious-redirect',
  scope: 'page',
  run(page, ctx) {
    return [...scriptFindings(page, ctx), ...metaRefreshFindings(page, ctx), ...loaderFindings(page, ctx)];
  },
};

/** Browser pass results: pages that, rendered in Chromium, ended on a foreign site. */
export const maliciousRedirectSiteCheck: SiteCheck<'malicious-redirect'> = {
  id: 'malicious-redirect',
  scope: 'site',
  needs: ['rendered'],
  run(site: SiteFacts, ctx) {
    const isSite = siteMatcherFor(ctx, site.rootUrl);
    const offSite = (r: RenderedFacts) => {
      const h = hostOf(r.finalUrl);
      return !r.error && h !== '' && !isSite(h) && !isTrustedHost(h);
    };
    const out: CheckFinding<'malicious-redirect'>[] = [];
    for (const r of site.rendered) {
      if (!offSite(r)) continue;
      const asBrowser = site.rendered.find((o) => o.url === r.url && o.as === 'browser');
      if (r.as !== 'browser' && asBrowser && offSite(asBrowser)) continue; // reported once, as a plain redirect
      const onlyFromSearch = r.as !== 'browser' && !!asBrowser && !asBrowser.error;
      const spam = onlyFromSearch || looksLikeSpamHost(hostOf(r.finalUrl));
      out.push(
        makeFinding({
          check: 'malicious-redirect',
          url: r.url,
          target: r.finalUrl,
          evidence: `${r.as}：${r.url} → ${r.finalUrl}${r.title ? `（${r.title}）` : ''}`,
          message: onlyFromSearch
            ? '从搜索引擎进入时，页面被跳转到外部网站，直接访问时不跳转（搜索引擎劫持）'
            : '浏览器打开页面后被脚本跳转到外部网站',
          advice: ADVICE,
          detail: { via: 'browser', as: r.as, onlyFromSearchEngine: onlyFromSearch, spam, screenshot: r.screenshot },
        }),
      );
    }
    return out;
  },
};
