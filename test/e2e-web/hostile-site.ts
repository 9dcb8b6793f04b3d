// A tiny loopback "government site" whose pages carry script and event-handler markup in their title and body,
// both as real elements and as text (entity-escaped, so the crawler reads them as literal characters). A typo
// (震憾) sits next to the literal markup so that the finding's evidence carries it into the dashboard.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const HOSTILE_TITLE_TEXT = '<script>window.__gpXss=1;alert("title")</script>';
export const HOSTILE_BODY_TEXT = '<img src=x onerror="window.__gpXss=2;alert(\'body\')">';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function home(): string {
  return page(
    `${escapeHtml(HOSTILE_TITLE_TEXT)}震憾发布_临江市测试局`,
    `<h1>临江市测试局</h1>
<script>window.__gpXss = 3;</script>
<img src="/missing.png" onerror="window.__gpXss=4">
<p>${escapeHtml(HOSTILE_BODY_TEXT)}一场震憾人心的演出在本市举行。</p>
<ul><li><a href="/news/1.html">${escapeHtml('<script>alert(5)</script>')}通知一</a></li><li><a href="/gone.html">已删除的页面</a></li></ul>
<p>网站标识码：2108000099 辽ICP备00000000号</p>`,
  );
}

function article(): string {
  return page(`${escapeHtml('<img src=x onerror=alert(6)>')}通知一_临江市测试局`, `<h1>通知一</h1><p>${escapeHtml(HOSTILE_BODY_TEXT)}截止目前已完成。</p><a href="/">首页</a>`);
}

export interface HostileSite { url: string; close(): Promise<void> }

export async function startHostileSite(): Promise<HostileSite> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const body = path === '/' || path === '/index.html' ? home() : path === '/news/1.html' ? article() : null;
    if (body === null) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('404', '<p>页面不存在</p>'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
