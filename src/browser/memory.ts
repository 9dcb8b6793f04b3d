// Memory of a process tree on Linux, from /proc: the proportional set size (PSS) of every descendant of a
// process, summed. PSS splits shared pages among the processes that map them, so Chromium's many processes
// are not counted many times over (summing their RSS would be). Elsewhere it reports 0.
import { readFileSync, readdirSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** Every live descendant of `root` (children, grandchildren, …). */
export function descendants(root: number): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const ppid = parentOf(pid);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** PSS of one process in bytes (RSS where smaps_rollup is unavailable); 0 once it is gone. */
export function processMemory(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = /^Pss:\s+(\d+)/m.exec(rollup);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    /* fall back to RSS */
  }
  try {
    const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + sys) a process and the children it has waited for have used, from /proc (clock ticks
 *  of 1/100 s); 0 where /proc is missing or the process is gone. Chromium's processes count for the browser
 *  host once Chromium has been closed. */
export function cpuSecondsWithChildren(pid: number | 'self' = 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime, stime, cutime, cstime are fields 14–17 of stat(5); after the ')' the fields start at 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100;
  } catch {
    return 0;
  }
}

/** Summed PSS of every descendant of `root`, in bytes. */
export function treeMemory(root: number): number {
  return descendants(root).reduce((sum, pid) => sum + processMemory(pid), 0);
}

/** Samples treeMemory(root) every `everyMs` while `busy()` (renders under way: when its memory
 *  grows) and on sample(), keeping the peak until stopped. A sample costs about 10 ms of CPU (every process's
 *  /proc entry, the tree's smaps), so the idle stretches of a long crawl are not sampled. */
export function peakSampler(root: number, everyMs = 500, busy: () => boolean = () => true): { sample(): void; peak(): number; stop(): number } {
  let peak = 0;
  const sample = () => void (peak = Math.max(peak, treeMemory(root)));
  const timer = setInterval(() => busy() && sample(), everyMs);
  timer.unref();
  return {
    sample,
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
