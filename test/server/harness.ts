// Test harness for the platform API: a real server on a loopback port 0, a fake scan executor that writes
// a finished scan through the store (the scan engine has its own tests), helpers for sessions and CSRF.
import type { Finding, ScanReport } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import type { JobExecutor } from '../../src/jobs/runner.js';
import { startPlatform, type Platform } from '../../src/server/platform.js';
import { LoginThrottle } from '../../src/server/throttle.js';

export interface Backend {
  options(): { url: string; schema?: string };
}

export function fakeReport(url: string, score: number, findings: Finding[]): ScanReport {
  const now = new Date().toISOString();
  return {
    schema: 'govpatrol.scan/1',
    site: { url, name: '测试网站' },
    startedAt: now,
    finishedAt: now,
    stats: { pages: 3, links: 10, bytes: 1000, errors: findings.length },
    verdict: score >= 60 ? 'qualified' : 'unqualified',
    score,
    indicators: [{ code: 'D3', name: '链接不可用', kind: 'deduction', triggered: findings.length > 0, points: findings.length, findings: findings.length }],
    findings,
  };
}

export function deadLink(url: string): Finding {
  return {
    check: 'dead-link', indicator: 'D3', severity: 'minor', url, target: `${url}missing.html`, evidence: '<a href="missing.html">失效</a>',
    message: '链接无法访问（404）',
    detail: {
      advice: '请修复或删除该链接。', location: 'page', internal: true, status: 404, outcome: 'http-error', reason: 'HTTP 404',
      tag: 'a', place: 'body', seenCount: 1,
    },
  };
}

/** Writes one finished scan per job; a URL containing "fail" throws, like a site that cannot be scanned. */
export function fakeExecutor(store: Store): JobExecutor {
  return async ({ job, onProgress, onScan }) => {
    const w = await store.db.selectFrom('websites').select(['siteId', 'url']).where('id', '=', job.websiteId!).executeTakeFirstOrThrow();
    if (w.url.includes('fail')) throw new Error('模拟的扫描失败');
    const scan = await store.beginScan(w.siteId, new Date().toISOString(), {});
    onScan(scan.id);
    onProgress({ pages: 1, queued: 2, errors: 0 });
    await store.finishScan(scan.id, fakeReport(w.url, 55, [deadLink(w.url)]), 'done');
    return { scanId: scan.id };
  };
}

export async function startTestPlatform(backend: Backend, extra: { throttle?: LoginThrottle; env?: NodeJS.ProcessEnv } = {}): Promise<Platform> {
  let store: Store | undefined;
  const platform = await startPlatform({
    ...backend.options(),
    port: 0,
    logger: false,
    schedules: false,
    webDist: '/nonexistent-web-dist',
    throttle: extra.throttle,
    validateResponses: true,
    executor: (ctx) => fakeExecutor(store!)(ctx),
    // The fake scans name sites that do not exist: the task re-check must not go looking for them.
    taskRecheck: async (findings) => findings.map(() => ({ verdict: 'cannot-recheck' as const, reason: '测试中不访问网络', checkedAt: new Date().toISOString() })),
  });
  store = platform.store;
  return platform;
}

export interface Client {
  csrf: string;
  cookie: string;
  user: { id: number; role: string; unitId: number | null };
  req(method: string, path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }): Promise<{ status: number; json: any; text: string; headers: Headers }>;
}

export async function raw(base: string, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export async function login(base: string, username: string, password: string): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const json = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(json)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const client: Client = {
    csrf: json.csrfToken,
    cookie,
    user: json.user,
    req: (method, path, body, opts = {}) =>
      raw(base, method, path, {
        body,
        headers: { cookie, ...(opts.csrf === false || method === 'GET' ? {} : { 'x-csrf-token': client.csrf }), ...(opts.headers ?? {}) },
      }),
  };
  return client;
}
