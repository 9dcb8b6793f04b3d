// The store suite on a real SQLite file in a fresh temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, parseStoreUrl, DEFAULT_SQLITE_PATH } from '../../src/store/index.js';
import { storeSuite } from './store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'govpatrol-store-'));
const file = join(dir, 'nested', 'govpatrol.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store on SQLite', () => {
  storeSuite({ options: () => ({ url: `sqlite:${file}` }) });

  it('uses WAL, a busy timeout and enforced foreign keys', async () => {
    const store = await openStore({ url: file });
    try {
      expect(store.dialect).toBe('sqlite');
      await expect(store.beginScan(424242, '2024-01-01T00:00:00.000Z', {})).rejects.toThrow(/FOREIGN KEY/);
      const { sql } = await import('kysely');
      const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(store.db); // results come back camelCased
      expect(mode.rows[0].journalMode).toBe('wal');
      const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(store.db);
      expect(timeout.rows[0].timeout).toBe(5000);
    } finally {
      await store.close();
    }
  });
});

describe('store URLs', () => {
  it('maps URL forms to dialects', () => {
    expect(parseStoreUrl(undefined)).toEqual({ dialect: 'sqlite', target: DEFAULT_SQLITE_PATH });
    expect(parseStoreUrl('sqlite:/tmp/a.db')).toEqual({ dialect: 'sqlite', target: '/tmp/a.db' });
    expect(parseStoreUrl('sqlite:///tmp/a.db')).toEqual({ dialect: 'sqlite', target: '/tmp/a.db' });
    expect(parseStoreUrl('data/x.sqlite')).toEqual({ dialect: 'sqlite', target: 'data/x.sqlite' });
    expect(parseStoreUrl('postgres://u@127.0.0.1:5432/db').dialect).toBe('postgres');
    expect(parseStoreUrl('postgresql://u@127.0.0.1/db').dialect).toBe('postgres');
  });
});
