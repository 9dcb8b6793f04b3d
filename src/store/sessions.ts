// Users' credentials and sessions. The cookie carries a random token; only its sha256 is stored, so a
// leaked database does not hand out live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './types.js';
import type { Role } from './platform-types.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
}

export interface Session {
  id: string;
  csrfToken: string;
  expiresAt: string;
  user: SessionUser;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export async function findCredentials(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'passwordHash', 'disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>, role?: Role): Promise<number> {
  let q = db.selectFrom('users');
  if (role) q = q.where('role', '=', role);
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  return Number(n);
}

/** A new session (login rotates: the caller drops the old one). Returns the cookie token. */
export async function createSession(db: Kysely<Database>, userId: number, ttlMs: number, ip: string | null): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({ id: hashToken(token), userId, csrfToken, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + ttlMs).toISOString(), ip })
    .execute();
  // Expired sessions are cleaned as new ones are made.
  await db.deleteFrom('sessions').where('expiresAt', '<', new Date(now).toISOString()).execute();
  return { token, csrfToken };
}

export async function getSession(db: Kysely<Database>, token: string): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .leftJoin('units as n', 'n.id', 'u.unitId')
    .select(['s.id', 's.csrfToken', 's.expiresAt', 'u.id as userId', 'u.username', 'u.displayName', 'u.role', 'u.unitId', 'n.name as unitName', 'u.disabled'])
    .where('s.id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expiresAt < new Date().toISOString()) return undefined;
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    user: { id: row.userId, username: row.username, displayName: row.displayName, role: row.role, unitId: row.unitId, unitName: row.unitName ?? null },
  };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function getPasswordHash(db: Kysely<Database>, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirst();
  return row?.passwordHash;
}
