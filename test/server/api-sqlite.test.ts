// The platform API on an embedded SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { apiSuite } from './api-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'gp-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('platform API on SQLite', () => {
  apiSuite({ options: () => ({ url: join(dir, 'api.sqlite') }) });
});
