// Scans left 'running' by a process that died (Ctrl-C twice, kill -9, power loss) are marked 'aborted'
// when a store opens. Several processes may share one database (the CLI next to `serve`, or many workers
// on PostgreSQL), so a scan is only taken as dead when we can tell:
//  - same host and pid: its Store instance is no longer open in this process;
//  - same host, other pid: that pid no longer exists;
//  - any host: no heartbeat for `staleAfterMs`.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from './types.js';

export interface ScanOwner {
  host: string;
  pid: number;
  instance: string;
}

const liveInstances = new Set<string>();

export function registerOwner(): ScanOwner {
  const owner = { host: hostname(), pid: process.pid, instance: randomUUID() };
  liveInstances.add(owner.instance);
  return owner;
}

export function releaseOwner(owner: ScanOwner): void {
  liveInstances.delete(owner.instance);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export function isAbandoned(
  scan: { ownerHost: string; ownerPid: number; ownerInstance: string; heartbeatAt: string },
  nowMs: number,
  staleAfterMs: number,
): boolean {
  const lastSign = Date.parse(scan.heartbeatAt);
  if (!Number.isFinite(lastSign) || nowMs - lastSign > staleAfterMs) return true;
  if (scan.ownerHost !== hostname()) return false;
  if (scan.ownerPid === process.pid) return !liveInstances.has(scan.ownerInstance);
  return !pidAlive(scan.ownerPid);
}

/** Marks abandoned running scans 'aborted' (reason 'interrupted'); returns their ids. */
export async function recoverInterruptedScans(db: Kysely<Database>, staleAfterMs: number): Promise<number[]> {
  const running = await db
    .selectFrom('scans')
    .select(['id', 'ownerHost', 'ownerPid', 'ownerInstance', 'heartbeatAt'])
    .where('status', '=', 'running')
    .execute();
  const now = Date.now();
  const recovered: number[] = [];
  for (const scan of running) {
    if (!isAbandoned(scan, now, staleAfterMs)) continue;
    // The status guard makes this safe against a concurrent finishScan or another recovering process.
    const result = await db
      .updateTable('scans')
      .set({ status: 'aborted', abortReason: 'interrupted', finishedAt: scan.heartbeatAt })
      .where('id', '=', scan.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) recovered.push(scan.id);
  }
  return recovered;
}
