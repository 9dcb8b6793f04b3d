// What a scan writes to the store: findings once, and a failed write fails the scan loudly while keeping
// what was written (never an unhandled rejection that kills the process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import { openStore, StoreError, type PageRow, type Store } from '../../src/store/index.js';

let site: TestSite;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gp-scan-store-'));
  site = await startTestSite({ pages: 500 });
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = () =>
  mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, requestTimeoutMs: 5000, concurrency: 4 },
    checks: { browser: false, availabilityProbes: 1 },
  });

describe('a scan with a store', () => {
  it('writes each finding exactly once (rows inserted = findings reported)', async () => {
    const store = await openStore({ url: join(dir, 'once.sqlite') });
    try {
      // Count every row ever inserted into findings, including rows later deleted.
      await sql`create table finding_inserts (n integer not null)`.execute(store.db);
      await sql`insert into finding_inserts values (0)`.execute(store.db);
      await sql`create trigger count_finding_inserts after insert on findings begin update finding_inserts set n = n + 1; end`.execute(store.db);
      const outcome = await scanSite({ url: site.url, config: config(), store });
      const inserted = (await sql<{ n: number }>`select n from finding_inserts`.execute(store.db)).rows[0].n;
      expect(outcome.report.findings.length).toBeGreaterThan(10);
      expect(inserted).toBe(outcome.report.findings.length);
      expect(await store.findingsOf(outcome.scanId!)).toHaveLength(outcome.report.findings.length);
      expect((await store.getScan(outcome.scanId!))?.findingCount).toBe(outcome.report.findings.length);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a failed store write stops the scan, marks it failed and keeps the rows written before', async () => {
    const store = await openStore({ url: join(dir, 'fail.sqlite') });
    let calls = 0;
    // The second batch of page rows fails, as a full disk or a lost database connection would.
    const failing: Store = Object.create(store, {
      addPages: {
        value: async (id: number, rows: PageRow[]) => {
          calls++;
          if (calls === 2) throw new Error('SQLITE_FULL: database or disk is full');
          return store.addPages(id, rows);
        },
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const err = await scanSite({ url: site.url, config: config(), store: failing }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toContain('保存扫描结果失败');
      expect((err as Error).message).toContain('SQLITE_FULL');
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
      const [scan] = await store.listScans();
      expect(scan.status).toBe('failed');
      expect(await store.pagesOf(scan.id)).toHaveLength(200); // the first batch stays
      expect(scan.pageCount).toBe(200);
      expect(calls).toBe(2); // nothing was written after the failure
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await store.close();
    }
  }, 120_000);
});
