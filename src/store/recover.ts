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
  scan: { owner_host: string; owner_pid: number; owner_instance: string; heartbeat_at: string },
  nowMs: number,
  staleAfterMs: number,
): boolean {
  const lastSign = Date.parse(scan.heartbeat_at);
  if (!Number.isFinite(lastSign) || nowMs - lastSign > staleAfterMs) return true;
  if (scan.owner_host !== hostname()) return false;
  if (scan.owner_pid === process.pid) return !liveInstances.has(scan.owner_instance);
  return !pidAlive(scan.owner_pid);
}

/** Marks abandoned running scans 'aborted' (reason 'interrupted'); returns their ids. */
export async function recoverInterruptedScans(db: Kysely<Database>, staleAfterMs: number): Promise<number[]> {
  const running = await db
    .selectFrom('scans')
    .select(['id', 'owner_host', 'owner_pid', 'owner_instance', 'heartbeat_at'])
    .where('status', '=', 'running')
    .execute();
  const now = Date.now();
  const recovered: number[] = [];
  for (const scan of running) {
    if (!isAbandoned(scan, now, staleAfterMs)) continue;
    // The status guard makes this safe against a concurrent finishScan or another recovering process.
    const result = await db
      .updateTable('scans')
      .set({ status: 'aborted', abort_reason: 'interrupted', finished_at: scan.heartbeat_at })
      .where('id', '=', scan.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) recovered.push(scan.id);
  }
  return recovered;
}
