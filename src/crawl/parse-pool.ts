// HTML extraction is most of the crawl's CPU. This pool moves it onto worker threads so that fetching,
// page checks and parsing use separate cores. A page's chunks are collected on the main thread (bodies
// are already capped by maxBodyBytes) and sent as one transferred buffer when the fetch ends: one
// message per page measured faster than one per chunk, and a page whose fetch fails costs no message.
// Worker failures never lose a page: the page is parsed in-thread from the chunks kept here.
// An optional page processor (a module the caller names, e.g. the scan's page checks) runs right after
// extraction on the same thread, so per-page work beyond parsing leaves the main thread too, while this
// layer never imports what the processor does.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createExtractor, type ExtractInput } from './extract/index.js';
import type { PageFacts } from '../domain/index.js';
import type { FetchResult } from './fetch-result.js';
import { LinkRunReceiver, type WireLink } from './link-runs.js';

export interface ParseHandle {
  write(chunk: Buffer): void;
  /** Reads `input.fetch` now (the crawler fills it in after the body streamed). */
  end(): Promise<PageFacts>;
  /** As end(), plus what the pool's processor returned for the page (undefined without one, or if it failed). */
  endWithExtra(): Promise<ParsedPage>;
}

export interface ParsedPage {
  facts: PageFacts;
  extra?: unknown;
}

/** A module exporting `createProcessor(init): PageProcessor`, loaded once per worker (and in-thread when needed). */
export interface PageProcessorSpec {
  /** file: URL of the module. */
  module: string;
  /** Passed to createProcessor; must survive structured cloning (plain JSON data is safest). */
  init: unknown;
}

export interface PageProcessor {
  /** Runs on each page's facts; the result must survive structured cloning. */
  process(facts: PageFacts): unknown;
}

export type CreateProcessor = (init: unknown) => PageProcessor;

/** Loads a processor module and builds its processor; undefined if it cannot (pages then carry no extra). */
export async function loadProcessor(spec: PageProcessorSpec): Promise<PageProcessor | undefined> {
  try {
    const mod = (await import(spec.module)) as { createProcessor?: CreateProcessor };
    return typeof mod.createProcessor === 'function' ? mod.createProcessor(spec.init) : undefined;
  } catch {
    return undefined;
  }
}

/** One page through the processor; a throwing processor costs that page its extra, nothing else. */
export function runProcessor(processor: PageProcessor | undefined, facts: PageFacts): ParsedPage {
  if (!processor) return { facts };
  try {
    return { facts, extra: processor.process(facts) };
  } catch {
    return { facts };
  }
}

export interface ParsePoolStats {
  workers: number; // live worker threads
  parsedInWorkers: number;
  parsedInThread: number;
  crashes: number; // worker exits while in service
  fallbacks: number; // pages re-parsed in-thread after a worker failure
  timeouts: number; // pages that overran the per-page time limit (their worker was replaced)
}

/** A page the parser (or the pool's processor) did not finish within the per-page limit: its worker was
 *  terminated and replaced, and the page is reported rather than parsed again. */
export class ParseTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly limitMs: number,
  ) {
    super(`页面解析超过 ${Math.round(limitMs / 100) / 10} 秒未完成：${url.slice(0, 200)}`);
  }
}

export interface ParsePool {
  readonly size: number;
  begin(input: ExtractInput): ParseHandle;
  stats(): ParsePoolStats;
  /** Resolves once every worker started so far has loaded (or died); pages never need to wait for it. */
  ready(): Promise<void>;
  /** Terminates the workers; pages still pending are parsed in-thread. */
  close(): Promise<void>;
}

export interface ParsePoolOptions {
  /** Per-page work to run after extraction, on the thread that parsed the page. */
  processor?: PageProcessorSpec;
  /** A page still being parsed (with its processor) on a worker after this long is abandoned: the worker is
   *  terminated and replaced, and the page's end() rejects with ParseTimeoutError. Pages parsed in-thread
   *  (no workers) cannot be interrupted. Default DEFAULT_PAGE_TIMEOUT_MS. */
  pageTimeoutMs?: number;
  /** Test hook: each worker thread as it starts. */
  onWorkerStart?: (w: Worker) => void;
}

/** @internal message to the worker */
export interface ParseRequest {
  id: number;
  input: ExtractInput;
  body: ArrayBuffer;
  length: number;
}
/** @internal data each worker starts with */
export interface ParseWorkerData {
  processor?: PageProcessorSpec;
}
/** @internal message from the worker */
export type ParseReply =
  | { id: number; facts: PageFacts; links?: WireLink[]; extra?: unknown; error?: undefined }
  | { id: number; error: string; facts?: undefined }
  | { id: 0; ready: true; facts?: undefined; error?: undefined };

