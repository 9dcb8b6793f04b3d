// Content-Encoding decoding with zlib streams. The caller counts DECODED bytes against its cap and
// destroys the decoder the moment a body grows too large (gzip bombs), so memory stays bounded.
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

type Stage = Transform & { bytesWritten: number };

export type ContentCoding = 'gzip' | 'deflate' | 'br';

/** Codings in decoding order (the reverse of how they were applied), or null for an unknown coding. */
export function parseContentEncoding(header: string | undefined): ContentCoding[] | null {
  if (!header) return [];
  const out: ContentCoding[] = [];
  for (const raw of header.split(',')) {
    const token = raw.trim().toLowerCase();
    if (!token || token === 'identity') continue;
    if (token === 'gzip' || token === 'x-gzip') out.push('gzip');
    else if (token === 'deflate') out.push('deflate');
    else if (token === 'br') out.push('br');
    else return null;
  }
  return out.reverse();
}

const ZLIB_OPTS: zlib.ZlibOptions = { chunkSize: 64 * 1024 };

/** `deflate` is meant to be zlib-wrapped, but many servers send raw deflate: the first two bytes tell. */
function looksZlibWrapped(first: Buffer): boolean {
  if (first.length < 2) return true;
  return (first[0] & 0x0f) === 8 && ((first[0] << 8) | first[1]) % 31 === 0;
}

function createStage(coding: ContentCoding, firstChunk: Buffer | null): Stage {
  if (coding === 'gzip') return zlib.createGunzip(ZLIB_OPTS);
  if (coding === 'br') return zlib.createBrotliDecompress({ chunkSize: 64 * 1024 });
  return firstChunk && !looksZlibWrapped(firstChunk) ? zlib.createInflateRaw(ZLIB_OPTS) : zlib.createInflate(ZLIB_OPTS);
}

export interface DecoderEvents {
  onData(chunk: Buffer): void;
  onEnd(): void;
  onError(err: Error): void;
  /** The decoder has room again after write() returned false. */
  onDrain(): void;
}

/** A push decoder: write raw bytes in, decoded chunks come out through the events. */
export class BodyDecoder {
  private head: Transform | null = null;
  private stages: Stage[] = [];
  private done = false;

  constructor(
    private readonly codings: ContentCoding[],
    private readonly events: DecoderEvents,
  ) {}

  private build(first: Buffer | null): Transform {
    this.stages = this.codings.map((c, i) => createStage(c, i === 0 ? first : null));
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i];
      stage.on('error', (err) => this.fail(err));
      if (i + 1 < this.stages.length) stage.pipe(this.stages[i + 1]);
    }
    const tail = this.stages[this.stages.length - 1];
    tail.on('data', (chunk: Buffer) => {
      if (!this.done) this.events.onData(chunk);
    });
    tail.on('end', () => {
      if (this.done) return;
      this.done = true;
      this.events.onEnd();
    });
    this.stages[0].on('drain', () => {
      if (!this.done) this.events.onDrain();
    });
    return this.stages[0];
  }

  /** Returns false when the caller should pause its source until onDrain. */
  write(chunk: Buffer): boolean {
    if (this.done) return true;
    if (!this.head) this.head = this.build(chunk);
    return this.head.write(chunk);
  }

  end(): void {
    if (this.done) return;
    if (!this.head) {
      // An empty body carries no compressed stream at all: nothing to decode.
      this.done = true;
      this.events.onEnd();
      return;
    }
    this.head.end();
  }

  /** Compressed bytes the first stage has consumed so far (zlib's own count of input it used, not input
   *  queued): decoded ÷ consumed is the true compression ratio even when decoding stops mid-chunk. */
  get consumed(): number {
    return this.stages[0]?.bytesWritten ?? 0;
  }

  destroy(): void {
    this.done = true;
    for (const s of this.stages) s.destroy();
  }

  private fail(err: Error): void {
    if (this.done) return;
    this.done = true;
    for (const s of this.stages) s.destroy();
    this.events.onError(err);
  }
}

/** Chinese description of a zlib failure, for FetchResult.error. */
export function describeDecodeError(codings: ContentCoding[], err: Error): string {
  const name = codings.join('+') || 'identity';
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(err.message)) return `压缩数据不完整（${name}），响应在中途被截断`;
  return `压缩数据损坏（${name}），无法解压`;
}
