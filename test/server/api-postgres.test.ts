// The platform API on real PostgreSQL, in a fresh schema dropped afterwards (like test/store/postgres.test.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { apiSuite } from './api-suite.js';

const skip = process.env.GOVPATROL_SKIP_PG === '1';
const candidates = process.env.DATABASE_URL ? [process.env.DATABASE_URL] : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
const schema = `gp_api_${randomBytes(6).toString('hex')}`;
let url = '';

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.skipIf(skip)('platform API on PostgreSQL', () => {
  beforeAll(async () => {
    const errors: string[] = [];
    for (const candidate of candidates) {
      url = candidate;
      try {
        await adminQuery(`create schema ${schema}`);
        return;
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
    url = '';
    throw new Error(`PostgreSQL 不可达（设置 DATABASE_URL，或 GOVPATROL_SKIP_PG=1 跳过）：${errors.join('；')}`);
  });
  afterAll(async () => {
    if (url) await adminQuery(`drop schema if exists ${schema} cascade`);
  });
  apiSuite({ options: () => ({ url, schema }) });
});
