// Maps network, TLS and undici errors to a FetchOutcome and a short Chinese explanation.
import type { FetchOutcome } from '../domain/index.js';

export class FetchFailure extends Error {
  constructor(
    readonly outcome: FetchOutcome,
    message: string,
  ) {
    super(message);
  }
}

export interface ErrorContext {
  timedOut: boolean;
  timeoutMs: number;
  connectTimeoutMs: number;
  host: string;
  rawBytes: number; // body bytes received before the failure
  declaredLength: number; // Content-Length, -1 when absent
  gotResponse: boolean;
}

const seconds = (ms: number) => (ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1));

export function timeoutMessage(timeoutMs: number): string {
  return `请求超时（${seconds(timeoutMs)} 秒内未完成）`;
}

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: '证书为自签名证书，不受信任',
  SELF_SIGNED_CERT_IN_CHAIN: '证书链中含自签名证书，不受信任',
  CERT_HAS_EXPIRED: '证书已过期',
  CERT_NOT_YET_VALID: '证书尚未生效',
  ERR_TLS_CERT_ALTNAME_INVALID: '证书与域名不匹配',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '证书链不完整，无法验证',
  UNABLE_TO_GET_ISSUER_CERT: '证书链不完整，找不到签发机构证书',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: '证书签发机构不受信任或证书链不完整',
  CERT_REVOKED: '证书已被吊销',
  CERT_UNTRUSTED: '证书不受信任',
};

/** Error codes along the cause chain (undici wraps the socket's error). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

/** The answer was not HTTP (llhttp refused it). undici 7 leaves its HTTPParserError without an HPE_ code
 *  (it looks the error number up in a name → number table), so its name is checked too. */
export function isHttpParseError(err: unknown, codes = errorCodes(err)): boolean {
  return codes.some((c) => c.startsWith('HPE_')) || (err instanceof Error && err.name === 'HTTPParserError');
}

function messagesOf(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string') parts.push(m);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' / ');
}

export function classifyError(err: unknown, ctx: ErrorContext): FetchFailure {
  if (err instanceof FetchFailure) return err;
  if (ctx.timedOut) return new FetchFailure('timeout', timeoutMessage(ctx.timeoutMs));
  const codes = errorCodes(err);
  const text = messagesOf(err);
  const has = (c: string) => codes.includes(c);

  if (has('UND_ERR_CONNECT_TIMEOUT') || has('ETIMEDOUT')) {
    return new FetchFailure('timeout', `连接超时（${seconds(ctx.connectTimeoutMs)} 秒内无响应）`);
  }
  if (has('UND_ERR_HEADERS_TIMEOUT') || has('UND_ERR_BODY_TIMEOUT')) {
    return new FetchFailure('timeout', timeoutMessage(ctx.timeoutMs));
  }
  if (has('ENOTFOUND') || has('EAI_AGAIN') || has('EAI_NONAME') || has('EAI_FAIL') || has('EAI_NODATA')) {
    return new FetchFailure('dns', `域名无法解析（${ctx.host}）`);
  }
  if (has('ECONNREFUSED')) return new FetchFailure('refused', '连接被拒绝（服务器未在该端口提供服务）');
  for (const code of codes) {
    const tls = TLS_MESSAGES[code];
    if (tls) return new FetchFailure('tls', `TLS 证书错误：${tls}`);
    if (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_')) {
      return new FetchFailure('tls', `TLS 握手失败（${code}）`);
    }
  }
  if (has('EPROTO') || /SSL routines|wrong version number|handshake|alert/i.test(text)) {
    return new FetchFailure('tls', 'TLS 握手失败');
  }
  if (has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return new FetchFailure('decode-error', '响应实际长度与 Content-Length 声明不符');
  }
  if (has('ECONNRESET') || has('EPIPE') || has('UND_ERR_SOCKET') || has('UND_ERR_CLOSED') || has('ECONNABORTED')) {
    if (ctx.gotResponse && ctx.declaredLength >= 0 && ctx.rawBytes < ctx.declaredLength) {
      return new FetchFailure(
        'reset',
        `连接在响应中途被关闭：Content-Length 声明 ${ctx.declaredLength} 字节，实际只收到 ${ctx.rawBytes} 字节`,
      );
    }
    return new FetchFailure('reset', ctx.gotResponse ? '连接在响应中途被关闭' : '连接被重置');
  }
  if (has('EHOSTUNREACH') || has('ENETUNREACH')) return new FetchFailure('error', '网络不可达');
  if (has('UND_ERR_HEADERS_OVERFLOW')) return new FetchFailure('error', '响应头过大');
  if (isHttpParseError(err, codes) || /Parse Error/i.test(text)) {
    return new FetchFailure('error', '服务器响应不是合法的 HTTP 格式');
  }
  if (has('UND_ERR_INVALID_ARG') || has('ERR_INVALID_URL')) return new FetchFailure('invalid-url', '网址格式无效');
  return new FetchFailure('error', `请求失败：${text.slice(0, 200) || '未知错误'}`);
}
