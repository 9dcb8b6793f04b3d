// Every /api/v1 route. Handlers parse, call the query layer with the caller's scope, and answer; they
// never filter by unit themselves (store/scope.ts does). `config` declares who may call a route.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as inv from '../store/inventory.js';
import { getJob, listJobs } from '../store/jobs.js';
import { listAudit } from '../store/audit.js';
import { getSettings, updateSettings } from '../store/settings.js';
import { createSession, deleteSession, findCredentials, getPasswordHash } from '../store/sessions.js';
import { writeAudit } from '../store/audit.js';
import { invalid } from '../store/errors.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import { JOB_STATUSES, type Role } from '../store/platform-types.js';
import { cronProblem } from '../jobs/scheduler.js';
import { bundledNames } from '../rules/index.js';
import { loadDictionaries } from '../text/dictionaries.js';
import * as s from './schemas.js';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { apiError, SESSION_COOKIE, SESSION_TTL_MS } from './http.js';
import { exportInventory, importInventory, inventoryTemplate } from './inventory-io.js';
import { streamJob } from './sse.js';
import { notificationRoutes } from './routes/notifications.js';
import { probeRoutes } from './routes/probes.js';
import { roundRoutes } from './routes/rounds.js';
import { noticeRoutes } from './routes/notice.js';
import { taskRoutes } from './routes/tasks.js';
import { messageRoutes } from './routes/messages.js';

const SUPERVISOR: Role[] = ['supervisor'];
const EDITORS: Role[] = ['supervisor', 'unit'];
const SCANNERS: Role[] = ['supervisor', 'inspector', 'unit'];
const err = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid(problem);
}

function checkCron(pattern: string | null | undefined): void {
  if (!pattern) return;
  const problem = cronProblem(pattern);
  if (problem) throw invalid(problem);
}

