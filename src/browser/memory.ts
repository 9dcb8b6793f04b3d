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

/** Summed PSS of every descendant of `root`, in bytes. */
export function treeMemory(root: number): number {
  return descendants(root).reduce((sum, pid) => sum + processMemory(pid), 0);
}

/** Samples treeMemory(root) every `everyMs` and keeps the peak, until stopped. */
export function peakSampler(root: number, everyMs = 500): { peak(): number; stop(): number } {
  let peak = 0;
  const sample = () => void (peak = Math.max(peak, treeMemory(root)));
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
