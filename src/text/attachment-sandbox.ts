// Attachments (PDF, DOCX, XLSX …) are hostile input parsed by big libraries. They are parsed in one child
// process with its own memory cap, killed and restarted on a timeout, so a malformed or malicious file can
// neither hang nor bloat the scanner (pdf.js alone adds ~55 MB to whatever process loads it).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AttachmentText, ExtractLimits } from './attachments.js';

const WORKER = fileURLToPath(new URL(`./attachment-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

interface Pending { resolve(r: AttachmentText): void; timer: NodeJS.Timeout; child: ChildProcess }

// A fresh child first has to start Node and load the parsers (pdf.js is large): seconds on a busy machine,
// which must not count against the first files' own time limit.
const STARTUP_ALLOWANCE_MS = 15_000;

export class AttachmentSandbox {
  private child?: ChildProcess;
  private spawnedAt = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly memoryMb = 256) {}

  private spawn(): ChildProcess {
    const execArgv = [`--max-old-space-size=${this.memoryMb}`];
    if (WORKER.endsWith('.ts')) execArgv.push('--import', 'tsx');
    const child = fork(WORKER, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    this.spawnedAt = Date.now();
    child.on('message', (msg: { id: number; result: AttachmentText }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(msg.id);
      p.resolve(msg.result);
    });
    // A send to a child that just died fails with EPIPE as an 'error' event; unhandled, it would take the
    // whole process down (the platform server with every other scan). 'exit' fails the pending work.
    child.on('error', () => {});
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      this.failAll('附件解析进程意外退出（文件可能畸形或过大）', child);
    });
    child.unref();
    (child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();
    return child;
  }

  private failAll(error: string, only?: ChildProcess): void {
    for (const [id, p] of this.pending) {
      if (only && p.child !== only) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve({ kind: 'other', text: '', truncated: false, error });
    }
  }

  extract(body: Buffer, contentType: string, url: string, limits: ExtractLimits): Promise<AttachmentText> {
    this.child ??= this.spawn();
    const child = this.child;
    const id = this.nextId++;
    return new Promise((resolve) => {
      // The worker enforces limits.timeoutMs itself; this is the backstop for a worker stuck in a parser.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ kind: 'other', text: '', truncated: false, error: `附件解析超时（${Math.round(limits.timeoutMs / 1000)} 秒）` });
        if (this.child === child) this.child = undefined;
        child.kill('SIGKILL');
      }, limits.timeoutMs + 2000 + Math.max(0, this.spawnedAt + STARTUP_ALLOWANCE_MS - Date.now()));
      this.pending.set(id, { resolve, timer, child });
      child.send({ id, body, contentType, url, limits }, (err) => {
        if (!err || !this.pending.has(id)) return;
        clearTimeout(timer);
        this.pending.delete(id);
        if (this.child === child) this.child = undefined;
        resolve({ kind: 'other', text: '', truncated: false, error: `附件解析进程不可用：${err.message}` });
      });
    });
  }

  close(): void {
    this.failAll('扫描结束');
    this.child?.kill();
    this.child = undefined;
  }
}
