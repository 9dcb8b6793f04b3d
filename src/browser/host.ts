// The browser host: a child process that owns the scan's BrowserSession (a DevTools client and Chromium), so
// that the scan's threads never handle the protocol traffic and Chromium never outlives the scan. If the scan
// process goes away by any path (an error, a second Ctrl-C, a kill), the IPC channel closes and this host
// closes Chromium and exits. Ctrl-C in a terminal reaches the whole process group; the host ignores it and
// waits for the scan to say what it means.
import { BrowserSession, type SessionOptions, type SessionStats } from './session.js';
import { cpuSecondsWithChildren, peakSampler } from './memory.js';

export type HostOptions = Omit<SessionOptions, 'launch' | 'onBlockedRequest'>;

export type HostRequest =
  | { type: 'init'; options: HostOptions }
  | { type: 'render'; id: number; req: Parameters<BrowserSession['render']>[0] }
  | { type: 'close' };

export interface HostStats extends SessionStats {
  /** Peak summed PSS of Chromium's processes, bytes. */
  chromiumPeakBytes: number;
  /** CPU seconds of the host and its Chromium, once closed (0 where /proc is missing). */
  cpuSeconds: number;
}

export type HostReply =
  | { type: 'rendered'; id: number; facts: Awaited<ReturnType<BrowserSession['render']>> }
  | { type: 'closed'; stats: HostStats };

if (!process.send) throw new Error('browser host must run as a forked child process');
let session: BrowserSession | undefined;
const memory = peakSampler(process.pid, 500, () => session?.busy ?? false);
let closing: Promise<void> | undefined;

function shutdown(): Promise<void> {
  closing ??= (async () => {
    await session?.close();
    const counts = session?.stats ?? { launches: 0, contextsOpened: 0, renders: 0 };
    const stats: HostStats = { ...counts, chromiumPeakBytes: memory.stop(), cpuSeconds: cpuSecondsWithChildren() };
    // Exits once the reply is out. (Only disconnecting left the process to wind down by itself, which took
    // 0.2-0.4 s after Chromium had gone, and the scan waits for this process to end.)
    if (process.connected) process.send!({ type: 'closed', stats } satisfies HostReply, () => process.exit(0));
    else process.exit(0);
  })();
  return closing;
}

process.on('message', (msg: HostRequest) => {
  if (msg.type === 'init') {
    // Chromium starts at once: the host is started when the scan starts or a render is due, never for nothing.
    session = new BrowserSession(msg.options);
    session.warmUp();
  }
  else if (msg.type === 'render') {
    const render = session ? session.render(msg.req) : Promise.resolve({ url: msg.req.url, as: msg.req.identity.as, finalUrl: msg.req.url, navigatedOffSite: false, title: '', injectedLinks: [], error: '浏览器未初始化' });
    void render.then((facts) => {
      if (process.connected) process.send!({ type: 'rendered', id: msg.id, facts } satisfies HostReply);
      memory.sample(); // at a render's end its context and caches are still held: near the peak
    });
  } else if (msg.type === 'close') void shutdown();
});
process.on('disconnect', () => void shutdown());
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void shutdown().finally(() => process.exit(0)));
