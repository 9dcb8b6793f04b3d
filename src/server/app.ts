// The HTTP server: fastify 5 with zod schemas (OpenAPI generated from them), cookie sessions, CSRF on
// every state-changing route, role checks declared per route, unit isolation in the query layer
// (store/scope.ts), and the built dashboard served from web/dist.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.js';
import { PlatformError } from '../store/errors.js';
import { UnitScope, type Actor } from '../store/scope.js';
import { getSession, type Session } from '../store/sessions.js';
import type { Role } from '../store/platform-types.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Scheduler } from '../jobs/scheduler.js';
import { Mailer, notify } from '../notify/index.js';
import { LoginThrottle } from './throttle.js';
import type { TaskDeps } from '../workflows/tasks.js';
import { registerRoutes } from './routes.js';
import { apiError, CSRF_HEADER, SESSION_COOKIE } from './http.js';
import { addSecurityHeaders } from './security-headers.js';


/** Per-route metadata (fastify route `config`), read by the auth hook and by the generated tests. */
export interface RouteMeta {
  /** No session needed (login, health, OpenAPI). */
  public?: boolean;
  /** Roles allowed; all signed-in roles when absent. */
  roles?: Role[];
  /** The :id in the path is a row owned by a unit (for the generated isolation test). */
  unitOwned?: 'unit' | 'website' | 'account' | 'user' | 'job' | 'scan' | 'roundSite' | 'evidence' | 'task' | 'message';
}

export interface RouteRecord extends RouteMeta {
  method: string;
  url: string;
}

export interface AppOptions {
  store: Store;
  jobs: JobQueue;
  scheduler?: Scheduler;
  /** Built dashboard; default web/dist beside the package. */
  webDist?: string;
  logger?: boolean | object;
  throttle?: LoginThrottle;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (cookie gets Secure under HTTPS). */
  trustProxy?: boolean;
  /** Check every response against its zod schema (tests); off, responses are plain JSON.stringify. */
  validateResponses?: boolean;
  /** E-mail for notifications (settings decide whether it sends); one is made when absent. */
  mailer?: Mailer;
  /** Rectification tasks: notifications and the re-check worker's kick; inbox and e-mail only when absent. */
  tasks?: TaskDeps;
}

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
    sessionToken?: string;
    actor: Actor;
    /** The caller's unit scope; every unit-owned query goes through it. */
    scope(): Promise<UnitScope>;
  }
  interface FastifyInstance {
    platform: { store: Store; jobs: JobQueue; scheduler?: Scheduler; throttle: LoginThrottle; mailer: Mailer; tasks: TaskDeps };
    routeTable: RouteRecord[];
  }
  interface FastifyContextConfig extends RouteMeta {}
}

