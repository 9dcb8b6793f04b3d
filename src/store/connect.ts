// Opens the database behind a store URL: 'postgres://…' → PostgreSQL (pg Pool); anything else is a
// SQLite file ('sqlite:PATH', a plain path, or ':memory:'), default ./data/govpatrol.sqlite.
// Queries speak camelCase; CamelCasePlugin maps them to the snake_case tables and columns the migrations create.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createRequire } from 'node:module';
import type PgModule from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './types.js';
import { StoreError } from './errors.js';

// pg is loaded only for PostgreSQL URLs: the embedded default should not pay for it.
const requireModule = createRequire(import.meta.url);

export const DEFAULT_SQLITE_PATH = './data/govpatrol.sqlite';

export type StoreDialect = 'sqlite' | 'postgres';

export interface ConnectOptions {
  url?: string;
  /** PostgreSQL only: schema put first on the search_path of every pooled connection. */
  schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  poolSize?: number;
  /** SQLite only: how long a writer waits for another process's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
}

export { StoreError };

export function parseStoreUrl(url: string | undefined): { dialect: StoreDialect; target: string } {
  const raw = (url ?? '').trim();
  if (/^postgres(ql)?:\/\//i.test(raw)) return { dialect: 'postgres', target: raw };
  if (raw === '') return { dialect: 'sqlite', target: DEFAULT_SQLITE_PATH };
  const path = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (path === '') throw new StoreError(`数据库地址无效：${raw}`);
  return { dialect: 'sqlite', target: path };
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const PG_INT8 = 20;

export interface Connection {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** SQLite only: the database handle under Kysely, for the few hot reads a prepared statement serves better. */
  sqlite?: BetterSqlite3.Database;
}

export function connect(opts: ConnectOptions): Connection {
  const { dialect, target } = parseStoreUrl(opts.url);
  if (dialect === 'postgres') {
    if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
      throw new StoreError(`PostgreSQL 模式名无效：${opts.schema}`);
    }
    const pg = requireModule('pg') as typeof PgModule;
    const pool = new pg.Pool({
      connectionString: target,
      max: opts.poolSize ?? 10,
      options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
      // Ids and counters are BIGINT; they stay far below 2^53, so hand them back as numbers, not strings.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === PG_INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its server must not crash the process; the next query reports the error.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] }), dialect };
  }

  if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(target);
  } catch (err) {
    throw new StoreError(`无法打开 SQLite 数据库 ${target}：${(err as Error).message}`);
  }
  if (target !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process kills, fast
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] }), dialect, sqlite };
}
