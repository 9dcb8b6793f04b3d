// One HTTP exchange (one redirect hop) under a total time limit covering connect, headers and body, driven
// through undici's dispatch handler: headers and body chunks arrive as plain calls, and the time limit or a
// body cap aborts through the handler's controller. undici's request() would add, per request, a Readable
// body stream, an AsyncResource and an AbortSignal with its listeners: a large share of the crawl's main-thread
// CPU on a site whose pages take a millisecond each. The exchange never throws: every failure is a Hop.
import type { Dispatcher } from 'undici';
import type { FetchOutcome } from '../domain/index.js';
import type { UnfinishedBody } from './fetch-result.js';
import { BodyDecoder, describeDecodeError, parseContentEncoding } from './decompress.js';
import { classifyError, errorCodes, FetchFailure, isHttpParseError, timeoutMessage } from './fetch-errors.js';
import { isIncompleteChainCode } from './tls-chain.js';

/** Where a streamed body goes. */
export interface BodyTarget {
  sink: (chunk: Buffer) => void;
  onResponse?: (res: { url: string; status: number; headers: Record<string, string> }) => void;
}

/** One request/response exchange (one redirect hop). */
export interface HopRequest {
  url: URL;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  readWanted: boolean;
  target: BodyTarget | undefined;
}

/** One request/response exchange, before redirects and retries are considered. */
export interface Hop {
  outcome: FetchOutcome;
  status: number;
  headers: Record<string, string>;
  bytes: number;
  body?: Buffer;
  error?: string;
  /** The sink already received data: a retry would feed it twice. */
  sinkFed: boolean;
  unfinished?: UnfinishedBody;
  /** The TLS handshake failed for want of the certificate's issuer (see tls-chain.ts). */
  chainIncomplete?: boolean;
  /** The answer was not HTTP from its first byte: a server's stray body after a HEAD response, left on a
   *  kept connection, reads like this to the next request there (undici then closes that connection). */
  garbled?: boolean;
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Error pages are kept for context but never read past this. */
const ERROR_BODY_CAP = 64 * 1024;
/** Redirect and HEAD bodies are drained (to keep the connection) only up to this. */
const DRAIN_LIMIT = 64 * 1024;

export const EMPTY_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Sends `req` through `dispatcher`; resolves with the hop, whatever happens. */
export function exchange(dispatcher: Dispatcher, req: HopRequest, connectTimeoutMs: number): Promise<Hop> {
  return new Promise((resolve) => new ExchangeHandler(req, connectTimeoutMs, resolve).start(dispatcher));
}

/** What happens to the body once the headers are in. */
type BodyMode = 'none' | 'drain' | 'read';

class ExchangeHandler implements Dispatcher.DispatchHandler {
  // What the exchange has seen so far (read by the failure path as much as by the success path).
  private timedOut = false;
  private status = 0;
  private headers = EMPTY_HEADERS;
  private sinkFed = false;
  private rawBytes = 0; // body bytes on the wire
  private declaredLength = -1; // Content-Length, -1 when absent
  private readingBody = false; // a 2xx body is being read: a time limit now cuts a body still arriving
  private decodedBytes = 0;
  private consumed = 0; // compressed bytes the decoder used
  // The body being read.
  private mode: BodyMode = 'none';
  private cap = 0;
  private sink: ((chunk: Buffer) => void) | undefined;
  private chunks: Buffer[] = [];
  private decoder: BodyDecoder | null = null;
  // Control.
  private controller: Dispatcher.DispatchController | null = null;
  private abortReason: Error | null = null;
  private settled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly req: HopRequest,
    private readonly connectTimeoutMs: number,
    private readonly resolve: (hop: Hop) => void,
  ) {}

  start(dispatcher: Dispatcher): void {
    const { url, method, headers, timeoutMs } = this.req;
    this.timer = setTimeout(() => this.onTimeout(), timeoutMs);
    try {
      // HEAD keeps its connection, as in browsers and curl (undici closes it by default, against servers that
      // send a body anyway; such stray bytes end up as a garbled answer, asked again: see `garbled`).
      const reset = method === 'HEAD' ? false : undefined;
      dispatcher.dispatch({ origin: url.origin, path: url.pathname + url.search, method, headers, reset }, this);
    } catch (err) {
      this.fail(err);
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason); // the time limit passed before a connection was free
  }