/** Workers when the config leaves it open: one spare core's worth, at most 2 (the main thread stays busy too). */
export function defaultParseWorkers(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

const WORKER_FILE = fileURLToPath(new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
// From source (tsx, vitest) the worker must register tsx before importing the .ts file; `--import tsx` in a
// worker's execArgv is not applied before its entry loads on Node 20, so a small eval'd bootstrap does it.
const WORKER_ENTRY = WORKER_FILE.endsWith('.ts') ? tsxBootstrap(WORKER_FILE) : WORKER_FILE;

function tsxBootstrap(file: string): string {
  // tsx's ESM api (its CJS twin cannot register hooks from a worker); resolved here, where tsx is findable.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
}
/** A worker that keeps dying (cannot load, runs out of memory on every page) is not restarted forever. */
const MAX_CRASHES = 5;
/** Real pages parse in milliseconds (a 5 MB page well under a second); this is a hang, not a slow page. */
export const DEFAULT_PAGE_TIMEOUT_MS = 20_000;

interface Job {
  id: number;
  input: ExtractInput;
  chunks: Buffer[];
  resolve(p: ParsedPage): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Its modules are loaded. Until then pages are parsed here: waiting would stall the home page. */
  ready: boolean;
  loaded: Promise<void>;
  /** In submission order; the worker takes them in that order, so the first is the one in hand. */
  pending: Map<number, Job>;
  /** Fires when the page in hand has taken longer than the per-page limit. */
  watchdog?: NodeJS.Timeout;
  /** Terminated over a page that overran: its exit is a replacement, not a crash. */
  abandoned: boolean;
  /** The link runs this worker has sent (a replacement worker starts afresh, as does its receiver). */
  linkRuns: LinkRunReceiver;
}

/** The worker's facts with their links put back; undefined if they name a run never received (re-parse here). */
function withLinks(facts: PageFacts, wire: WireLink[] | undefined, runs: LinkRunReceiver): PageFacts | undefined {
  if (!wire) return facts;
  const links = runs.decode(wire);
  if (!links) return undefined;
  facts.links = links; // facts arrived by structured clone: this thread's own object
  return facts;
}

export function createParsePool(workers: number | undefined, opts: ParsePoolOptions = {}): ParsePool {
  const want = workers ?? defaultParseWorkers();
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;
  const stats = { parsedInWorkers: 0, parsedInThread: 0, crashes: 0, fallbacks: 0, timeouts: 0 };
  const pageTimeoutMs = opts.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;

  /** (Re)starts the per-page clock for the page the worker has in hand, or stops it when idle. */
  const watch = (slot: Slot) => {
    if (slot.watchdog) clearTimeout(slot.watchdog);
    slot.watchdog = undefined;
    if (slot.pending.size === 0 || slot.abandoned) return;
    slot.watchdog = setTimeout(() => abandon(slot), pageTimeoutMs);
    slot.watchdog.unref();
  };

  /** The page in hand overran: report it, and replace the worker (the pages queued behind it are kept). */
  const abandon = (slot: Slot) => {
    const [first] = slot.pending;
    if (!first) return;
    const [id, job] = first;
    slot.pending.delete(id);
    slot.abandoned = true;
    stats.timeouts++;
    job.reject(new ParseTimeoutError(job.input.finalUrl || job.input.url, pageTimeoutMs));
    void slot.worker.terminate();
  };

  // The processor in this thread, loaded only when a page is parsed here (no workers, start-up, crash).
  let processorHere: Promise<PageProcessor | undefined> | undefined;
  const processHere = async (facts: PageFacts): Promise<ParsedPage> => {
    if (!opts.processor) return { facts };
    processorHere ??= loadProcessor(opts.processor);
    return runProcessor(await processorHere, facts);
  };
  const parseHere = (job: { input: ExtractInput; chunks: Buffer[] }): PageFacts => {
    stats.parsedInThread++;
    const ex = createExtractor(job.input);
    for (const c of job.chunks) ex.write(c);
    return ex.end();
  };
  const settleHere = (job: Job) => {
    let facts: PageFacts;
    try {
      facts = parseHere(job);
    } catch (err) {
      job.reject(err);
      return;
    }
    processHere(facts).then(job.resolve, job.reject);
  };

  const spawn = (): Slot => {
    const workerData: ParseWorkerData = { processor: opts.processor };
    const worker = new Worker(WORKER_ENTRY, { eval: WORKER_FILE.endsWith('.ts'), stdout: false, stderr: false, workerData });
    let loaded!: () => void;
    const slot: Slot = { worker, ready: false, loaded: new Promise((r) => (loaded = r)), pending: new Map(), abandoned: false, linkRuns: new LinkRunReceiver() };
    worker.on('message', (reply: ParseReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        loaded();
        return;
      }
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      watch(slot);
      if (slot.pending.size === 0) worker.unref();
      const facts = reply.facts && withLinks(reply.facts, reply.links, slot.linkRuns);
      if (facts) {
        stats.parsedInWorkers++;
        job.resolve({ facts, extra: reply.extra });
      } else {
        stats.fallbacks++;
        settleHere(job);
      }
    });
    // 'error' (uncaught in the worker) is always followed by 'exit'; the page recovery happens there.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      loaded();
      if (slot.watchdog) clearTimeout(slot.watchdog);
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      if (!closed) {
        if (!slot.abandoned) stats.crashes++;
        // A replacement after a timeout is always due: the page, not the worker, was at fault.
        if (slot.abandoned || stats.crashes <= MAX_CRASHES) slots.push(spawn());
      }
      for (const job of slot.pending.values()) {
        stats.fallbacks++;
        settleHere(job);
      }
      slot.pending.clear();
    });
    // Idle workers must not keep the process alive; a worker with pages in hand is ref'd (see submit).
    worker.unref();
    opts.onWorkerStart?.(worker);
    return slot;
  };

  for (let i = 0; i < want; i++) slots.push(spawn());

  const submit = (job: Job) => {
    // Least-loaded ready worker; ties go to the first.
    let best: Slot | undefined;
    for (const s of slots) if (s.ready && !s.abandoned && (!best || s.pending.size < best.pending.size)) best = s;
    if (!best || closed) {
      settleHere(job);
      return;
    }
    let length = 0;
    for (const c of job.chunks) length += c.length;
    // A fresh ArrayBuffer (chunks are slices of undici's pooled buffers) that is transferred, not copied
    // again; the chunks stay here until the worker answers, for an in-thread re-parse if it dies.
    const body = new ArrayBuffer(length);
    const view = new Uint8Array(body);
    let at = 0;
    for (const c of job.chunks) {
      view.set(c, at);
      at += c.length;
    }
    const f = job.input.fetch;
    // The extractor reads only the outcome fields of fetch: the body and headers need not cross.
    const fetch: FetchResult | undefined = f ? { ...f, body: undefined, headers: {} } : f;
    const req: ParseRequest = { id: job.id, input: { ...job.input, fetch: fetch as FetchResult }, body, length };
    try {
      best.worker.postMessage(req, [body]);
    } catch {
      stats.fallbacks++; // an input that cannot be cloned is still a page to parse
      settleHere(job);
      return;
    }
    if (best.pending.size === 0) best.worker.ref();
    best.pending.set(job.id, job);
    if (best.pending.size === 1) watch(best);
  };

  return {
    get size() {
      return slots.length;
    },
    begin(input: ExtractInput): ParseHandle {
      if (slots.length === 0 || closed) {
        // In-thread, streaming as the chunks arrive (no copies kept).
        const ex = createExtractor(input);
        let result: Promise<ParsedPage> | undefined;
        const endWithExtra = () => {
          if (!result) {
            stats.parsedInThread++;
            try {
              result = processHere(ex.end());
            } catch (err) {
              result = Promise.reject(err);
            }
          }
          return result;
        };
        return { write: (chunk) => ex.write(chunk), endWithExtra, end: () => endWithExtra().then((r) => r.facts) };
      }
      const chunks: Buffer[] = [];
      let result: Promise<ParsedPage> | undefined;
      const endWithExtra = () => {
        result ??= new Promise<ParsedPage>((resolve, reject) => submit({ id: nextId++, input, chunks, resolve, reject }));
        return result;
      };
      return {
        write(chunk: Buffer) {
          if (!result && chunk.length > 0) chunks.push(chunk);
        },
        endWithExtra,
        end: () => endWithExtra().then((r) => r.facts),
      };
    },
    stats: () => ({ workers: slots.length, ...stats }),
    ready: async () => {
      await Promise.all(slots.map((s) => s.loaded));
    },
    async close() {
      if (closed) return;
      closed = true;
      const all = slots.splice(0);
      // terminate() resolves after 'exit', where pending pages are parsed in-thread.
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
