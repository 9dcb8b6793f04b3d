// The audit log: who did what, when, with the row before and after. Written in the same transaction as
// the change it records, so a change never lands without its audit row.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.js';
import type { Actor } from './scope.js';
import { toJson, fromJson } from './codec.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Secrets never reach the log. */
function redact(row: unknown): unknown {
  if (!row || typeof row !== 'object') return row ?? null;
  const { passwordHash: _p, csrfToken: _c, ...rest } = row as Record<string, unknown>;
  return rest;
}

export async function writeAudit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  action: string,
  entity: string,
  entityId: number | string | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      at: new Date().toISOString(),
      actorId: actor.id,
      actor: actor.username,
      action,
      entity,
      entityId: entityId == null ? null : String(entityId),
      before: before == null ? null : toJson(redact(before)),
      after: after == null ? null : toJson(redact(after)),
      ip: actor.ip ?? null,
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, f: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  let q = db.selectFrom('auditLog');
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ ...r, before: fromJson(r.before, null), after: fromJson(r.after, null) })),
  };
}
