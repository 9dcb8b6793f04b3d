// Runs a suite on an embedded SQLite file and on real PostgreSQL (a fresh schema, dropped afterwards),
// like test/store/*. Unreachable PostgreSQL fails the run unless GOVPATROL_SKIP_PG=1.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  options(): { url: string; schema?: string };
}

const skipPg = process.env.GOVPATROL_SKIP_PG === '1';
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

export function onBothBackends(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} (SQLite)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gp-msg-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    suite({ name: 'sqlite', options: () => ({ url: join(dir, 'db.sqlite') }) });
  });

  describe.skipIf(skipPg)(`${title} (PostgreSQL)`, () => {
    let url = '';
    const schema = `gp_msg_${randomBytes(6).toString('hex')}`;
    // Registered before the suite's own hooks, so the schema exists when the suite opens its store.
    beforeAll(async () => {
      const errors: string[] = [];
      for (const candidate of candidates) {
        try {
          await adminQuery(candidate, `create schema ${schema}`);
          url = candidate;
          return;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
      throw new Error(`PostgreSQL 不可达（设置 DATABASE_URL，或 GOVPATROL_SKIP_PG=1 跳过）：${errors.join('；')}`);
    });
    afterAll(async () => {
      if (url) await adminQuery(url, `drop schema if exists ${schema} cascade`);
    });
    suite({ name: 'postgres', options: () => ({ url, schema }) });
  });
}
