// Charset detection and incremental decoding for HTML bodies. Government sites still serve GBK/GB2312
// and sometimes lie in their headers, so: header, then BOM, then <meta> in the first 2 KB, then a UTF-8
// validity sniff. Nothing here throws on bad input.

export type CharsetSource = 'header' | 'bom' | 'meta' | 'sniff' | 'default';

export interface CharsetDecision {
  charset: string;
  source: CharsetSource;
}

/** Bytes looked at before committing to a charset. */
export const HEAD_SNIFF_BYTES = 2048;

const LABEL_ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gbk: 'gbk',
  gb2312: 'gb2312',
  'gb_2312-80': 'gb2312',
  'x-gbk': 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Lower-cases and maps common aliases; unknown labels pass through if TextDecoder knows them. */
export function normaliseCharset(label: string): string | undefined {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!key) return undefined;
  if (LABEL_ALIASES[key]) return LABEL_ALIASES[key];
  try {
    new TextDecoder(key);
    return key;
  } catch {
    return undefined;
  }
}

export function isGbFamily(charset: string): boolean {
  return charset === 'gbk' || charset === 'gb2312' || charset === 'gb18030';
}

/** The label given to TextDecoder: the GB family decodes as GB18030, their common superset. */
function decoderLabel(charset: string): string {
  return isGbFamily(charset) ? 'gb18030' : charset;
}

