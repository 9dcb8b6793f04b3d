// The real platform for the browser tests: the server from src/server on a loopback port 0 with a fresh SQLite
// file, scans confined to loopback sites (the crawler's host map), the built dashboard, and seeded units and users.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeConfig } from '../../src/config.js';
import { startPlatform, type Platform } from '../../src/server/platform.js';
import { hashPassword } from '../../src/server/password.js';
import { createUnit, createUser, type Unit } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import type { Role, UnitType } from '../../src/store/platform-types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIST = join(ROOT, 'web', 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Builds web/dist when it is missing or older than its sources. Test files run in parallel: one builds
 *  (a lock directory), the others wait for it. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'web', 'src')), newestMtime(join(ROOT, 'web', 'index.html')), newestMtime(join(ROOT, 'web', 'vite.config.ts')));
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= sources;
  if (fresh()) return;
  const lock = join(ROOT, 'web', '.build-lock');
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (fresh()) return;
      // A lock older than 5 minutes belongs to a build that died.
      if (waited > 300_000 || (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000)) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (fresh()) return;
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface SeedUser { username: string; password: string; role: Role; unit?: string; displayName?: string }
export interface SeedUnit { name: string; type: UnitType; parent?: string; includeSubunits?: boolean }

export interface E2EPlatform {
  platform: Platform;
  url: string;
  units: Map<string, Unit>;
  close(): Promise<void>;
}

export async function startE2EPlatform(opts: { hosts: Record<string, string[]>; units: SeedUnit[]; users: SeedUser[]; maxPages?: number }): Promise<E2EPlatform> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'gp-e2e-web-'));
  const platform = await startPlatform({
    url: join(dir, 'gp.sqlite'),
    port: 0,
    host: '127.0.0.1',
    logger: false,
    schedules: false,
    concurrency: 1,
    webDist: WEB_DIST,
    scan: {
      browser: false,
      // Loopback only: the sites' host names resolve to 127.0.0.1 and nothing else is contacted.
      configure: (_website, config) => mergeConfig(config, {
        crawl: { hosts: opts.hosts, hostsOnly: true, maxPages: opts.maxPages ?? 80, requestTimeoutMs: 5000 },
        checks: { availabilityProbes: 1 },
      }),
    },
  });
  const scope = await UnitScope.of(platform.store.db, SYSTEM_ACTOR);
  const units = new Map<string, Unit>();
  for (const u of opts.units) {
    const parentId = u.parent ? units.get(u.parent)!.id : null;
    units.set(u.name, await createUnit(platform.store.db, scope, { name: u.name, type: u.type, parentId, code: null, contact: null, includeSubunits: u.includeSubunits ?? false }));
  }
  for (const u of opts.users) {
    const unitId = u.unit ? units.get(u.unit)!.id : null;
    await createUser(platform.store.db, scope, { username: u.username, displayName: u.displayName ?? u.username, role: u.role, unitId }, await hashPassword(u.password));
  }
  return {
    platform,
    url: platform.url.replace(/\/$/, ''),
    units,
    async close() {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the platform's job queue is empty (scans finished). */
export async function scansIdle(p: E2EPlatform): Promise<void> {
  await p.platform.jobs.idle();
}
