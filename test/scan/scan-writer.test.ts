// The scan's store writes: in order, the first failure stops the queue and is reported once, nothing is ever
// an unhandled rejection, and the heartbeat runs on a timer while nothing else is written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type PageRow, type Store } from '../../src/store/index.js';
import { ScanWriter } from '../../src/scan/scan-writer.js';

const row = (i: number): PageRow => ({ url: `http://w.gov.test/p${i}.html`, status: 200, outcome: 'ok', ms: 5, bytes: 100, title: `第${i}页`, kind: 'article', depth: 1 });

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gp-writer-'));
  const store = await openStore({ url: join(dir, 'w.sqlite') });
  try {
    return await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ScanWriter', () => {
  it('writes page rows in batches, in order', async () => {
    await withStore(async (store) => {
      const site = await store.upsertSite('http://w.gov.test/');
      const scan = await store.beginScan(site.id, new Date().toISOString(), {});
      const writer = new ScanWriter(store, scan.id, { batch: 3 });
      for (let i = 0; i < 7; i++) writer.addPage(row(i));
      await writer.drain();
      await writer.stop();
      expect((await store.pagesOf(scan.id)).map((p) => p.url)).toEqual(Array.from({ length: 7 }, (_, i) => row(i).url));
    });
  });

  it('stops at the first failed write, reports it once, keeps earlier rows, and rejects nothing unhandled', async () => {
    await withStore(async (store) => {
      const site = await store.upsertSite('http://w.gov.test/');
      const scan = await store.beginScan(site.id, new Date().toISOString(), {});
      let calls = 0;
      const failing: Store = Object.create(store, {
        addPages: {
          value: async (id: number, rows: PageRow[]) => {
            calls++;
            if (calls === 2) throw new Error('磁盘已满');
            return store.addPages(id, rows);
          },
        },
      });
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      const errors: Error[] = [];
      try {
        const writer = new ScanWriter(failing, scan.id, { batch: 2, onError: (e) => errors.push(e) });
        for (let i = 0; i < 8; i++) writer.addPage(row(i));
        await expect(writer.drain()).rejects.toThrow('磁盘已满');
        await writer.stop();
        await new Promise((r) => setImmediate(r));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(errors.map((e) => e.message)).toEqual(['磁盘已满']);
      expect(calls).toBe(2); // the two batches after the failure were never attempted
      expect((await store.pagesOf(scan.id)).map((p) => p.url)).toEqual([row(0).url, row(1).url]);
      expect(unhandled).toEqual([]);
    });
  });

  it('advances the heartbeat on its timer while nothing else is written', async () => {
    await withStore(async (store) => {
      const site = await store.upsertSite('http://w.gov.test/');
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      vi.setSystemTime(new Date('2026-12-01T00:00:00.000Z'));
      const scan = await store.beginScan(site.id, new Date().toISOString(), {});
      const heartbeat = async () => (await store.db.selectFrom('scans').select('heartbeatAt').where('id', '=', scan.id).executeTakeFirstOrThrow()).heartbeatAt;
      expect(await heartbeat()).toBe('2026-12-01T00:00:00.000Z');
      const writer = new ScanWriter(store, scan.id, { heartbeatMs: 60_000 });
      try {
        vi.advanceTimersByTime(60_000);
        await writer.drain();
        expect(await heartbeat()).toBe('2026-12-01T00:01:00.000Z');
        vi.advanceTimersByTime(5 * 60_000);
        await writer.drain();
        expect(await heartbeat()).toBe('2026-12-01T00:06:00.000Z');
      } finally {
        await writer.stop();
      }
      // Stopped: no more heartbeats.
      vi.advanceTimersByTime(10 * 60_000);
      await writer.drain();
      expect(await heartbeat()).toBe('2026-12-01T00:06:00.000Z');
    });
  });
});
