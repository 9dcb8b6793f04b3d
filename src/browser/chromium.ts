// Starts Chromium with a DevTools pipe (fd 3 ours to write, fd 4 ours to read) and a throwaway profile, and
// closes it: politely (Browser.close), then by SIGKILL if it does not go, then its profile is removed. Chromium
// also exits by itself when the pipe closes, so it cannot outlive the process that started it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CdpConnection } from './cdp.js';

export interface LaunchOptions {
  executablePath: string;
  args: string[];
  /** How long Chromium may take to answer its first command, ms. */
  timeout: number;
}

const CLOSE_GRACE_MS = 5_000;

export class Chromium {
  private exited: Promise<void>;
  private closing?: Promise<void>;

  constructor(
    private readonly proc: ChildProcess,
    readonly cdp: CdpConnection,
    private readonly profileDir: string,
    /** Chromium's version, e.g. 156.0.8078.114. */
    readonly version: string,
  ) {
    this.exited = processExit(proc);
  }

  get connected(): boolean {
    return this.cdp.connected && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Closes Chromium and removes its profile; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.cdp.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), CLOSE_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
    process.off('exit', this.killOnExit);
    await rm(this.profileDir, { recursive: true, force: true }).catch(() => undefined);
  }

  readonly killOnExit = (): void => void this.proc.kill('SIGKILL');
}

export async function launchChromium(opts: LaunchOptions): Promise<Chromium> {
  const profileDir = await mkdtemp(join(tmpdir(), 'govpatrol-chromium-'));
  const args = [...opts.args, `--user-data-dir=${profileDir}`, '--remote-debugging-pipe', '--no-startup-window'];
  const proc = spawn(opts.executablePath, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new CdpConnection(proc.stdio[3] as Writable, proc.stdio[4] as Readable);
  const started = new Promise<never>((_, reject) => {
    proc.once('error', (err) => reject(err));
    proc.once('exit', (code, signal) => reject(new Error(`Chromium 启动后即退出（${signal ?? `退出码 ${code}`}）`)));
  });
  started.catch(() => undefined); // an exit after the start is the Chromium object's business
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Chromium 在 ${opts.timeout} ms 内未就绪`)), opts.timeout)));
  try {
    const { product } = await Promise.race([cdp.send('Browser.getVersion'), started, timedOut]);
    const chromium = new Chromium(proc, cdp, profileDir, String(product).replace(/^[^/]*\//, ''));
    process.once('exit', chromium.killOnExit); // a hard exit of this process still takes Chromium down
    return chromium;
  } catch (err) {
    proc.kill('SIGKILL');
    await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function processExit(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', () => resolve());
  });
}
