// Page fact extraction: bytes in (streamed, transport encoding already removed), PageFacts out.
import { createStreamingDecoder } from '../charset.js';
import type { PageFacts } from '../../domain/index.js';
import type { FetchResult } from '../fetch-result.js';
import { HtmlFactExtractor } from './extractor.js';

export interface ExtractInput {
  url: string;
  finalUrl: string;
  depth: number;
  isHome: boolean;
  contentTypeHeader: string;
  fetch: FetchResult;
  maxTextChars: number;
  /** "Today" for year inference of [MM-DD] list dates; defaults to now. */
  now?: Date;
}

export interface Extractor {
  write(chunk: Buffer): void;
  end(): PageFacts;
}

export function createExtractor(input: ExtractInput): Extractor {
  const decoder = createStreamingDecoder(input.contentTypeHeader ?? '');
  const html = new HtmlFactExtractor({
    url: input.url,
    finalUrl: input.finalUrl || input.url,
    isHome: input.isHome,
    maxTextChars: Math.max(0, input.maxTextChars),
    onMetaCharset: (cs) => decoder.hintMeta(cs),
    now: input.now,
  });
  let bytes = 0;
  let failed: string | undefined;
  let ended: PageFacts | undefined;

  // Hostile input must never take the crawl down: a failure ends extraction with a note.
  const guard = (fn: () => void) => {
    if (failed) return;
    try {
      fn();
    } catch (err) {
      failed = `解析中止：${(err as Error).message}`;
    }
  };

  return {
    write(chunk: Buffer): void {
      if (ended) return;
      bytes += chunk.length;
      guard(() => html.write(decoder.write(chunk)));
    },
    end(): PageFacts {
      if (ended) return ended;
      guard(() => html.write(decoder.end()));
      let core: ReturnType<HtmlFactExtractor['end']> | undefined;
      try {
        core = html.end();
      } catch (err) {
        failed ??= `解析中止：${(err as Error).message}`;
      }
      const d = decoder.decision();
      const f = input.fetch;
      const base = core ?? {
        title: '', meta: {}, kind: 'other' as const, breadcrumb: [], listDates: [], text: '', links: [], scripts: [],
        hiddenBlocks: [], identifiers: { dangzheng: false as const, jiucuo: false as const }, search: { form: false }, pagination: [], notes: [],
      };
      const notes = [...decoder.notes, ...base.notes];
      if (failed) notes.push(failed);
      ended = {
        url: input.url,
        finalUrl: input.finalUrl || input.url,
        depth: input.depth,
        status: f?.status ?? 0,
        outcome: f?.outcome ?? 'ok',
        ms: f?.ms ?? 0,
        contentType: f?.contentType ?? '',
        charset: d.charset,
        charsetSource: d.source,
        bytes: f?.bytes || bytes,
        ...base,
        notes,
      };
      return ended;
    },
  };
}

/** Convenience: the whole body at once. */
export function extractFacts(input: ExtractInput, body: Buffer): PageFacts {
  const ex = createExtractor(input);
  ex.write(body);
  return ex.end();
}
