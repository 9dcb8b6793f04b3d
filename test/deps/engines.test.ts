// Node 20 is the runtime (design.md). Every package the lock file installs must accept the running Node:
// a transitive dependency that moved to Node 22 (cookie 2, nanoid 6, undici 8 …) fails here, not in production.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// semver is in node_modules (npm's own dependency tree) without types; only satisfies() is used.
const semver = require('semver') as { satisfies(version: string, range: string, opts?: { includePrerelease?: boolean }): boolean };
const root = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  optional?: boolean;
  dev?: boolean;
}

function nodeRange(entry: LockEntry, installedDir: string): string | undefined {
  const manifest = join(installedDir, 'package.json');
  // The installed manifest is what runs; the lock's copy is the fallback (packages skipped on this platform).
  const engines = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: unknown }).engines : entry.engines;
  if (!engines || Array.isArray(engines) || typeof engines !== 'object') return undefined;
  const range = (engines as Record<string, unknown>).node;
  return typeof range === 'string' ? range : undefined;
}

it('every package in package-lock.json accepts the running Node', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
  expect(entries.length).toBeGreaterThan(100);
  const refused: string[] = [];
  let checked = 0;
  for (const [path, entry] of entries) {
    const dir = join(root, path);
    if (!existsSync(dir) && entry.optional) continue; // an optional package for another platform
    const range = nodeRange(entry, dir);
    if (!range) continue;
    checked++;
    if (!semver.satisfies(process.version, range, { includePrerelease: true })) refused.push(`${path}@${entry.version ?? '?'} engines.node "${range}"`);
  }
  expect(checked).toBeGreaterThan(50);
  expect(refused, `这些依赖不接受当前 Node ${process.version}`).toEqual([]);
});

it('the project itself declares the Node it runs on', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
});
