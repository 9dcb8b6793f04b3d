// Reads the real-text corpus (corpus/real, corpus/heldout), the real hijack set (corpus/hijacks) and the
// listed true errors, and turns them into PageFacts as a crawler would hand them to the checks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PageFacts } from '../../src/domain/index.js';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../corpus');

export interface CorpusText {
  file: string;
  source: string;
  kind: string;
  status: string;
  date?: string; // YYYY-MM-DD the source states as its 发布时间, when the saved text lacks it
  text: string;
}

export function readCorpus(set: 'real' | 'heldout'): CorpusText[] {
  const dir = join(CORPUS_DIR, set);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const sep = raw.indexOf('\n---\n');
      if (sep < 0) throw new Error(`${set}/${file}: 缺少「---」分隔的文件头`);
      const header = Object.fromEntries(
        raw.slice(0, sep).split('\n').map((l) => /^#\s*(\w+):\s*(.*)$/.exec(l)).filter((m): m is RegExpExecArray => !!m).map((m) => [m[1], m[2]]),
      );
      return { file, source: header.source ?? '', kind: header.kind ?? '', status: header.status ?? '', date: header.date, text: raw.slice(sep + 5) };
    });
}

export interface Hijack {
  id: string;
  kind: string;
  title: string | null;
  keywords: string | null;
  description: string | null;
  bodyLinks: Array<{ text: string; href: string | null }>;
  bodyText: string | null;
  headline: string;
  /** An excerpt of the page's own visible text, as stored (the structural check compares the title with it). */
  pageText?: string;
  breadcrumb?: string[];
  source: { url: string; note: string };
  describedOnly: boolean;
}

export function readHijacks(): Hijack[] {
  const dir = join(CORPUS_DIR, 'hijacks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Hijack);
}

export interface KnownError { file: string; check: string; found: string; reason: string }

/** corpus/known-errors.tsv: true errors in the real texts, each with the reason it is an error. */
export function readKnownErrors(): KnownError[] {
  const raw = readFileSync(join(CORPUS_DIR, 'known-errors.tsv'), 'utf8');
  return raw.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const [file, check, found, reason] = l.split('\t');
    return { file, check, found, reason };
  });
}

const BASE = 'http://www.example.gov.cn/';

/** A page as the crawler would report it: the first line is the title, the whole text is the body. */
export function corpusPage(t: CorpusText): PageFacts {
  const title = t.text.split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 80) ?? '';
  return { ...pageFacts(`${BASE}${t.file.replace(/\.txt$/, '.html')}`, title, t.text, {}, []), ...(t.date ? { pubDate: t.date } : {}) };
}

/** A hijacked page: the injected title/keywords/description, the page's own headline and body, the injected links. */
export function hijackPage(h: Hijack): PageFacts {
  const meta: Record<string, string> = {};
  if (h.keywords) meta.keywords = h.keywords;
  if (h.description) meta.description = h.description;
  const links = h.bodyLinks.map((l, i) => ({
    url: l.href ?? `http://spam-${i}.example.com/`, href: l.href ?? `http://spam-${i}.example.com/`, tag: 'a' as const, text: l.text, place: 'body' as const,
  }));
  const text = [h.headline, h.pageText ?? '', h.bodyText ?? '', ...h.bodyLinks.map((l) => l.text)].filter(Boolean).join('\n');
  const page = pageFacts(`${BASE}hijack/${h.id}.html`, h.title ?? h.headline, text, meta, links);
  if (h.headline) page.headline = h.headline;
  if (h.breadcrumb) page.breadcrumb = h.breadcrumb;
  return page;
}

function pageFacts(url: string, title: string, text: string, meta: Record<string, string>, links: PageFacts['links']): PageFacts {
  return {
    url, finalUrl: url, depth: 1, status: 200, outcome: 'ok', ms: 5, contentType: 'text/html', charset: 'utf-8', charsetSource: 'header',
    bytes: text.length * 3, title, meta, kind: 'article', breadcrumb: [], listDates: [], text, links, scripts: [], hiddenBlocks: [],
    identifiers: { dangzheng: false, jiucuo: false }, search: { form: false }, pagination: [], notes: [],
  };
}
