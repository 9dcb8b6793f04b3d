// soft-404: a URL that cannot exist answers 200 instead of 404, so broken links and scanners cannot tell.
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';

export const soft404Check: SiteCheck<'soft-404'> = {
  id: 'soft-404',
  scope: 'site',
  run(site) {
    const p = site.probe.soft404;
    if (!p || !p.url || p.outcome !== 'ok' || p.status !== 200) return [];
    const redirected = p.finalUrl && p.finalUrl !== p.url;
    return [
      makeFinding({
        check: 'soft-404',
        url: site.rootUrl,
        target: p.url,
        evidence: `GET ${p.url} → 200${redirected ? `（跳转至 ${p.finalUrl}）` : ''}${p.title ? `，标题「${p.title}」` : ''}`,
        message: `访问不存在的地址返回 HTTP 200${redirected ? '（被跳转到其他页面）' : ''}，错误页未返回 404 状态码`,
        advice: '将不存在页面的响应状态码设置为 404，并使用规范的 404 错误页（提示页面不存在并提供返回首页链接）',
        detail: { status: p.status, finalUrl: p.finalUrl, title: p.title ?? '', bytes: p.bytes },
      }),
    ];
  },
};
