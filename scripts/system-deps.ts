// The Debian packages the tests and the bench need beyond npm: found where they should be, or installed with
// apt-get when we run as root on a machine that has it (a fresh CI box), saying what was done. Anything still
// missing is returned, so the caller can fail with a clear message instead of skipping quietly.
import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FULL_CHROMIUM, HEADLESS_SHELL } from '../src/config.js';

export interface SystemDep {
  pkg: string; // the Debian package that provides it
  file?: string; // an absolute path the package installs
  command?: string; // or a command it puts on PATH
  purpose: string; // what needs it, in Chinese
  browser?: boolean; // needed only by the browser tests (GOVPATROL_SKIP_BROWSER=1 skips them)
}

export const TEST_DEPS: SystemDep[] = [
  { pkg: 'chromium-headless-shell', file: HEADLESS_SHELL, purpose: '扫描的浏览器渲染检查（脚本注入的链接、搜索来路跳转、截图）与通报 PDF', browser: true },
  { pkg: 'chromium', file: FULL_CHROMIUM, purpose: '平台界面的端到端测试（完整的 Chromium）', browser: true },
  { pkg: 'fonts-noto-cjk', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', purpose: '截图与 PDF 中的中文字形', browser: true },
  { pkg: 'poppler-utils', command: 'pdftotext', purpose: 'PDF 文本核对' },
];

export const BENCH_DEPS: SystemDep[] = [
  { pkg: 'nginx-light', command: 'nginx', purpose: '基准测试的本机网站服务器' },
  { pkg: 'wget', command: 'wget', purpose: '基准对比工具 wget --spider' },
];

export interface DepsEnv {
  PATH?: string;
  isRoot?: boolean;
  log?: (line: string) => void;
}

/** A command on PATH, or in the sbin folders root's PATH has (nginx lives in /usr/sbin). */
export function findCommand(name: string, path = process.env.PATH ?? ''): string | undefined {
  const dirs = [...path.split(delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function present(dep: SystemDep, path: string | undefined): boolean {
  if (dep.file) return existsSync(dep.file);
  return Boolean(dep.command && findCommand(dep.command, path));
}

export function missingDeps(deps: SystemDep[], path = process.env.PATH): SystemDep[] {
  return deps.filter((d) => !present(d, path));
}

/** Installs what is missing when it can (root and apt-get); returns what was installed and what is still missing. */
export function ensureSystemDeps(deps: SystemDep[], env: DepsEnv = {}): { installed: string[]; missing: SystemDep[] } {
  const path = env.PATH ?? process.env.PATH;
  const log = env.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const missing = missingDeps(deps, path);
  if (!missing.length) return { installed: [], missing };
  const aptGet = findCommand('apt-get', path);
  const isRoot = env.isRoot ?? process.getuid?.() === 0;
  if (!aptGet || !isRoot) {
    log(`[system-deps] 缺少 ${missing.map((d) => d.pkg).join(' ')}，${aptGet ? '当前不是 root' : '本机没有 apt-get'}，无法自动安装。`);
    return { installed: [], missing };
  }
  const pkgs = missing.map((d) => d.pkg);
  log(`[system-deps] 正在安装 / installing: apt-get install -y ${pkgs.join(' ')}（${missing.map((d) => d.purpose).join('；')}）…`);
  const opts: SpawnSyncOptionsWithStringEncoding = {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: path, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
  };
  const update = spawnSync(aptGet, ['update', '-qq'], opts);
  const install = update.status === 0 ? spawnSync(aptGet, ['install', '-y', '-qq', ...pkgs], opts) : update;
  const still = missingDeps(deps, path);
  const installed = pkgs.filter((p) => !still.some((d) => d.pkg === p));
  if (installed.length) log(`[system-deps] 已安装 / installed: ${installed.join(' ')}`);
  if (still.length) log(`[system-deps] 安装失败 / install failed (${install.status}): ${(install.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
  return { installed, missing: still };
}

/** The message a run fails with when packages are still missing (Chinese first, English second). */
export function missingMessage(missing: SystemDep[], skipVar: string): string {
  const list = missing.map((d) => `${d.pkg}（${d.purpose}）`).join('、');
  const cmd = `apt-get install -y ${missing.map((d) => d.pkg).join(' ')}`;
  return (
    `缺少测试所需的系统软件包：${list}。请以 root 运行 \`${cmd}\`（或以 root 重新运行 npm test，它会自动安装），` +
    `或设置 ${skipVar}=1 明确跳过相关测试。\n` +
    `Missing system packages the tests need: ${missing.map((d) => d.pkg).join(', ')}. Run \`${cmd}\` as root ` +
    `(npm test installs them itself when run as root), or set ${skipVar}=1 to skip those tests explicitly.`
  );
}

// `npm run setup`: everything the tests and the bench need.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { missing } = ensureSystemDeps([...TEST_DEPS, ...BENCH_DEPS]);
  if (missing.length) {
    process.stderr.write(`${missingMessage(missing, 'GOVPATROL_SKIP_BROWSER')}\n`);
    process.exit(1);
  }
  process.stderr.write('[system-deps] 系统依赖齐全 / all system packages present\n');
}
