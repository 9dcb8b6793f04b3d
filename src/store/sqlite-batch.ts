// Bulk writes on SQLite without Kysely. A scan writes a row per page (and a cache row per page on its first
// scan); through Kysely each batch of 200-500 rows was a query built, compiled and prepared afresh. Here each
// statement is prepared once per connection and the rows run through it in one transaction.
import type BetterSqlite3 from 'better-sqlite3';

export type SqliteHandle = BetterSqlite3.Database;

const prepared = new WeakMap<SqliteHandle, Map<string, BetterSqlite3.Statement>>();

/** The statement for `sql` on this connection, prepared on first use. */
export function statement(sqlite: SqliteHandle, sql: string): BetterSqlite3.Statement {
  let byText = prepared.get(sqlite);
  if (!byText) prepared.set(sqlite, (byText = new Map()));
  let stmt = byText.get(sql);
  if (!stmt) byText.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}

/**
 * Runs `write` (synchronous) in a transaction of its own and returns true; or returns false without running it
 * when there is no SQLite handle, or when a Kysely transaction is open on the connection (awaiting between its
 * statements): our writes would join it, and its rollback would undo them. The caller then writes through Kysely.
 */
export function writeInOwnTransaction(sqlite: SqliteHandle | undefined, write: (sqlite: SqliteHandle) => void): boolean {
  if (!sqlite || sqlite.inTransaction) return false;
  sqlite.transaction(() => write(sqlite))();
  return true;
}
