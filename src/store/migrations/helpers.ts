// The one place migrations differ by dialect: an auto-increment primary key.
// SQLite wants INTEGER PRIMARY KEY AUTOINCREMENT (ids never reused); PostgreSQL has no AUTOINCREMENT,
// so it gets BIGSERIAL (int8 ids are parsed back to JS numbers by the pool's type parser).
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