/** Task notifications go to the inbox and, when mail is configured, by e-mail. */
export function taskDeps(store: Store, mailer: Mailer, kick?: () => void): TaskDeps {
  return { db: store.db, kick, notify: (to, n) => notify(store.db, to, n, mailer) };
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sessions read from the store are kept for a few seconds: list routes then cost one query less. Changes
 * made through this server clear the cache at once; changes made elsewhere (another process, the CLI)
 * take effect within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 5000;
class SessionCache {
  private readonly entries = new Map<string, { session: Session | undefined; at: number }>();
  constructor(private readonly store: Store) {}
  async get(token: string): Promise<Session | undefined> {
    const now = Date.now();
    const hit = this.entries.get(token);
    if (hit && now - hit.at < SESSION_CACHE_MS && (!hit.session || hit.session.expiresAt > new Date(now).toISOString())) return hit.session;
    const session = await getSession(this.store.db, token);
    if (this.entries.size > 10_000) this.entries.clear(); // bounded: a flood of random cookies cannot grow it
    if (session) this.entries.set(token, { session, at: now });
    return session;
  }
  clear(): void {
    this.entries.clear();
  }
}
/** The package root: two levels above src/server, three above dist/src/server. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}


const STATUS_OF: Record<PlatformError['code'], number> = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400, import_invalid: 422 };

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API (OpenAPI) and are enforced in tests; in production a zod parse of
  // every response would cost more than the query behind it (bench:api).
  app.setSerializerCompiler(opts.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  const mailer = opts.mailer ?? new Mailer(opts.store);
  const tasks = opts.tasks ?? taskDeps(opts.store, mailer);
  app.decorate('platform', { store: opts.store, jobs: opts.jobs, scheduler: opts.scheduler, throttle: opts.throttle ?? new LoginThrottle(), mailer, tasks });
  app.decorate('routeTable', [] as RouteRecord[]);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || !route.url.startsWith('/api/v1/')) continue;
      app.routeTable.push({ method, url: route.url, ...(route.config as RouteMeta | undefined) });
    }
  });
  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('actor', undefined as unknown as Actor);
  app.decorateRequest('scope', undefined as unknown as FastifyRequest['scope']);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'govpatrol 政务巡检 API', version: '1', description: '会话 Cookie gp_session；所有 POST/PATCH/DELETE 须带 x-csrf-token 请求头（登录与 /auth/me 返回）。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((err: any, req, reply) => {
    if (err instanceof PlatformError) return apiError(reply, STATUS_OF[err.code], err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return apiError(reply, 400, 'invalid', `请求参数无效：${details.map((d) => `${d.path || '(根)'} ${d.message}`).join('；')}`, details);
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status === 413 ? '上传内容过大' : status >= 500 ? '服务器内部错误' : err.message || '请求无效';
    return apiError(reply, status, status === 413 ? 'too_large' : status >= 500 ? 'internal' : 'bad_request', message);
  });

  addSecurityHeaders(app);
  const sessions = new SessionCache(opts.store);
  // Any change in this process (logout, password, a user disabled …) may end sessions: forget them all.
  app.addHook('onResponse', async (req) => {
    if (STATE_CHANGING.has(req.method)) sessions.clear();
  });

  app.addHook('onRequest', async (req, reply) => {
    req.scope = () => UnitScope.of(opts.store.db, req.actor);
    if (!req.url.startsWith('/api/v1/')) return;
    const meta = (req.routeOptions.config ?? {}) as RouteMeta;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.session = await sessions.get(token);
      if (req.session) req.sessionToken = token;
    }
    if (req.session) {
      const u = req.session.user;
      req.actor = { id: u.id, username: u.username, role: u.role, unitId: u.unitId, ip: req.ip };
    } else {
      req.actor = { id: null, username: 'anonymous', role: 'viewer', unitId: null, ip: req.ip };
    }
    if (meta.public) return;
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    if (!req.session) return apiError(reply, 401, 'unauthenticated', '请先登录');
    if (STATE_CHANGING.has(req.method) && !sameToken(req.headers[CSRF_HEADER] as string | undefined, req.session.csrfToken)) {
      return apiError(reply, 403, 'csrf', '缺少或无效的 CSRF 令牌（请求头 x-csrf-token）');
    }
    if (meta.roles && !meta.roles.includes(req.session.user.role)) return apiError(reply, 403, 'forbidden', '当前角色无权执行此操作');
  });

  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => ({ ok: true }));
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  await app.register(registerRoutes, { prefix: '/api/v1' });
  await serveDashboard(app, opts.webDist ?? join(packageRoot(), 'web', 'dist'));
  return app;
}

const NO_DASHBOARD_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务巡检</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.7">
<h1>政务巡检</h1><p>服务已启动，但尚未构建管理界面。请在项目目录运行：</p>
<pre>npm run build:web</pre><p>然后刷新本页。接口文档见 <a href="/api/docs">/api/docs</a>。</p></body></html>`;

async function serveDashboard(app: FastifyInstance, dist: string): Promise<void> {
  const index = join(dist, 'index.html');
  const built = existsSync(index);
  if (built) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') return apiError(reply, 404, 'not_found', '接口不存在');
    if (!built) return reply.type('text/html; charset=utf-8').send(NO_DASHBOARD_PAGE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html'); // SPA: the router takes the path
  });
}
