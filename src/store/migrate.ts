// Runs the TypeScript migrations with Kysely's Migrator (it locks, so concurrent workers are safe).
import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import { StoreError, type StoreDialect } from './connect.js';

export async function migrateToLatest(pluggedDb: Kysely<any>, dialect: StoreDialect): Promise<MigrationResultSet> {
  // Migrations name tables and columns exactly as stored (snake_case), so they run without the camelCase plugin.
  const db = pluggedDb.withoutPlugins();
  // Kysely looks for its migration table in every schema it can see; pin it to ours so a
  // kysely_migration table in another PostgreSQL schema is not mistaken for this one.
  let migrationTableSchema: string | undefined;
  if (dialect === 'postgres') {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
    if (!migrationTableSchema) throw new StoreError('PostgreSQL 当前模式（search_path）不存在，无法迁移');
  }
  const migrator = new Migrator({
    db,
    migrationTableSchema,
    provider: { getMigrations: async () => migrations },
    // Migrations create independent tables and are numbered per feature as features land in parallel: a
    // database that already ran a later number still takes an earlier one that arrived after it.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new StoreError(`数据库迁移失败（${failed}）：${(result.error as Error).message ?? String(result.error)}`);
  }
  return result;
}
