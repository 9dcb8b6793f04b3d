// The platform API on real PostgreSQL, in a fresh schema dropped afterwards (like test/store/postgres.test.ts).
// GOVPATROL_SKIP_PG=1 skips it (no PostgreSQL on the machine); CI runs it.
import { afterAll, beforeAll, describe } from 'vitest';
import { apiSuite } from './api-suite.js';
import { createPgSchema, skipPg, type PgSchema } from '../workflows/pg-schema.js';

describe.skipIf(skipPg)('platform API on PostgreSQL', () => {
  let pgSchema: PgSchema | undefined;
  beforeAll(async () => {
    pgSchema = await createPgSchema('gp_api');
  });
  afterAll(async () => {
    await pgSchema?.drop();
  });
  apiSuite({ options: () => ({ url: pgSchema!.url, schema: pgSchema!.schema }) });
});
