// `govpatrol demo` (platform mode): synthetic sites scanned into a populated platform, users with
// generated passwords, unit operators seeing only their own.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/cli/demo-platform.js';
import { login } from '../server/harness.js';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo({ pages: 60, port: 0, browser: false });
}, 180_000);
afterAll(async () => {
  await demo?.close();
});

it('seeds units in a hierarchy, users with generated passwords, and finished scans of every site', async () => {
  expect(demo.users.map((u) => u.username)).toEqual(['admin', 'inspector', 'jiangbei', 'jiaoyu']);
  for (const u of demo.users) expect(u.password).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{10,}$/);
  expect(new Set(demo.users.map((u) => u.password)).size).toBe(4);
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  const sites = (await admin.req('GET', '/api/v1/websites')).json;
  expect(sites.total).toBe(5);
  for (const s of sites.items) expect(s.latestScan).toMatchObject({ status: 'done' });
  const units = (await admin.req('GET', '/api/v1/units')).json.items;
  expect(units.filter((u: any) => u.parentId !== null).length).toBeGreaterThanOrEqual(4);
  const verdicts = new Set(sites.items.map((s: any) => s.latestScan.verdict));
  expect(verdicts).toEqual(new Set(['qualified', 'unqualified'])); // a clean site and defective ones
  const hijacked = sites.items.find((s: any) => s.name === '临江市卫生健康委员会网站');
  const history = (await admin.req('GET', `/api/v1/websites/${hijacked.id}/scans`)).json;
  expect(history.total).toBe(2);
  const report = (await admin.req('GET', `/api/v1/scans/${hijacked.latestScan.id}`)).json.report;
  expect(report.findings.map((f: any) => f.check)).toContain('defacement');
  const overview = (await admin.req('GET', '/api/v1/overview')).json;
  expect(overview).toMatchObject({ websites: 5, accounts: 6, unscanned: 0 });
});

it('shows the district operator its district and its sub-unit only', async () => {
  const op = await login(demo.url, 'jiangbei', demo.users.find((u) => u.username === 'jiangbei')!.password);
  const names = (await op.req('GET', '/api/v1/websites')).json.items.map((s: any) => s.name).sort();
  expect(names).toEqual(['江北区人民政府网站', '江北区文化旅游局网站']);
});

it('holds a week of probe history: the 6% site is vetoed, the others are available', async () => {
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  const sites = (await admin.req('GET', '/api/v1/websites')).json.items;
  for (const s of sites) {
    const { window } = (await admin.req('GET', `/api/v1/websites/${s.id}/probes`)).json;
    expect({ name: s.name, complete: window.complete, vetoed: window.vetoed }).toEqual({ name: s.name, complete: true, vetoed: s.name === '江北区文化旅游局网站' });
  }
});

it('holds last month\'s round published and this month\'s open, with the dismissals remembered', async () => {
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  const list = (await admin.req('GET', '/api/v1/rounds')).json;
  expect(list.items.map((r: any) => r.status)).toEqual(['open', 'published']);
  const [current, last] = list.items;
  expect(last).toMatchObject({ sites: 5, incomplete: 0, manual: { done: last.manual.total } });
  expect(last.unqualified).toBeGreaterThanOrEqual(1); // 江北区文化旅游局网站: the probe week vetoes it
  const published = (await admin.req('GET', `/api/v1/rounds/${last.id}`)).json.snapshot;
  const culture = published.sites.find((s: any) => s.name === '江北区文化旅游局网站');
  expect(culture.vetoes).toContain('站点无法访问');
  expect(published.sites.every((s: any) => s.findings.pending === 0 && s.findings.dismissed <= 1)).toBe(true);
  expect((await admin.req('GET', `/api/v1/rounds/${last.id}/verify`)).json).toEqual({ identical: true });
  const open = (await admin.req('GET', `/api/v1/rounds/${current.id}`)).json;
  expect(open.snapshot.sites.filter((s: any) => s.verdict === 'incomplete').length).toBeGreaterThanOrEqual(1);
  const remembered = published.sites.reduce((n: number, s: any) => n + s.findings.dismissed, 0);
  expect(open.snapshot.sites.reduce((n: number, s: any) => n + s.findings.dismissed, 0)).toBe(remembered); // argued once
  expect(current.manual.done).toBeGreaterThan(0);
  expect(current.manual.done).toBeLessThan(current.manual.total);
});

it('hands out rectification tasks: overdue ones (last month) first, open ones, one answered and re-checked', async () => {
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  await demo.platform.tasks.idle();
  const tasks = (await admin.req('GET', '/api/v1/tasks?pageSize=50')).json.items;
  const overdue = tasks.filter((t: any) => t.overdue);
  expect(overdue.length).toBeGreaterThan(0);
  expect(overdue.every((t: any) => t.websiteName === '临江市人民政府门户网站')).toBe(true);
  expect(tasks.slice(0, overdue.length).every((t: any) => t.overdue)).toBe(true); // overdue first
  expect(tasks.some((t: any) => t.status === 'open' && !t.overdue)).toBe(true);
  const published = (await admin.req('GET', '/api/v1/rounds')).json.items.find((r: any) => r.status === 'published');
  expect((await admin.req('GET', `/api/v1/tasks?roundId=${published.id}`)).json.total).toBeGreaterThan(0); // publishing made them
  const answered = tasks.find((t: any) => t.answeredBy === 'jiaoyu');
  expect(answered).toBeDefined();
  const detail = (await admin.req('GET', `/api/v1/tasks/${answered.id}`)).json;
  expect(detail.events.map((e: any) => e.action)).toContain('answer');
  expect(detail.items.every((i: any) => i.result !== null)).toBe(true); // the re-check ran on the synthetic site
  const edu = await login(demo.url, 'jiaoyu', demo.users.find((u) => u.username === 'jiaoyu')!.password);
  const own = (await edu.req('GET', '/api/v1/tasks')).json.items;
  expect(own.length).toBeGreaterThan(0);
  expect(own.every((t: any) => t.websiteName === '临江市教育局网站')).toBe(true);
});

it('holds 「找错」 messages in every state, some overdue, with last month\'s statistics', async () => {
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  const all = (await admin.req('GET', '/api/v1/messages?pageSize=100')).json.items;
  expect(new Set(all.map((m: any) => m.status))).toEqual(new Set(['received', 'dispatched', 'answered', 'published', 'rejected', 'invalid']));
  expect(all.filter((m: any) => m.overdue && m.dueAt).length).toBeGreaterThanOrEqual(2); // one late to forward, one late to answer
  expect(all[0].overdue).toBe(true); // overdue first
  expect(all.some((m: any) => m.source === 'national')).toBe(true);
  const bj = new Date(Date.now() + 8 * 3_600_000);
  const lastMonth = new Date(Date.UTC(bj.getUTCFullYear(), bj.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const stats = (await admin.req('GET', `/api/v1/messages/stats?month=${lastMonth}`)).json.stats;
  // Last month's five handled messages (one answered late, the spam not counted), plus the recent ones that fall in
  // last month early in a month.
  expect(stats.received).toBeGreaterThanOrEqual(5);
  expect(stats.answeredOnTime).toBeGreaterThanOrEqual(3);
  expect(stats.overdue).toBeGreaterThanOrEqual(1);
  expect(stats.byUnit.length).toBeGreaterThanOrEqual(2);
});
