// The crawl frontier: a FIFO (so BFS by depth) with a seen-set checked BEFORE enqueue, so each URL is
// fetched once. Both the queue and the seen-set live in memory up to `memoryLimit` and then spill to a
// throw-away SQLite file, so a million-page site fits in a few hundred MB. Politeness is elsewhere.
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Referrer } from './links.js';
import { hasRepeatingSegments, type TargetKind } from './url.js';

export interface FrontierEntry {
  url: string;
  depth: number;
  kind: TargetKind;
  internal: boolean;
  ref?: Referrer; // first referrer; later ones are in the LinkBook
}

export type OfferOutcome = 'queued' | 'seen' | 'max-depth' | 'max-urls' | 'query-variants' | 'repeating-path';
export type FrontierLimit = Exclude<OfferOutcome, 'queued' | 'seen'>;

export interface FrontierOptions {
  memoryLimit: number;
  maxDepth: number;
  maxUrls: number;
  maxQueryVariantsPerPath: number;
  workDir?: string;
}

const KIND_CODES: TargetKind[] = ['page', 'attachment', 'resource'];

type Statement = Database.Statement;

export class Frontier {
  readonly limitsHit = new Set<FrontierLimit>();
  private readonly seenMem = new Set<string>();
  private readonly variantsMem = new Map<string, number>();
  private queue: FrontierEntry[] = [];
  private head = 0;
  private diskQueued = 0;
  private total = 0; // distinct URLs accepted
  private db?: Database.Database;
  private dir?: string;
  private ownsDir = false;
  private seenOnDisk = false;
  private writesSinceCommit = 0;
  private variantsOnDisk = false;
  private st?: {
    seenHas: Statement;
    seenAdd: Statement;
    qPush: Statement;
    qTake: Statement;
    qDelete: Statement;
    vGet: Statement;
    vBump: Statement;
  };

  constructor(private readonly opts: FrontierOptions) {}

  get size(): number {
    return this.queue.length - this.head + this.diskQueued;
  }

  get accepted(): number {
    return this.total;
  }

  get spilled(): boolean {
    return this.db !== undefined;
  }

  has(url: string): boolean {
    if (this.seenMem.has(url)) return true;
    return this.seenOnDisk && this.st!.seenHas.get(url) !== undefined;
  }

  /** Marks a URL seen without queueing it (a redirect target). True when it was new. */
  markSeen(url: string): boolean {
    if (this.has(url)) return false;
    this.addSeen(url);
    return true;
  }

  /** Queues an entry unless seen or over a bound. `parsed` saves re-parsing when the caller has it. */
  offer(entry: FrontierEntry, parsed?: URL): OfferOutcome {
    if (this.has(entry.url)) return 'seen';
    if (this.total >= this.opts.maxUrls) return this.hit('max-urls');
    if (entry.kind === 'page') {
      if (entry.depth > this.opts.maxDepth) return this.hit('max-depth');
      const u = parsed ?? new URL(entry.url);
      if (hasRepeatingSegments(u.pathname)) return this.hit('repeating-path');
      if (u.search !== '' && !this.bumpVariant(u.origin + u.pathname)) return this.hit('query-variants');
    }
    this.addSeen(entry.url);
    this.total++;
    this.push(entry);
    return 'queued';
  }

  pop(): FrontierEntry | undefined {
    if (this.head >= this.queue.length) {
      if (this.diskQueued === 0) return undefined;
      this.refill();
    }
    const e = this.queue[this.head];
    this.queue[this.head++] = undefined as unknown as FrontierEntry; // let it be collected
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return e;
  }

