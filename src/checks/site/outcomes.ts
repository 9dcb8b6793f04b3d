// Chinese explanations of how a fetch failed, so a report tells a 404 from a DNS failure or a timeout.
import type { FetchOutcome } from '../../domain/index.js';

const OUTCOME_TEXT: Record<FetchOutcome, string> = {
  ok: '访问正常',
  'http-error': 'HTTP 错误',
  timeout: '连接超时',
  dns: '域名无法解析（DNS）',
  tls: '证书或 TLS 握手失败',
  refused: '连接被拒绝',
  reset: '连接被重置',
  'too-large': '内容超过大小上限',
  'redirect-loop': '重定向循环',
  'too-many-redirects': '重定向次数过多',
  'invalid-url': '链接地址无效',
  'unsupported-scheme': '不支持的链接协议',
  'decode-error': '内容解码失败',
  error: '访问出错',
};

const STATUS_TEXT: Record<number, string> = {
  400: '400 请求无效',
  401: '401 需要登录',
  403: '403 禁止访问',
  404: '404 页面不存在',
  410: '410 页面已删除',
  429: '429 请求过多',
  500: '500 服务器内部错误',
  502: '502 网关错误',
  503: '503 服务不可用',
  504: '504 网关超时',
};

export function describeOutcome(outcome: FetchOutcome | string, status: number): string {
  if (outcome === 'http-error' || (outcome === 'ok' && status >= 400)) {
    return STATUS_TEXT[status] ?? (status >= 500 ? `${status} 服务器错误` : `${status} 请求错误`);
  }
  return OUTCOME_TEXT[outcome as FetchOutcome] ?? `访问出错（${outcome}）`;
}
