// Response headers that keep the dashboard's own pages safe even if some scanned text ever slipped past the
// escaping: no inline or foreign script may run, nothing is sniffed into a script, and no other site may frame
// the platform (clickjacking). Element Plus sets inline style attributes, so styles may be inline; scripts may not.
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The interactive API docs (Swagger UI) run their own inline bootstrap script; they carry no scanned content. */
const OWN_POLICY_PATHS = ['/api/docs'];

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'SAMEORIGIN');
    // A route that set a stricter policy (evidence files are served sandboxed) keeps it.
    if (!reply.hasHeader('content-security-policy') && !OWN_POLICY_PATHS.some((p) => req.url.startsWith(p))) {
      reply.header('content-security-policy', DASHBOARD_CSP);
    }
    return payload;
  });
}
