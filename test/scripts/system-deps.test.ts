// The system-package step of `npm test`, against a fake apt-get on a fake PATH: it installs only what is
// missing, only as root, says what it did, and reports what it could not install.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSystemDeps, findCommand, missingMessage, type SystemDep } from '../../scripts/system-deps.js';

let dir = '';
let bin = '';
let calls = '';
let browserFile = '';
const lines: string[] = [];
const log = (l: string) => void lines.push(l);

/** A fake apt-get: records its arguments; `install` creates the browser file unless told to fail. */
function fakeAptGet(exitCode = 0): void {
  const script = `#!/bin/sh\necho "$@" >> "${calls}"\n[ "$1" = install ] && [ ${exitCode} = 0 ] && : > "${browserFile}"\nexit ${exitCode}\n`;
  writeFileSync(join(bin, 'apt-get'), script);
  chmodSync(join(bin, 'apt-get'), 0o755);
}

const deps = (): SystemDep[] => [{ pkg: 'chromium', file: browserFile, purpose: '浏览器渲染检查' }];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gp-sysdeps-'));
  bin = join(dir, 'bin');
  calls = join(dir, 'calls.log');
  browserFile = join(dir, 'chromium');
  mkdirSync(bin);
  lines.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureSystemDeps', () => {
  it('does nothing when everything is there', () => {
    fakeAptGet();
    writeFileSync(browserFile, '');
    expect(ensureSystemDeps(deps(), { PATH: bin, isRoot: true, log })).toEqual({ installed: [], missing: [] });
    expect(existsSync(calls)).toBe(false);
  });

  it('installs what is missing as root with apt-get, and says so', () => {
    fakeAptGet();
    const r = ensureSystemDeps(deps(), { PATH: bin, isRoot: true, log });
    expect(r).toEqual({ installed: ['chromium'], missing: [] });
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual(['update -qq', 'install -y -qq chromium']);
    expect(lines.join('\n')).toMatch(/正在安装.*apt-get install -y chromium/);
    expect(lines.join('\n')).toContain('已安装 / installed: chromium');
  });

  it('installs nothing when not root, and reports the package missing', () => {
    fakeAptGet();
    const r = ensureSystemDeps(deps(), { PATH: bin, isRoot: false, log });
    expect(r.missing.map((d) => d.pkg)).toEqual(['chromium']);
    expect(existsSync(calls)).toBe(false);
    expect(lines.join('\n')).toContain('不是 root');
  });

  it('reports the package missing on a machine without apt-get', () => {
    const r = ensureSystemDeps(deps(), { PATH: bin, isRoot: true, log });
    expect(r.missing.map((d) => d.pkg)).toEqual(['chromium']);
    expect(lines.join('\n')).toContain('没有 apt-get');
  });

  it('reports a failed install as still missing', () => {
    fakeAptGet(100);
    const r = ensureSystemDeps(deps(), { PATH: bin, isRoot: true, log });
    expect(r).toMatchObject({ installed: [], missing: [{ pkg: 'chromium' }] });
    expect(lines.join('\n')).toContain('安装失败');
  });
});

describe('findCommand and missingMessage', () => {
  it('finds an executable on PATH and not a plain file', () => {
    fakeAptGet();
    writeFileSync(join(bin, 'notexec'), '');
    expect(findCommand('apt-get', bin)).toBe(join(bin, 'apt-get'));
    expect(findCommand('notexec', bin)).toBeUndefined();
  });

  it('tells, in Chinese and English, what to install and how to skip on purpose', () => {
    const msg = missingMessage(deps(), 'GOVPATROL_SKIP_BROWSER');
    expect(msg).toContain('缺少测试所需的系统软件包：chromium（浏览器渲染检查）');
    expect(msg).toContain('apt-get install -y chromium');
    expect(msg).toContain('Missing system packages');
    expect(msg).toContain('GOVPATROL_SKIP_BROWSER=1');
  });
});