let dictionarySummary: Array<{ name: string; version: string; entries: number }> | undefined;
function dictionaries() {
  if (dictionarySummary) return dictionarySummary;
  try {
    const d = loadDictionaries();
    const counts = new Map<string, number>();
    for (const e of d.entries) counts.set(e.list === 'sensitive' ? `sensitive/${e.category}` : e.list, (counts.get(e.list === 'sensitive' ? `sensitive/${e.category}` : e.list) ?? 0) + 1);
    const versionOf = (name: string) => Object.entries(d.versions).find(([file]) => file.replace(/\.(tsv|txt)$/, '').endsWith(name))?.[1] ?? '';
    dictionarySummary = [...counts].map(([name, entries]) => ({ name, version: versionOf(name), entries }));
    const national = d.leaders.filter((l) => l.source.includes('leaders-national.tsv')).length;
    dictionarySummary.push({ name: 'leaders-national', version: versionOf('leaders-national'), entries: national });
    dictionarySummary.push({ name: 'leaders', version: versionOf('leaders'), entries: d.leaders.length - national });
  } catch {
    dictionarySummary = [];
  }
  return dictionarySummary;
}

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, jobs, scheduler, throttle } = app.platform;
  const db = store.db;
  const resync = () => void scheduler?.sync();

  // ---------- auth ----------
  app.post('/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'], summary: '登录（429：尝试过多）',
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: z.object({ user: s.sessionUser, csrfToken: z.string() }), 401: s.errorBody, 429: s.errorBody },
    },
  }, async (req, reply) => {
    const { username, password } = req.body;
    const wait = throttle.retryAfter(username, req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return apiError(reply, 429, 'throttled', `登录尝试过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
    }
    const cred = await findCredentials(db, username);
    const good = await verifyPassword(password, cred?.passwordHash ?? DUMMY_HASH);
    if (!cred || !good || cred.disabled) {
      throttle.fail(username, req.ip);
      await writeAudit(db, { ...req.actor, username }, 'login-failed', 'session', null, null, { username });
      return apiError(reply, 401, 'bad_credentials', '用户名或密码错误');
    }
    throttle.succeed(username);
    // Rotation: whatever session the browser had ends; a fresh id is issued.
    if (req.sessionToken) await deleteSession(db, req.sessionToken);
    const { token, csrfToken } = await createSession(db, cred.id, SESSION_TTL_MS, req.ip);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: SESSION_TTL_MS / 1000 });
    const u = await inv.getUser(db, await UnitScope.of(db, SYSTEM_ACTOR), cred.id);
    await writeAudit(db, { id: u.id, username: u.username, role: u.role, unitId: u.unitId, ip: req.ip }, 'login', 'session', null, null, null);
    return { user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, unitName: u.unitName }, csrfToken };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: s.ok, ...err } } }, async (req, reply) => {
    if (req.sessionToken) await deleteSession(db, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await writeAudit(db, req.actor, 'logout', 'session', null, null, null);
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: '当前用户与 CSRF 令牌', response: { 200: z.object({ user: s.sessionUser, csrfToken: z.string() }), ...err } } }, async (req) => ({
    user: req.session!.user,
    csrfToken: req.session!.csrfToken,
  }));

  app.post('/auth/password', {
    schema: { tags: ['auth'], summary: '修改本人密码', body: z.object({ oldPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }), response: { 200: s.ok, ...err } },
  }, async (req, reply) => {
    const user = req.session!.user;
    const hash = await getPasswordHash(db, user.id);
    if (!hash || !(await verifyPassword(req.body.oldPassword, hash))) return apiError(reply, 400, 'bad_credentials', '原密码不正确');
    checkPassword(req.body.newPassword, user.username);
    // Acting on oneself: the unit scope of the store is bypassed for this one row, the audit names the user.
    const self = await UnitScope.of(db, { ...req.actor, role: 'supervisor' });
    await inv.updateUser(db, self, user.id, {}, await hashPassword(req.body.newPassword));
    reply.clearCookie(SESSION_COOKIE, { path: '/' }); // every session of the user ended; log in again
    return { ok: true as const };
  });

  // ---------- overview ----------
  app.get('/overview', { schema: { tags: ['overview'], summary: '总览', response: { 200: s.overview, ...err } } }, async (req) => inv.overview(db, await req.scope()));

  // ---------- units ----------
  app.get('/units', { schema: { tags: ['units'], summary: '单位（按树的扁平列表，parentId 连接）', response: { 200: s.listOf(s.unit), ...err } } }, async (req) => {
    const items = await inv.listUnits(db, await req.scope());
    return { items, total: items.length };
  });
  app.post('/units', { config: { roles: SUPERVISOR }, schema: { tags: ['units'], summary: '新建单位', body: s.unitInput, response: { 200: s.unit, ...err } } }, async (req) =>
    inv.createUnit(db, await req.scope(), req.body),
  );
  app.patch('/units/:id', { config: { roles: SUPERVISOR, unitOwned: 'unit' }, schema: { tags: ['units'], summary: '修改单位', params: s.idParams, body: s.unitPatch, response: { 200: s.unit, ...err } } }, async (req) =>
    inv.updateUnit(db, await req.scope(), req.params.id, req.body),
  );
  app.delete('/units/:id', { config: { roles: SUPERVISOR, unitOwned: 'unit' }, schema: { tags: ['units'], summary: '删除单位', params: s.idParams, response: { 200: s.ok, ...err } } }, async (req) => {
    await inv.deleteUnit(db, await req.scope(), req.params.id);
    return { ok: true as const };
  });

  // ---------- users ----------
  app.get('/users', { config: { roles: SUPERVISOR }, schema: { tags: ['users'], summary: '用户', querystring: z.object(s.paging), response: { 200: s.listOf(s.user), ...err } } }, async (req) =>
    inv.listUsers(db, await req.scope(), req.query),
  );
  app.post('/users', { config: { roles: SUPERVISOR }, schema: { tags: ['users'], summary: '新建用户', body: s.userInput, response: { 200: s.user, ...err } } }, async (req) => {
    const { password, ...input } = req.body;
    checkPassword(password, input.username);
    return inv.createUser(db, await req.scope(), { ...input, displayName: input.displayName || input.username }, await hashPassword(password));
  });
  app.patch('/users/:id', { config: { roles: SUPERVISOR, unitOwned: 'user' }, schema: { tags: ['users'], summary: '修改用户（含重置密码、停用）', params: s.idParams, body: s.userPatch, response: { 200: s.user, ...err } } }, async (req) => {
    const { password, ...patch } = req.body;
    const scope = await req.scope();
    let hash: string | undefined;
    if (password !== undefined) {
      const target = await inv.getUser(db, scope, req.params.id);
      checkPassword(password, target.username);
      hash = await hashPassword(password);
    }
    return inv.updateUser(db, scope, req.params.id, patch, hash);
  });
  app.delete('/users/:id', { config: { roles: SUPERVISOR, unitOwned: 'user' }, schema: { tags: ['users'], summary: '删除用户', params: s.idParams, response: { 200: s.ok, ...err } } }, async (req, reply) => {
    if (req.params.id === req.session!.user.id) return apiError(reply, 409, 'conflict', '不能删除自己的账号');
    await inv.deleteUser(db, await req.scope(), req.params.id);
    return { ok: true as const };
  });

  // ---------- websites ----------
  app.get('/websites', { schema: { tags: ['websites'], summary: '网站（筛选：单位、结论、检查项、关键词）', querystring: s.websiteQuery, response: { 200: s.listOf(s.website), ...err } } }, async (req) =>
    inv.listWebsites(db, await req.scope(), req.query),
  );
  app.get('/websites/:id', { config: { unitOwned: 'website' }, schema: { tags: ['websites'], summary: '网站详情', params: s.idParams, response: { 200: s.website, ...err } } }, async (req) =>
    inv.getWebsite(db, await req.scope(), req.params.id),
  );
  app.post('/websites', { config: { roles: EDITORS }, schema: { tags: ['websites'], summary: '登记网站', body: s.websiteInput, response: { 200: s.website, ...err } } }, async (req) => {
    checkCron(req.body.scheduleCron);
    const settings = await getSettings(db);
    const site = await inv.createWebsite(db, await req.scope(), req.body, settings.defaultMaxPages);
    resync();
    return site;
  });
  app.patch('/websites/:id', { config: { roles: EDITORS, unitOwned: 'website' }, schema: { tags: ['websites'], summary: '修改网站（含扫描计划与页数上限）', params: s.idParams, body: s.websitePatch, response: { 200: s.website, ...err } } }, async (req) => {
    checkCron(req.body.scheduleCron);
    const site = await inv.updateWebsite(db, await req.scope(), req.params.id, req.body);
    resync();
    return site;
  });
  app.delete('/websites/:id', { config: { roles: EDITORS, unitOwned: 'website' }, schema: { tags: ['websites'], summary: '删除网站登记（扫描历史保留）', params: s.idParams, response: { 200: s.ok, ...err } } }, async (req) => {
    await inv.deleteWebsite(db, await req.scope(), req.params.id);
    resync();
    return { ok: true as const };
  });
  app.get('/websites/:id/scans', { config: { unitOwned: 'website' }, schema: { tags: ['websites'], summary: '网站的扫描历史', params: s.idParams, querystring: z.object(s.paging), response: { 200: s.listOf(s.scanItem), ...err } } }, async (req) =>
    inv.websiteScans(db, await req.scope(), req.params.id, req.query),
  );
  app.post('/websites/:id/scans', { config: { roles: SCANNERS, unitOwned: 'website' }, schema: { tags: ['websites'], summary: '立即扫描', params: s.idParams, response: { 200: z.object({ jobId: z.number().int() }), ...err } } }, async (req) => {
    const website = await inv.getWebsite(db, await req.scope(), req.params.id);
    const job = await jobs.enqueueScan(website.id, { actor: req.actor, trigger: 'manual' });
    return { jobId: job.id };
  });

  // ---------- scans ----------
  app.get('/scans/:id', {
    config: { unitOwned: 'scan' },
    schema: { tags: ['scans'], summary: '一次扫描：摘要与完整报告（govpatrol.scan/1）', params: s.idParams, response: { 200: z.object({ scan: s.scanItem.extend({ websiteId: z.number().int(), websiteName: z.string(), url: z.string() }), report: z.any() }), ...err } },
  }, async (req) => {
    const scan = await inv.scanSummary(db, await req.scope(), req.params.id);
    const report = (await store.getScanReport(scan.id)) ?? null;
    return { scan, report };
  });

  // ---------- jobs ----------
  app.get('/jobs', { schema: { tags: ['jobs'], summary: '任务', querystring: z.object({ ...s.paging, status: z.enum(JOB_STATUSES).optional(), websiteId: s.id.optional() }), response: { 200: s.listOf(s.job), ...err } } }, async (req) =>
    listJobs(db, await req.scope(), req.query),
  );
  app.get('/jobs/:id', { config: { unitOwned: 'job' }, schema: { tags: ['jobs'], summary: '任务（轮询）', params: s.idParams, response: { 200: s.job, ...err } } }, async (req) => {
    const stored = await getJob(db, await req.scope(), req.params.id);
    return (await jobs.get(stored.id)) ?? stored;
  });
  app.get('/jobs/:id/events', { config: { unitOwned: 'job' }, schema: { tags: ['jobs'], summary: '任务进度（SSE，text/event-stream；每个事件为任务对象 JSON）', params: s.idParams } }, async (req, reply) => {
    const stored = await getJob(db, await req.scope(), req.params.id);
    return streamJob(req, reply, jobs, stored);
  });

  // ---------- accounts ----------
  app.get('/accounts', { schema: { tags: ['accounts'], summary: '新媒体账号', querystring: z.object({ ...s.paging, unitId: s.id.optional(), platform: z.string().max(20).optional(), q: z.string().max(200).optional() }), response: { 200: s.listOf(s.account), ...err } } }, async (req) =>
    inv.listAccounts(db, await req.scope(), req.query),
  );
  app.post('/accounts', { config: { roles: EDITORS }, schema: { tags: ['accounts'], summary: '登记新媒体账号', body: s.accountInput, response: { 200: s.account, ...err } } }, async (req) =>
    inv.createAccount(db, await req.scope(), req.body),
  );
  app.patch('/accounts/:id', { config: { roles: EDITORS, unitOwned: 'account' }, schema: { tags: ['accounts'], summary: '修改新媒体账号', params: s.idParams, body: s.accountPatch, response: { 200: s.account, ...err } } }, async (req) =>
    inv.updateAccount(db, await req.scope(), req.params.id, req.body),
  );
  app.delete('/accounts/:id', { config: { roles: EDITORS, unitOwned: 'account' }, schema: { tags: ['accounts'], summary: '删除新媒体账号', params: s.idParams, response: { 200: s.ok, ...err } } }, async (req) => {
    await inv.deleteAccount(db, await req.scope(), req.params.id);
    return { ok: true as const };
  });

  // ---------- inventory import/export ----------
  app.get('/inventory/template', { schema: { tags: ['inventory'], summary: '导入模板（XLSX）', querystring: z.object({ kind: s.inventoryKind }) } }, async (req, reply) => {
    const file = await inventoryTemplate(req.query.kind);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.body);
  });
  app.post('/inventory/import', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['inventory'], summary: '导入（multipart 字段 file，.xlsx 或 .csv）；整批成功或整批不导入，422 给出逐行错误', querystring: z.object({ kind: s.inventoryKind }), response: { 200: z.object({ imported: z.number().int() }), 422: s.errorBody, ...err } },
  }, async (req, reply) => {
    const file = await req.file();
    if (!file) return apiError(reply, 400, 'invalid', '请选择要导入的文件（字段 file）');
    const body = await file.toBuffer();
    const imported = await importInventory(db, await req.scope(), req.query.kind, file.filename, body);
    if (req.query.kind === 'websites') resync();
    return { imported };
  });
  app.get('/inventory/export', { schema: { tags: ['inventory'], summary: '导出（与导入相同的列）', querystring: z.object({ kind: s.inventoryKind, format: z.enum(['xlsx', 'csv']).default('xlsx') }) } }, async (req, reply) => {
    const file = await exportInventory(db, await req.scope(), req.query.kind, req.query.format);
    return reply.type(file.type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`).send(file.body);
  });

  // ---------- audit ----------
  app.get('/audit', {
    config: { roles: SUPERVISOR },
    schema: { tags: ['audit'], summary: '审计日志', querystring: z.object({ ...s.paging, actor: z.string().max(64).optional(), action: z.string().max(64).optional(), entity: z.string().max(64).optional(), from: z.string().max(40).optional(), to: z.string().max(40).optional() }), response: { 200: s.listOf(s.auditEntry), ...err } },
  }, async (req) => listAudit(db, req.query));

  // ---------- settings ----------
  app.get('/settings', { schema: { tags: ['settings'], summary: '设置（扫描计划、叠加规则、词典）', response: { 200: s.settings, ...err } } }, async () => ({
    ...(await getSettings(db)),
    availableOverlays: bundledNames().filter((n) => n !== 'national-2019'),
    dictionaries: dictionaries(),
  }));
  app.patch('/settings', { config: { roles: SUPERVISOR }, schema: { tags: ['settings'], summary: '修改设置', body: s.settingsPatch, response: { 200: s.settings, ...err } } }, async (req) => {
    checkCron(req.body.defaultScheduleCron);
    const unknown = (req.body.overlays ?? []).filter((o) => !bundledNames().includes(o));
    if (unknown.length) throw invalid(`未知的叠加规则：${unknown.join('、')}`);
    const saved = await updateSettings(db, req.actor, req.body);
    resync();
    return { ...saved, availableOverlays: bundledNames().filter((n) => n !== 'national-2019'), dictionaries: dictionaries() };
  });

  // ---------- route groups in their own files ----------
  await app.register(notificationRoutes);
  await app.register(probeRoutes);
  await app.register(roundRoutes);
  await app.register(noticeRoutes);
  await app.register(taskRoutes(() => app.platform.tasks));
  await app.register(messageRoutes);
};
