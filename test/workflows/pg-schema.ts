// A fresh PostgreSQL schema for one test file, dropped afterwards (as test/store/postgres.test.ts does).
// DATABASE_URL wins; else the local defaults. GOVPATROL_SKIP_PG=1 skips the PostgreSQL half.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const skipPg = process.env.GOVPATROL_SKIP_PG === '1';

const candidates = process.env.DATABASE_URL
  ? [process.env.DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface PgSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

export async function createPgSchema(prefix = 'gp_test'): Promise<PgSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const errors: string[] = [];
  for (const url of candidates) {
    try {
      await adminQuery(url, `create schema ${schema}`);
      return { url, schema, drop: () => adminQuery(url, `drop schema if exists ${schema} cascade`) };
    } catch (err) {
      errors.push(`${url.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}`);
    }
  }
  throw new Error(`PostgreSQL 不可达（设置 DATABASE_URL，或 GOVPATROL_SKIP_PG=1 跳过）：${errors.join('；')}`);
}