  /** The response arrived: keep its headers, then drain it (no body wanted) or read its body. */
  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200) return; // 1xx: the real response follows
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
    const cl = this.headers['content-length'];
    if (cl !== undefined && /^\d+$/.test(cl)) this.declaredLength = Number(cl);
    const { method, readWanted } = this.req;
    const isRedirect = REDIRECT_STATUSES.has(statusCode) && this.headers.location !== undefined;
    if (method === 'HEAD' || !readWanted || isRedirect || (statusCode >= 300 && statusCode < 400)) this.startDrain();
    else this.startRead();
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.rawBytes += chunk.length;
    if (this.mode === 'drain') {
      if (this.rawBytes > DRAIN_LIMIT) this.endDrain(true);
    } else if (this.decoder) {
      if (!this.decoder.write(chunk)) this.controller?.pause();
    } else {
      this.deliver(chunk);
    }
  }

  onResponseEnd(): void {
    if (this.settled) return;
    if (this.mode === 'drain') this.endDrain(false);
    else if (this.decoder) this.decoder.end();
    else this.finishRead(false);
  }

  onResponseError(_c: Dispatcher.DispatchController | null, err: Error): void {
    if (this.settled) return;
    // A drained body's errors do not matter (the answer is in the headers), except the time limit.
    if (this.mode === 'drain' && !this.timedOut) this.endDrain(false);
    else this.fail(err);
  }

  private onTimeout(): void {
    this.timer = undefined;
    this.timedOut = true;
    this.abort(new FetchFailure('timeout', timeoutMessage(this.req.timeoutMs)));
  }

  /** Closes the connection (it carries bytes nobody will read); the error undici reports next is expected. */
  private abort(reason: Error): void {
    if (this.controller) this.controller.abort(reason);
    else this.abortReason = reason;
  }

  private settle(hop: Hop): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.resolve(hop);
  }

  private base(): Hop {
    return { outcome: 'ok', status: this.status, headers: this.headers, bytes: 0, sinkFed: this.sinkFed };
  }

  // ---- no body wanted (HEAD, a redirect, readBody off): drained a little so the connection is kept

  private startDrain(): void {
    this.mode = 'drain';
    if (this.req.method !== 'HEAD' && this.declaredLength > DRAIN_LIMIT) this.endDrain(true);
  }

  private endDrain(tooLong: boolean): void {
    const hop = this.base();
    if (this.status >= 400) {
      hop.outcome = 'http-error';
      hop.error = httpErrorText(this.status);
    }
    this.settle(hop);
    if (tooLong) this.abort(new Error('body not drained'));
  }

  // ---- reading the body through the decoder under the cap: 2xx bodies to the target's sink (or kept), error pages kept short

  private startRead(): void {
    const codings = parseContentEncoding(this.headers['content-encoding']);
    if (codings === null) {
      this.settle({ ...this.base(), outcome: 'decode-error', error: `不支持的内容编码：${this.headers['content-encoding']}` });
      this.abort(new Error('unsupported coding'));
      return;
    }
    this.mode = 'read';
    const { url, maxBytes, target } = this.req;
    const ok = this.status >= 200 && this.status < 300;
    this.cap = ok ? maxBytes : Math.min(maxBytes, ERROR_BODY_CAP);
    if (ok) this.sink = target?.sink;
    if (ok) target?.onResponse?.({ url: url.href, status: this.status, headers: this.headers });
    this.readingBody = ok;
    if (codings.length > 0) {
      this.decoder = new BodyDecoder(codings, {
        onData: (chunk) => this.deliver(chunk),
        onEnd: () => this.finishRead(false),
        onError: (err) => this.fail(new FetchFailure('decode-error', describeDecodeError(codings, err))),
        onDrain: () => this.controller?.resume(),
      });
    }
  }

  /** A decoded chunk: to the sink or kept, up to the cap; past it the body is cut and the connection closed. */
  private deliver(chunk: Buffer): void {
    if (this.settled) return;
    const room = this.cap - this.decodedBytes;
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (piece.length > 0) {
      if (this.sink) {
        try {
          this.sink(piece);
        } catch (err) {
          this.fail(new FetchFailure('error', `处理响应内容时出错：${(err as Error).message}`));
          return;
        }
        this.sinkFed = true;
      } else {
        this.chunks.push(piece);
      }
    }
    this.decodedBytes += chunk.length;
    if (this.decoder) this.consumed = this.decoder.consumed;
    if (chunk.length > room) this.finishRead(true);
  }

  private finishRead(overCap: boolean): void {
    if (this.settled) return;
    this.readingBody = false;
    const ok = this.status >= 200 && this.status < 300;
    const hop = this.base();
    hop.bytes = this.decodedBytes;
    if (!(ok && this.req.target)) hop.body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    if (!ok) {
      hop.outcome = 'http-error';
      hop.error = httpErrorText(this.status);
    } else if (overCap) {
      hop.outcome = 'too-large';
      hop.error = `响应内容超过大小上限（${formatBytes(this.req.maxBytes)}，按解压后计算）`;
      hop.unfinished = { reason: 'size-cap', wireBytes: this.rawBytes, ratio: this.ratio() };
    }
    this.settle(hop);
    if (overCap) {
      this.decoder?.destroy();
      this.abort(new Error('over the size cap'));
    }
  }

  /** Any failure, classified; an incomplete certificate chain and a body still arriving at the time limit marked. */
  private fail(err: unknown): void {
    if (this.settled) return;
    const failure = classifyError(err, {
      timedOut: this.timedOut,
      timeoutMs: this.req.timeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      host: this.req.url.hostname,
      rawBytes: this.rawBytes,
      declaredLength: this.declaredLength,
      gotResponse: this.status !== 0,
    });
    const hop = this.base();
    hop.outcome = failure.outcome;
    hop.error = failure.message;
    const codes = errorCodes(err);
    if (failure.outcome === 'tls' && isIncompleteChainCode(codes)) hop.chainIncomplete = true;
    if (this.status === 0 && isHttpParseError(err, codes)) hop.garbled = true;
    if (this.timedOut && this.readingBody) {
      // The server answered and kept sending: not a dead link, a body that does not end in time.
      hop.bytes = this.decodedBytes;
      hop.unfinished = { reason: 'time-limit', wireBytes: this.rawBytes, ratio: this.ratio() };
    }
    this.decoder?.destroy();
    this.settle(hop);
    this.abort(failure);
  }

  /** Decoded ÷ compressed bytes, one decimal: from what the decoder consumed (bytes queued behind it are not
   *  part of what it expanded), else the wire count; 1 for an uncompressed body. */
  private ratio(): number {
    const compressed = this.consumed > 0 ? this.consumed : this.rawBytes;
    return compressed > 0 ? Math.round((this.decodedBytes / compressed) * 10) / 10 : 1;
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in raw) {
    const v = raw[key];
    if (v === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(v) ? v.join(key === 'set-cookie' ? '\n' : ', ') : v;
  }
  return out;
}

function httpErrorText(status: number): string {
  return `服务器返回错误状态 ${status}`;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}