  close(): void {
    if (this.db?.inTransaction) this.db.exec('ROLLBACK'); // nothing in it is worth keeping
    this.db?.close();
    this.db = undefined;
    if (this.dir && this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
    else if (this.dir) for (const f of ['frontier.sqlite', 'frontier.sqlite-journal']) rmSync(join(this.dir, f), { force: true });
  }

  private hit(limit: FrontierLimit): FrontierLimit {
    this.limitsHit.add(limit);
    return limit;
  }

  private addSeen(url: string): void {
    if (!this.seenOnDisk && this.seenMem.size >= this.opts.memoryLimit) {
      this.openDb();
      this.seenOnDisk = true;
    }
    if (this.seenOnDisk) {
      this.st!.seenAdd.run(url);
      this.wrote();
    }
    else this.seenMem.add(url);
  }

  private bumpVariant(pathKey: string): boolean {
    const max = this.opts.maxQueryVariantsPerPath;
    if (!this.variantsOnDisk) {
      const n = this.variantsMem.get(pathKey) ?? 0;
      if (n >= max) return false;
      if (n === 0 && this.variantsMem.size >= this.opts.memoryLimit) {
        this.openDb();
        const move = this.db!.transaction(() => {
          for (const [k, v] of this.variantsMem) this.st!.vBump.run(k, v);
        });
        move();
        this.variantsMem.clear();
        this.variantsOnDisk = true;
      } else {
        this.variantsMem.set(pathKey, n + 1);
        return true;
      }
    }
    const row = this.st!.vGet.get(pathKey) as { n: number } | undefined;
    if (row && row.n >= max) return false;
    this.st!.vBump.run(pathKey, 1);
    this.wrote();
    return true;
  }

  private push(e: FrontierEntry): void {
    const memQueued = this.queue.length - this.head;
    if (this.diskQueued === 0 && memQueued < this.opts.memoryLimit) {
      this.queue.push(e);
      return;
    }
    this.openDb();
    this.st!.qPush.run(e.url, e.depth, KIND_CODES.indexOf(e.kind), e.internal ? 1 : 0, e.ref ? JSON.stringify(e.ref) : null);
    this.diskQueued++;
    this.wrote();
  }

  private refill(): void {
    const batch = Math.max(1, Math.min(10_000, Math.ceil(this.opts.memoryLimit / 2)));
    const rows = this.st!.qTake.all(batch) as Array<{ id: number; url: string; depth: number; kind: number; internal: number; ref: string | null }>;
    if (rows.length === 0) {
      this.diskQueued = 0;
      return;
    }
    this.st!.qDelete.run(rows[rows.length - 1].id);
    this.wrote();
    this.diskQueued -= rows.length;
    this.queue = rows.map((r) => {
      const e: FrontierEntry = { url: r.url, depth: r.depth, kind: KIND_CODES[r.kind], internal: r.internal === 1 };
      if (r.ref !== null) e.ref = JSON.parse(r.ref) as Referrer;
      return e;
    });
    this.head = 0;
  }

  private openDb(): void {
    if (this.db) return;
    if (this.opts.workDir) this.dir = this.opts.workDir;
    else {
      this.dir = mkdtempSync(join(tmpdir(), 'govpatrol-frontier-'));
      this.ownsDir = true;
    }
    // Required here, on the first spill: most crawls never spill, and the driver costs memory once loaded.
    const Sqlite = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    const db = new Sqlite(join(this.dir, 'frontier.sqlite'));
    // A throw-away file: no durability wanted, only bounded memory.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('temp_store = FILE');
    db.pragma('cache_size = -16000'); // 16 MB page cache
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec(`
      DROP TABLE IF EXISTS seen; DROP TABLE IF EXISTS queue; DROP TABLE IF EXISTS variants;
      CREATE TABLE seen (url TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE queue (id INTEGER PRIMARY KEY AUTOINCREMENT, url TEXT NOT NULL, depth INTEGER NOT NULL,
                          kind INTEGER NOT NULL, internal INTEGER NOT NULL, ref TEXT);
      CREATE TABLE variants (path TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.db = db;
    this.st = {
      seenHas: db.prepare('SELECT 1 FROM seen WHERE url = ?').pluck(),
      seenAdd: db.prepare('INSERT OR IGNORE INTO seen (url) VALUES (?)'),
      qPush: db.prepare('INSERT INTO queue (url, depth, kind, internal, ref) VALUES (?, ?, ?, ?, ?)'),
      qTake: db.prepare('SELECT id, url, depth, kind, internal, ref FROM queue ORDER BY id LIMIT ?'),
      qDelete: db.prepare('DELETE FROM queue WHERE id <= ?'),
      vGet: db.prepare('SELECT n FROM variants WHERE path = ?'),
      vBump: db.prepare('INSERT INTO variants (path, n) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET n = n + excluded.n'),
    };
    // One long transaction, committed every few thousand writes: autocommit costs ~100 µs a row.
    db.exec('BEGIN');
  }

  /** Counts a write; commits the running transaction now and then so dirty pages stay bounded. */
  private wrote(): void {
    if (++this.writesSinceCommit < 10_000) return;
    this.writesSinceCommit = 0;
    this.db!.exec('COMMIT');
    this.db!.exec('BEGIN');
  }
}