export function charsetFromContentType(contentTypeHeader: string): string | undefined {
  const m = /charset\s*=\s*["']?([^"';\s,]+)/i.exec(contentTypeHeader || '');
  return m ? normaliseCharset(m[1]) : undefined;
}

function bomCharset(head: Buffer): string | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` in the head bytes. */
export function metaCharset(head: Buffer): string | undefined {
  const text = head.subarray(0, HEAD_SNIFF_BYTES).toString('latin1');
  const metaTag = /<meta\b[^>]*>/gi;
  let m: RegExpExecArray | null;
  while ((m = metaTag.exec(text))) {
    const cs = /charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(m[0]);
    if (cs) {
      const n = normaliseCharset(cs[1]);
      if (n) return n;
    }
  }
  return undefined;
}

function firstNonAscii(b: Buffer): number {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return i;
  return -1;
}

/** True when `b` is valid UTF-8, allowing a sequence cut off at the end (a chunk boundary). */
export function isValidUtf8Prefix(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function sniffBytes(b: Buffer): CharsetDecision {
  return isValidUtf8Prefix(b) ? { charset: 'utf-8', source: 'sniff' } : { charset: 'gb18030', source: 'sniff' };
}

/**
 * Decides the charset from the header and the first bytes. 'default' means: nothing declared and the
 * head is plain ASCII, so any ASCII-compatible charset reads it the same (the streaming decoder keeps
 * looking).
 */
export function sniffCharset(contentTypeHeader: string, head: Buffer): CharsetDecision {
  return analyseHead(contentTypeHeader, head).decision;
}

interface HeadAnalysis {
  decision: CharsetDecision;
  /** Undecided: the head is ASCII, so wait for the first non-ASCII byte (or a late meta). */
  tentative: boolean;
  /** With a utf-8 header and a GB meta over an ASCII head: the meta wins if later bytes are not UTF-8. */
  fallback?: CharsetDecision;
  note?: string;
}

function analyseHead(contentTypeHeader: string, head: Buffer): HeadAnalysis {
  const header = charsetFromContentType(contentTypeHeader);
  const bom = bomCharset(head);
  const meta = metaCharset(head);
  const nonAscii = firstNonAscii(head);
  if (header) {
    if (header === 'utf-8' && meta && isGbFamily(meta)) {
      if (nonAscii < 0) return { decision: { charset: 'utf-8', source: 'header' }, tentative: true, fallback: { charset: meta, source: 'meta' } };
      if (!isValidUtf8Prefix(head.subarray(bom === 'utf-8' ? 3 : 0))) {
        return { decision: { charset: meta, source: 'meta' }, tentative: false, note: `响应头声明 utf-8，但内容不是合法 UTF-8，按页面 meta 声明的 ${meta} 解码` };
      }
    }
    return { decision: { charset: header, source: 'header' }, tentative: false };
  }
  if (bom) return { decision: { charset: bom, source: 'bom' }, tentative: false };
  if (meta) return { decision: { charset: meta, source: 'meta' }, tentative: false };
  if (nonAscii >= 0) return { decision: sniffBytes(head.subarray(nonAscii)), tentative: false };
  return { decision: { charset: 'utf-8', source: 'default' }, tentative: true };
}

export interface Decoder {
  write(b: Buffer): string;
  end(): string;
}

/**
 * Idle TextDecoders by label. A streaming TextDecoder builds an ICU converter on first use, which costs
 * about as much as decoding a small page; a decoder flushed by a final decode() is back in its initial
 * state (BOM handling included), so it can serve the next page.
 */
const idleDecoders = new Map<string, TextDecoder[]>();
const IDLE_PER_LABEL = 4;

function takeDecoder(label: string): TextDecoder {
  const idle = idleDecoders.get(label)?.pop();
  if (idle) return idle;
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

function releaseDecoder(label: string, td: TextDecoder): void {
  let idle = idleDecoders.get(label);
  if (!idle) idleDecoders.set(label, (idle = []));
  if (idle.length < IDLE_PER_LABEL) idle.push(td);
}

/** An incremental decoder for one charset. Unknown labels fall back to UTF-8. */
export function createDecoder(charset: string): Decoder {
  const label = decoderLabel(normaliseCharset(charset) ?? 'utf-8');
  let td: TextDecoder | undefined;
  return {
    write: (b) => (td ??= takeDecoder(label)).decode(b, { stream: true }),
    end: () => {
      if (!td) return '';
      const rest = td.decode();
      releaseDecoder(label, td);
      td = undefined;
      return rest;
    },
  };
}

export interface StreamingDecoder extends Decoder {
  /** A charset declared in a <meta> the parser met after the sniff window; used only while undecided. */
  hintMeta(charset: string): void;
  decision(): CharsetDecision;
  notes: string[];
}

/**
 * Buffers at most HEAD_SNIFF_BYTES, then decodes incrementally. While everything seen is ASCII and no
 * charset is declared, it stays undecided and passes ASCII through, committing at the first non-ASCII
 * byte (or a late <meta> hint), so a GBK page with a long ASCII head is still read right.
 */
export function createStreamingDecoder(contentTypeHeader: string): StreamingDecoder {
  let head: Buffer[] = [];
  let headLen = 0;
  let analysed = false;
  let tentative = false;
  let fallback: CharsetDecision | undefined;
  let decision: CharsetDecision = { charset: 'utf-8', source: 'default' };
  let decoder: Decoder | undefined;
  let lateMeta: string | undefined;
  const notes: string[] = [];

  const commit = (d: CharsetDecision) => {
    decision = d;
    decoder = createDecoder(d.charset);
    tentative = false;
  };

  // Undecided: emit the ASCII prefix; at the first non-ASCII byte, decide and decode the rest.
  const writeTentative = (b: Buffer): string => {
    const i = firstNonAscii(b);
    if (i < 0) return b.toString('latin1');
    const asciiPart = b.subarray(0, i).toString('latin1');
    const rest = b.subarray(i);
    if (lateMeta) {
      commit({ charset: lateMeta, source: 'meta' });
    } else if (fallback) {
      if (isValidUtf8Prefix(rest)) commit(decision);
      else {
        notes.push(`响应头声明 utf-8，但内容不是合法 UTF-8，按页面 meta 声明的 ${fallback.charset} 解码`);
        commit(fallback);
      }
    } else {
      commit(sniffBytes(rest));
    }
    return asciiPart + decoder!.write(rest);
  };

  const analyse = (): string => {
    analysed = true;
    // The parse worker writes a whole body at once: no copy of it is needed then.
    const all = head.length === 1 ? head[0] : Buffer.concat(head, headLen);
    head = [];
    const a = analyseHead(contentTypeHeader, all);
    if (a.note) notes.push(a.note);
    fallback = a.fallback;
    if (a.tentative) {
      decision = a.decision;
      tentative = true;
      return writeTentative(all);
    }
    commit(a.decision);
    return decoder!.write(all);
  };

  return {
    notes,
    write(b: Buffer): string {
      if (!analysed) {
        head.push(b);
        headLen += b.length;
        return headLen >= HEAD_SNIFF_BYTES ? analyse() : '';
      }
      return tentative ? writeTentative(b) : decoder!.write(b);
    },
    end(): string {
      let out = '';
      if (!analysed) out = analyse();
      if (tentative) {
        if (lateMeta) decision = { charset: lateMeta, source: 'meta' };
        tentative = false;
        return out;
      }
      return out + decoder!.end();
    },
    hintMeta(charset: string) {
      if (!tentative || lateMeta) return;
      const n = normaliseCharset(charset);
      if (!n || n.startsWith('utf-16')) return;
      if (fallback) return; // the header/meta conflict is settled by the bytes, not by another meta
      lateMeta = n;
    },
    decision: () => decision,
  };
}
