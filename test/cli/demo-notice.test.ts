// The demo round's 通报 as the supervisor downloads it: the demo platform (synthetic sites scanned, last
// month's round published), its notice as PDF read back by poppler. Every figure in the text equals the
// round's snapshot. UPDATE_DOCS=1 writes the first page to docs/notice-page1.png (shown in the README).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/cli/demo-platform.js';
import { computeFigures } from '../../src/report/notice/build.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { getRoundSnapshot } from '../../src/workflows/rounds.js';
import type { RoundSnapshot } from '../../src/domain/round.js';
import { login } from '../server/harness.js';

let demo: Demo;
const dir = mkdtempSync(join(tmpdir(), 'gp-demo-notice-'));
beforeAll(async () => {
  demo = await startDemo({ pages: 60, port: 0, browser: false });
}, 240_000);
afterAll(async () => {
  await demo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const squash = (s: string) => s.replace(/\s+/g, '');

it('writes the demo round’s notice as a PDF whose figures are the snapshot’s', async () => {
  const db = demo.platform.store.db;
  const published = await db.selectFrom('rounds').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
  const snapshot: RoundSnapshot = await getRoundSnapshot(db, await UnitScope.of(db, SYSTEM_ACTOR), Number(published.id));
  const f = computeFigures(snapshot).sites;
  const admin = await login(demo.url, 'admin', demo.users[0]!.password);
  await admin.req('PUT', '/api/v1/notice/settings', { office: '临江市人民政府办公室', docPrefix: '临政办公开' });
  await admin.req('PUT', `/api/v1/rounds/${published.id}/notice/draft`, {
    requirements: [
      { heading: '抓好问题整改', body: '对本次检查发现的问题，相关单位要逐项核实、立行立改，并于10个工作日内将整改情况报市政府办公室。' },
      { heading: '压实主体责任', body: '各地区、各部门要切实履行政府网站和政务新媒体主管主办责任，确保网站安全、稳定、规范运行。' },
    ],
    issuedOn: null,
  });
  await admin.req('POST', `/api/v1/rounds/${published.id}/notice/number`, { year: snapshot.year });
  const res = await fetch(`${demo.url}/api/v1/rounds/${published.id}/notice?format=pdf`, { headers: { cookie: admin.cookie } });
  expect(res.status).toBe(200);
  const file = join(dir, 'notice.pdf');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const text = squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
  expect(text).toContain(squash(`临江市人民政府办公室关于${snapshot.month.slice(0, 4)}年${Number(snapshot.month.slice(5))}月份全市政府网站和政务新媒体监管情况的通报`));
  expect(text).toContain(`临政办公开〔${snapshot.year}〕1号`);
  expect(text).toContain(`开展了${snapshot.year}年第${snapshot.seq}次常态检查`);
  expect(text).toContain(`本次共检查全市政府网站${f.total}个（其中政府门户网站${f.portals}个、部门网站${f.departments}个），检查率${f.inspectionRate}。`);
  if (f.qualified + f.unqualified > 0) expect(text).toContain(`合格${f.qualified}个，不合格${f.unqualified}个，合格率${f.passRate}`);
  for (const s of snapshot.sites.filter((x) => x.verdict === 'unqualified')) expect(text).toContain(squash(s.name));
  if (f.problems > 0) expect(text).toContain(`检查共发现问题${f.problems}个`);
  if (snapshot.messages) expect(text).toContain(`网民留言${snapshot.messages.received}条`);
  else expect(text).toContain('【待补充：');
  expect(text).toContain('（一）抓好问题整改。');
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page1')]);
  if (process.env.UPDATE_DOCS) copyFileSync(join(dir, 'page1.png'), join(process.cwd(), 'docs/notice-page1.png'));
}, 120_000);
