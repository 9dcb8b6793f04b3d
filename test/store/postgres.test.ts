// The store suite on real PostgreSQL, isolated in a fresh schema dropped afterwards.
// DATABASE_URL wins; else the local defaults. Unreachable PostgreSQL fails the run (CI starts it)
// unless GOVPATROL_SKIP_PG=1.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { storeSuite } from './store-suite.js';

const skip = process.env.GOVPATROL_SKIP_PG === '1';
const candidates = process.env.DATABASE_URL
  ? [process.env.DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
const schema = `gp_test_${randomBytes(6).toString('hex')}`;
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

describe.skipIf(skip)('store on PostgreSQL', () => {
  beforeAll(async () => {
    const errors: string[] = [];
    for (const candidate of candidates) {
      url = candidate;
      try {
        await adminQuery(`create schema ${schema}`);
        return;
      } catch (err) {
        errors.push(`${candidate.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}`);
      }
    }
    url = '';
    throw new Error(`PostgreSQL 不可达，存储层测试无法运行（设置 DATABASE_URL，或 GOVPATROL_SKIP_PG=1 跳过）：${errors.join('；')}`);
  });

  afterAll(async () => {
    if (url) await adminQuery(`drop schema if exists ${schema} cascade`);
  });

  storeSuite({ options: () => ({ url, schema }) });

  it('keeps its tables inside the test schema and rejects a bad schema name', async () => {
    const store = await openStore({ url, schema });
    try {
      expect(store.dialect).toBe('postgres');
      const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
      const ours = tables.filter((t) => t.schema === schema).map((t) => t.name).sort();
      expect(ours).toEqual(['accounts', 'attachment_cache', 'audit_log', 'baselines', 'broken_links', 'findings', 'indicator_results', 'jobs', 'kysely_migration', 'kysely_migration_lock', 'message_events', 'messages', 'notice_drafts', 'notice_templates', 'notifications', 'page_cache', 'page_cache_link_runs', 'pages', 'probes', 'round_dismissals', 'round_evidence', 'round_manual_results', 'round_reviews', 'round_sites', 'rounds', 'scans', 'sessions', 'settings', 'sites', 'spam_word_memos', 'task_events', 'task_items', 'tasks', 'units', 'users', 'websites']);
      const site = await store.upsertSite('http://pg-ids.gov.test/');
      expect(typeof site.id).toBe('number'); // BIGSERIAL ids come back as numbers
    } finally {
      await store.close();
    }
    await expect(openStore({ url, schema: 'x; drop table y' })).rejects.toThrow(/模式名无效/);
  });
});
