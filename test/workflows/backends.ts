// Runs a suite on a real SQLite file and on real PostgreSQL (a fresh schema per opened store, dropped
// afterwards), like test/store/*.test.ts. Unreachable PostgreSQL fails the run unless GOVPATROL_SKIP_PG=1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createPgSchema, skipPg, type PgSchema } from './pg-schema.js';

export interface Backend {
  /** A fresh, empty, migrated store. */
  open(): Promise<Store>;
}

export function onBothBackends(name: string, suite: (backend: Backend) => void): void {
  describe(`${name} (SQLite)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'govpatrol-wf-'));
    let n = 0;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    // A fresh file per open(): each test opens its own empty database.
    suite({ open: () => openStore({ url: `sqlite:${join(dir, `db${++n}.sqlite`)}` }) });
  });

  describe.skipIf(skipPg)(`${name} (PostgreSQL)`, () => {
    const schemas: PgSchema[] = [];
    afterAll(async () => {
      for (const s of schemas) await s.drop();
    });
    suite({
      open: async () => {
        const pg = await createPgSchema('gp_wf');
        schemas.push(pg);
        return openStore({ url: pg.url, schema: pg.schema });
      },
    });
  });
}
