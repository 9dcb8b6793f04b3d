// Runs a suite on a real SQLite file and on real PostgreSQL (a fresh schema per run, dropped afterwards),
// like test/store/*.test.ts. Unreachable PostgreSQL fails the run unless GOVPATROL_SKIP_PG=1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';

export interface Backend {
  /** A fresh, empty, migrated store. */
  open(): Promise<Store>;
}

const candidates = process.env.DATABASE_URL ? [process.env.DATABASE_URL] : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function onBothBackends(name: string, suite: (backend: Backend) => void): void {
  describe(`${name} (SQLite)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'govpatrol-tasks-'));
    let n = 0;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // A fresh file per options() call: each test opens its own empty database.
    suite({ open: () => openStore({ url: `sqlite:${join(dir, `db${++n}.sqlite`)}` }) });
  });

  describe.skipIf(process.env.GOVPATROL_SKIP_PG === '1')(`${name} (PostgreSQL)`, () => {
    let url = '';
    const schemas: string[] = [];
    beforeAll(async () => {
      const errors: string[] = [];
      for (const candidate of candidates) {
        try {
          await adminQuery(candidate, 'select 1');
          url = candidate;
          return;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
      throw new Error(`PostgreSQL 不可达（设置 DATABASE_URL，或 GOVPATROL_SKIP_PG=1 跳过）：${errors.join('；')}`);
    });
    afterAll(async () => {
      for (const s of schemas) if (url) await adminQuery(url, `drop schema if exists ${s} cascade`);
    });
    suite({
      open: async () => {
        const schema = `gp_tasks_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        await adminQuery(url, `create schema ${schema}`);
        return openStore({ url, schema });
      },
    });
  });
}
