// bin/govpatrol.js starts Node with memory flags on its #! line. The other CLI tests run the file through
// `node bin/govpatrol.js`, which skips that line, so a flag this Node does not know (a typo, a V8 flag that was
// renamed) would only show when a user runs the command. This runs the line as `env -S` would.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/govpatrol.js');

/** The #! line split as `env -S` splits it: NAME=value settings, the program, its options. */
function shebang(): { env: Record<string, string>; program: string; flags: string[] } {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  const words = first.replace(/^#!\/usr\/bin\/env -S /, '').split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  while (words.length && /^[A-Z_]+=/.test(words[0])) {
    const [name, value] = words.shift()!.split('=');
    env[name] = value;
  }
  return { env, program: words[0], flags: words.slice(1) };
}

describe('bin/govpatrol.js #! line', () => {
  it('is an env -S line that runs node', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env -S ')).toBe(true);
    expect(shebang().program).toBe('node');
  });

  it('gives node flags this node accepts, and they take effect', () => {
    const { env, flags } = shebang();
    const probe = `const v8 = require('node:v8');
      const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(JSON.stringify({ limit: v8.getHeapStatistics().heap_size_limit, newSpace: young.space_size }));`;
    const r = spawnSync(process.execPath, [...flags, '-e', probe], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { limit, newSpace } = JSON.parse(r.stdout) as { limit: number; newSpace: number };
    const MB = 1024 * 1024;
    const oldCap = Number(flags.find((f) => f.startsWith('--max-old-space-size='))?.split('=')[1]);
    const semi = Number(flags.find((f) => f.startsWith('--max-semi-space-size='))?.split('=')[1]);
    // The heap limit is the old-space cap plus the young generation (three semi-spaces' worth).
    expect(limit).toBeGreaterThanOrEqual(oldCap * MB);
    expect(limit).toBeLessThanOrEqual((oldCap + 3 * semi) * MB);
    // New space starts small and grows to two semi-spaces at most.
    expect(newSpace).toBeLessThanOrEqual(2 * semi * MB);
  });

  it('sets glibc malloc tunables as whole numbers (glibc ignores anything else)', () => {
    const { env } = shebang();
    expect(Object.keys(env).sort()).toEqual(['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
    for (const value of Object.values(env)) expect(value).toMatch(/^[1-9][0-9]*$/);
  });

  it('fits in the 256 bytes of a #! line that Linux reads (since 5.1)', () => {
    expect(Buffer.byteLength(readFileSync(BIN, 'utf8').split('\n')[0])).toBeLessThan(256);
  });
});
