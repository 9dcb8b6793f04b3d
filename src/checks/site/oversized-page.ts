// oversized-page: a page whose body never ended — cut at the size cap after decompression (a gzip bomb, an
// endless stream) or still arriving at the total time limit. The crawl never parses such a page (a cut page
// judged as if whole gives wrong findings); this check says what was seen: bytes, compression ratio, time.
import type { CheckFinding, OversizedPage } from '../../domain/index.js';
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';

/** Decoded ÷ wire bytes from which a body cut at the cap is called a decompression bomb. */
const BOMB_RATIO = 100;

export const oversizedPageCheck: SiteCheck<'oversized-page'> = {
  id: 'oversized-page',
  scope: 'site',
  run(site, ctx) {
    const out: CheckFinding<'oversized-page'>[] = [];
    for (const p of site.oversizedPages ?? []) {
      if (out.length >= ctx.config.checks.maxFindingsPerCheck) break;
      out.push(finding(p));
    }
    return out;
  },
};

function finding(p: OversizedPage): CheckFinding<'oversized-page'> {
  const where = p.isHome ? '首页' : '页面';
  const bomb = p.reason === 'size-cap' && p.ratio >= BOMB_RATIO;
  const message =
    p.reason === 'time-limit'
      ? `${where}在 ${seconds(p.timeLimitMs)} 秒时限内仍未传输完毕（已收到 ${size(p.bytes)}），访问者无法完整打开`
      : bomb
        ? `${where}内容解压后超过 ${size(p.capBytes)} 上限仍未结束（线路上仅 ${size(p.wireBytes)}，压缩比约 ${Math.round(p.ratio)}:1），疑似压缩炸弹`
        : `${where}内容超过 ${size(p.capBytes)} 上限仍未结束（已读 ${size(p.bytes)}，用时 ${seconds(p.ms)} 秒），疑似无尽数据流`;
  const evidence =
    `GET ${p.finalUrl} → ${p.status}；已解码 ${p.bytes} 字节，线路上 ${p.wireBytes} 字节` +
    `${p.contentEncoding ? `（Content-Encoding: ${p.contentEncoding}）` : ''}，用时 ${p.ms} ms`;
  return makeFinding({
    check: 'oversized-page',
    url: p.url,
    evidence,
    message,
    advice:
      '检查该地址背后的程序与服务器配置：页面应在合理时间内传输完毕、大小与内容相称；排查被植入的压缩炸弹、无限输出的动态脚本或失控的日志/导出接口，修复或下线该地址',
    detail: {
      reason: p.reason,
      bytes: p.bytes,
      wireBytes: p.wireBytes,
      ratio: p.ratio,
      ms: p.ms,
      status: p.status,
      capBytes: p.capBytes,
      timeLimitMs: p.timeLimitMs,
      location: p.isHome ? 'home' : 'page',
      ...(p.finalUrl !== p.url ? { finalUrl: p.finalUrl } : {}),
      ...(p.linkedFrom ? { linkedFrom: p.linkedFrom } : {}),
    },
  });
}

function size(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
}
