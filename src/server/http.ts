// What the app and its routes share: the session cookie, the CSRF header and the error shape. Its own module,
// so routes.ts and app.ts do not import each other.
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'gp_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 12 * 3600_000;

export function apiError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}
