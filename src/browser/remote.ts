// The scan's handle on its browser host (host.ts): starts the child process (which launches Chromium at once)
// on warmUp() or the first render, passes render requests over IPC, and on close() waits for the host to
// close Chromium (killing it if it does not answer in time). Renders never throw: a host that died turns
// every pending render into an error.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RenderedFacts } from '../domain/index.js';
import { descendants } from './memory.js';
import type { HostOptions, HostReply, HostRequest, HostStats } from './host.js';
import type { RenderRequest } from './session.js';

const HOST_FILE = fileURLToPath(new URL(`./host${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
// From source (tests, tsx) the host needs tsx's loader; resolved here, where tsx is findable.
// Small V8 limits as for the scan process (bin/govpatrol.js); the DevTools client needs little heap.
const HOST_EXEC_ARGV = ['--max-semi-space-size=2', '--max-old-space-size=256'];
if (HOST_FILE.endsWith('.ts')) HOST_EXEC_ARGV.push('--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href);
const CLOSE_GRACE_MS = 10_000;
const BROWSER_NICENESS = 10;

export class RemoteBrowser {
  private child?: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { req: RenderRequest; resolve: (f: RenderedFacts) => void }>();
  private stats?: HostStats;
  private closed?: Promise<HostStats | undefined>;
  private readonly killOnExit = () => this.child?.kill('SIGTERM'); // the host closes Chromium, then exits

  constructor(private readonly options: HostOptions) {}

  render(req: RenderRequest): Promise<RenderedFacts> {
    if (this.closed) return Promise.resolve(failed(req, '浏览器已关闭（扫描结束或被中断），未执行'));
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { req, resolve });
      this.send(child, { type: 'render', id, req });
    });
  }

  /** Starts the host and its Chromium now, so that their start (a second or so of CPU) overlaps the scan's own
   *  start-up rather than the first render waiting for it. */
  warmUp(): void {
    if (!this.closed && !this.child) this.start();
  }

  /** Once the scan only waits for the renders, they need not yield the CPU any more: back to normal priority
   *  for the host and its Chromium (needs the right to raise priority, e.g. root; otherwise they stay niced). */
  prioritise(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    for (const p of [pid, ...descendants(pid)]) {
      try {
        setPriority(p, 0);
      } catch {
        return;
      }
    }
  }

  /** Closes Chromium and the host; resolves with the host's counts and Chromium's peak memory (undefined if never started). */
  close(): Promise<HostStats | undefined> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private start(): ChildProcess {
    const child = fork(HOST_FILE, [], { execArgv: HOST_EXEC_ARGV, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    this.child = child;
    // Renders run alongside the crawl; niced, the host and the Chromium it starts (which inherits the niceness)
    // take the CPU the crawl leaves, instead of slowing page parsing and attachment extraction.
    try {
      if (child.pid) setPriority(child.pid, BROWSER_NICENESS);
    } catch {
      /* not allowed here: the renders then compete as equals */
    }
    child.on('message', (msg: HostReply) => this.onReply(msg));
    child.on('exit', () => this.failPending('浏览器进程意外退出'));
    child.on('error', () => this.failPending('浏览器进程无法启动'));
    process.on('exit', this.killOnExit); // a hard exit (second Ctrl-C) still takes the host down
    this.send(child, { type: 'init', options: this.options });
    return child;
  }

  private send(child: ChildProcess, msg: HostRequest): void {
    if (!child.connected) return this.failPending('浏览器进程已退出');
    child.send(msg, (err) => err && this.failPending('浏览器进程已退出'));
  }

  private onReply(msg: HostReply): void {
    if (msg.type === 'closed') this.stats = msg.stats;
    else {
      this.pending.get(msg.id)?.resolve(msg.facts);
      this.pending.delete(msg.id);
    }
  }

  private failPending(error: string): void {
    for (const { req, resolve } of this.pending.values()) resolve(failed(req, error));
    this.pending.clear();
  }

  private async shutdown(): Promise<HostStats | undefined> {
    const child = this.child;
    if (!child) return undefined;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ type: 'close' } satisfies HostRequest);
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', this.killOnExit);
    this.failPending('浏览器已关闭（扫描结束或被中断）');
    return this.stats;
  }
}

function failed(req: RenderRequest, error: string): RenderedFacts {
  return { url: req.url, as: req.identity.as, finalUrl: req.url, navigatedOffSite: false, title: '', injectedLinks: [], error };
}
