// A one-line progress bar on a TTY (stderr); plain periodic lines when not a TTY are left out to keep logs clean.
export interface ProgressState {
  phase: string;
  pagesDone: number;
  maxPages: number;
  queued: number;
  errors: number;
  bytes: number;
  currentUrl?: string;
}

export class ProgressBar {
  private last = 0;
  private shown = false;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly enabled = Boolean(process.stderr.isTTY)) {}

  update(s: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = 24;
    const total = Math.max(1, Math.min(s.maxPages, s.pagesDone + s.queued));
    const ratio = Math.min(1, s.pagesDone / total);
    const filled = Math.round(ratio * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const mb = (s.bytes / 1048576).toFixed(1);
    const url = (s.currentUrl ?? '').slice(0, 50);
    const line = `${s.phase} ${bar} ${s.pagesDone}/${total} 页 · 待抓 ${s.queued} · 错误 ${s.errors} · ${mb} MB ${url}`;
    const cols = this.stream.columns ?? 120;
    this.stream.write(`\r\x1b[K${line.slice(0, cols - 1)}`);
    this.shown = true;
  }

  phase(label: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[K${label}`);
    this.shown = true;
  }

  done(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
