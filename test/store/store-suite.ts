// The store behaviour suite, run against a real SQLite file and against real PostgreSQL.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Finding } from '../../src/domain/index.js';
import type { Baseline, BrokenLink } from '../../src/domain/index.js';
import type { ScanReport } from '../../src/domain/index.js';
import { openStore, type PageRow, type Store } from '../../src/store/index.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { SitePageCache } from '../../src/store/page-cache.js';
import { SiteAttachmentCache } from '../../src/store/attachment-cache.js';
import { readSpamWordMemo, saveSpamWordMemo } from '../../src/store/spam-word-memo.js';
import type { CheckFinding, LinkFact, PageFacts } from '../../src/domain/index.js';

export interface Backend {
  /** Options for openStore pointing at this test run's empty database. */
  options(): { url: string; schema?: string };
}

const CRASH_SCRIPT = fileURLToPath(new URL('./fixtures/crash-mid-scan.ts', import.meta.url));

function page(i: number): PageRow {
  const p: PageRow = {
    url: `http://www.example.gov.test/col${i % 7}/art_${i}.html`,
    status: i % 50 === 0 ? 404 : 200,
    outcome: i % 50 === 0 ? 'http-error' : 'ok',
    ms: 10 + (i % 13) + 0.25,
    bytes: 1000 + i,
    title: `关于印发第${i}号通知的通知`,
    kind: i === 0 ? 'home' : i % 10 === 0 ? 'list' : 'article',
    depth: Math.min(5, Math.floor(i / 100)),
  };
  if (i % 3 === 0) p.pubDate = `2024-0${1 + (i % 9)}-1${i % 10}`;
  if (i % 4 === 0) p.columnName = `栏目${i % 7}`;
  return p;
}

/** The store keeps whatever detail a finding carries, so these fixtures set only the fields a test reads. */
type LooseFinding = Partial<Omit<Finding, 'check' | 'detail'>> & { check?: Finding['check']; detail?: Record<string, unknown> & { advice: string } };

function finding(n: number, overrides: LooseFinding = {}): Finding {
  return {
    check: 'typo',
    indicator: '',
    severity: 'minor',
    url: `http://www.example.gov.test/art_${n}.html`,
    evidence: `…贯彻落实中央八项规定精神，坚持不懈${n}…`,
    message: `发现错别字「按装」，应为「安装」（${n}）`,
    detail: { advice: '请更正错别字后重新发布。', found: '按装', correct: '安装' },
    ...overrides,
  } as Finding;
}

function brokenLink(n: number): BrokenLink {
  return {
    target: `http://www.example.gov.test/missing_${n}.html`,
    outcome: n % 2 ? 'http-error' : 'dns',
    status: n % 2 ? 404 : 0,
    internal: n % 2 === 1,
    ...(n % 2 ? {} : { error: '域名无法解析' }),
    seenOn: [{ url: 'http://www.example.gov.test/', isHome: true, place: 'body', tag: 'a', text: `失效链接${n}`, markup: `<a href="missing_${n}.html">` }],
    seenCount: n + 1,
  };
}

function report(siteUrl: string, findings: Finding[], startedAt = '2024-06-01T01:00:00.000Z'): ScanReport {
  return {
    schema: 'govpatrol.scan/1',
    site: { url: siteUrl, name: '示例市人民政府' },
    startedAt,
    finishedAt: '2024-06-01T01:20:00.000Z',
    stats: { pages: 500, links: 4321, bytes: 9_876_543, errors: 10 },
    verdict: 'unqualified',
    score: 72.5,
    indicators: [
      { code: 'V1', name: '站点无法访问', kind: 'veto', triggered: false, points: 0, findings: 0 },
      { code: 'D3', name: '链接不可用', kind: 'deduction', triggered: true, points: 2.5, findings: findings.length },
      { code: 'B1', name: '创新发展', kind: 'bonus', triggered: true, points: 1, findings: 0 },
    ],
    findings,
  };
}

function baseline(url: string, takenAt: string, title: string): Baseline {
  return { url, scanId: '', takenAt, title, text: `${title} 正文内容`, scriptSrcs: ['http://www.example.gov.test/a.js'], iframeSrcs: [] };
}

async function finishedScan(store: Store, siteId: number, startedAt: string, findings: Finding[], status: 'done' | 'aborted' | 'failed' = 'done') {
  const scan = await store.beginScan(siteId, startedAt, {});
  await store.finishScan(scan.id, report('http://s.gov.test/', findings, startedAt), status);
  return scan.id;
}

export function storeSuite(backend: Backend): void {
  const open = () => openStore(backend.options());

  it('migrates an empty database up to the full schema', async () => {
    const store = await open();
    try {
      const tables = (await store.db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
      for (const t of ['sites', 'scans', 'pages', 'broken_links', 'findings', 'indicator_results', 'baselines', 'kysely_migration',
        'units', 'users', 'sessions', 'websites', 'accounts', 'jobs', 'settings', 'audit_log', 'probes']) {
        expect(tables).toContain(t);
      }
      const applied = await (store.db as any).selectFrom('kysely_migration').select('name').execute();
      // Every listed migration, in order (the list grows; the first ones never change).
      expect(applied.map((r: { name: string }) => r.name)).toEqual(Object.keys(migrations));
      expect(Object.keys(migrations).slice(0, 4)).toEqual(['0001_initial', '0002_platform', '0003_list_indexes', '0004_probes']);
    } finally {
      await store.close();
    }
  });

  it('re-running migrations is a no-op and keeps data', async () => {
    const first = await open();
    const site = await first.upsertSite('http://rerun.gov.test/', '重跑站');
    await first.close();
    const second = await open();
    try {
      const again = await migrateToLatest(second.db, second.dialect);
      expect(again.results).toEqual([]);
      const applied = await (second.db as any).selectFrom('kysely_migration').selectAll().execute();
      expect(applied).toHaveLength(Object.keys(migrations).length);
      expect((await second.upsertSite('http://rerun.gov.test/')).id).toBe(site.id);
      const row = await second.db.selectFrom('sites').selectAll().where('id', '=', site.id).executeTakeFirstOrThrow();
      expect(row.name).toBe('重跑站'); // no name given: the stored name stays
    } finally {
      await second.close();
    }
  });

  it('keeps a full scan lifecycle and reads it back exactly', async () => {
    const store = await open();
    try {
      const siteUrl = 'http://www.example.gov.test/';
      const site = await store.upsertSite(siteUrl);
      const config = { crawl: { maxPages: 500 }, checks: { disabled: ['no-ipv6'] } };
      const scan = await store.beginScan(site.id, '2024-06-01T01:00:00.000Z', config);
      expect((await store.getScan(scan.id))?.status).toBe('running');
      expect(await store.getScanReport(scan.id)).toBeUndefined();

      const pages = Array.from({ length: 500 }, (_, i) => page(i));
      for (let i = 0; i < pages.length; i += 200) await store.addPages(scan.id, pages.slice(i, i + 200));
      const links = Array.from({ length: 30 }, (_, i) => brokenLink(i));
      await store.addBrokenLinks(scan.id, links.slice(0, 20));
      await store.addBrokenLinks(scan.id, links.slice(20));
      // Findings streamed during the scan are kept; finishScan adds the report's own, never rewrites them.
      const streamed = Array.from({ length: 40 }, (_, i) => finding(i, { indicator: 'D7' }));
      await store.addFindings(scan.id, streamed);
      expect(await store.findingsOf(scan.id)).toEqual(streamed);

      const last = finding(99, { check: 'dead-link', indicator: 'D3', severity: 'major', target: 'http://www.example.gov.test/missing_1.html', evidence: '<a href="missing_1.html">', detail: { advice: '请修复或删除失效链接。', location: 'home', internal: true, status: 404 } });
      const final = [...streamed, last];
      const streamedIds = (await store.db.selectFrom('findings').select('id').where('scanId', '=', scan.id).orderBy('id').execute()).map((r) => r.id);
      const rep = report(siteUrl, final);
      await store.finishScan(scan.id, { ...rep, findings: [last] }, 'done');
      const ids = (await store.db.selectFrom('findings').select('id').where('scanId', '=', scan.id).orderBy('id').execute()).map((r) => r.id);
      expect(ids.slice(0, 40)).toEqual(streamedIds); // the same rows, not deleted and written again

      expect(await store.pagesOf(scan.id)).toEqual(pages);
      expect(await store.brokenLinksOf(scan.id)).toEqual(links);
      expect(await store.findingsOf(scan.id)).toEqual(final);
      expect(await store.getScanReport(scan.id)).toEqual(rep);
      const indicators = await store.db.selectFrom('indicatorResults').selectAll().where('scanId', '=', scan.id).orderBy('id').execute();
      expect(indicators.map((r) => [r.code, r.triggered, r.points, r.findings])).toEqual([['V1', 0, 0, 0], ['D3', 1, 2.5, 41], ['B1', 1, 1, 0]]);
      const stored = await store.db.selectFrom('scans').select('config').where('id', '=', scan.id).executeTakeFirstOrThrow();
      expect(JSON.parse(stored.config)).toEqual(config);

      expect(await store.getScan(scan.id)).toEqual({
        id: scan.id, siteId: site.id, siteUrl, siteName: '示例市人民政府', status: 'done', interrupted: false,
        startedAt: '2024-06-01T01:00:00.000Z', finishedAt: '2024-06-01T01:20:00.000Z', verdict: 'unqualified', score: 72.5,
        stats: rep.stats, pageCount: 500, findingCount: 41,
      });
    } finally {
      await store.close();
    }
  });

  it('a scan finished as failed keeps the pages and findings it wrote', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://failed.gov.test/');
      const scan = await store.beginScan(site.id, '2024-06-01T01:00:00.000Z', {});
      await store.addPages(scan.id, [page(1), page(2), page(3)]);
      await store.addFindings(scan.id, [finding(1), finding(2)]);
      await store.finishScan(scan.id, report('http://failed.gov.test/', []), 'failed');
      expect(await store.pagesOf(scan.id)).toHaveLength(3);
      expect(await store.findingsOf(scan.id)).toEqual([finding(1), finding(2)]);
      expect(await store.getScan(scan.id)).toMatchObject({ status: 'failed', pageCount: 3, findingCount: 2 });
    } finally {
      await store.close();
    }
  });

  it('pages written while another transaction is open wait for it and are not undone by its rollback', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://busy.gov.test/');
      const scan = await store.beginScan(site.id, '2024-06-01T01:00:00.000Z', {});
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const other = store.db
        .transaction()
        .execute(async (trx) => {
          await trx.updateTable('sites').set({ name: '改名' }).where('id', '=', site.id).execute();
          await held;
          throw new Error('rolled back');
        })
        .catch((err: Error) => err.message);
      await new Promise((r) => setTimeout(r, 20)); // the other transaction is open and waiting
      const written = store.addPages(scan.id, [page(1), page(2)]);
      release();
      expect(await other).toBe('rolled back');
      await written;
      expect(await store.pagesOf(scan.id)).toEqual([page(1), page(2)]);
      expect(await store.getScan(scan.id)).toMatchObject({ pageCount: 2, siteName: '' });
    } finally {
      await store.close();
    }
  });

  it('lists scans newest first, per site, bounded by limit', async () => {
    const store = await open();
    try {
      const a = await store.upsertSite('http://list-a.gov.test/', '甲');
      const b = await store.upsertSite('http://list-b.gov.test/', '乙');
      const s2 = await finishedScan(store, a.id, '2024-02-01T00:00:00.000Z', []);
      const s1 = await finishedScan(store, a.id, '2024-01-01T00:00:00.000Z', [], 'failed');
      const s3 = (await store.beginScan(a.id, '2024-03-01T00:00:00.000Z', {})).id;
      const sb = await finishedScan(store, b.id, '2024-02-15T00:00:00.000Z', [finding(1)]);
      expect((await store.listScans(a.id)).map((s) => s.id)).toEqual([s3, s2, s1]);
      expect((await store.listScans(a.id, 2)).map((s) => s.id)).toEqual([s3, s2]);
      const all = (await store.listScans()).filter((s) => [s1, s2, s3, sb].includes(s.id));
      expect(all.map((s) => s.id)).toEqual([s3, sb, s2, s1]);
      expect(all.map((s) => s.status)).toEqual(['running', 'done', 'done', 'failed']);
      expect(all[1]).toMatchObject({ siteName: '乙', findingCount: 1 });
    } finally {
      await store.close();
    }
  });

  it('returns the newest baseline per URL from earlier done scans only', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://baseline.gov.test/');
      const other = await store.upsertSite('http://baseline-other.gov.test/');
      const home = 'http://baseline.gov.test/';
      const about = 'http://baseline.gov.test/about.html';
      const s1 = await finishedScan(store, site.id, '2024-01-01T00:00:00.000Z', []);
      await store.saveBaselines(site.id, s1, [baseline(home, '2024-01-01T00:10:00.000Z', '首页一'), baseline(about, '2024-01-01T00:11:00.000Z', '关于一')]);
      const s2 = await finishedScan(store, site.id, '2024-02-01T00:00:00.000Z', []);
      await store.saveBaselines(site.id, s2, [baseline(home, '2024-02-01T00:10:00.000Z', '首页二')]);
      await store.saveBaselines(site.id, s2, [baseline(home, '2024-02-01T00:10:00.000Z', '首页二')]); // retried save
      const aborted = (await store.beginScan(site.id, '2024-03-01T00:00:00.000Z', {})).id;
      await store.saveBaselines(site.id, aborted, [baseline(home, '2024-03-01T00:10:00.000Z', '首页被篡改')]);
      await store.finishScan(aborted, report(home, []), 'aborted');
      const running = (await store.beginScan(site.id, '2024-04-01T00:00:00.000Z', {})).id;
      await store.saveBaselines(site.id, running, [baseline(about, '2024-04-01T00:10:00.000Z', '进行中')]);
      const o1 = await finishedScan(store, other.id, '2024-05-01T00:00:00.000Z', []);
      await store.saveBaselines(other.id, o1, [baseline(home, '2024-05-01T00:10:00.000Z', '别的站')]);

      const got = await store.getBaselines(site.id);
      expect(got).toEqual([
        { ...baseline(home, '2024-02-01T00:10:00.000Z', '首页二'), scanId: String(s2) },
        { ...baseline(about, '2024-01-01T00:11:00.000Z', '关于一'), scanId: String(s1) },
      ].sort((x, y) => x.url.localeCompare(y.url)));
    } finally {
      await store.close();
    }
  });

  it('compares a scan with the previous done scan: new and fixed findings', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://compare.gov.test/');
      const f1 = finding(1);
      const f2 = finding(2, { check: 'dead-link', target: 'http://compare.gov.test/x.html' });
      const f3 = finding(3);
      const f2OtherTarget = { ...f2, target: 'http://compare.gov.test/y.html' };
      const first = await finishedScan(store, site.id, '2024-01-01T00:00:00.000Z', [f1, f2]);
      expect(await store.compareWithPrevious(first)).toEqual({ newFindings: [f1, f2], fixedFindings: [] });
      await finishedScan(store, site.id, '2024-01-15T00:00:00.000Z', [], 'aborted'); // not a baseline for comparison
      const second = await finishedScan(store, site.id, '2024-02-01T00:00:00.000Z', [{ ...f2, message: '措辞变了', indicator: 'D3' }, f3, f2OtherTarget]);
      const diff = await store.compareWithPrevious(second);
      expect(diff.previousScanId).toBe(first);
      expect(diff.newFindings).toEqual([f3, f2OtherTarget]);
      expect(diff.fixedFindings).toEqual([f1]);
      await expect(store.compareWithPrevious(987654)).rejects.toThrow(/扫描记录不存在/);
    } finally {
      await store.close();
    }
  });

  it("marks a scan left 'running' by a closed store as aborted on reopen, but not a live one", async () => {
    const first = await open();
    const site = await first.upsertSite('http://interrupt.gov.test/');
    const orphan = await first.beginScan(site.id, '2024-06-01T00:00:00.000Z', {});
    await first.addPages(orphan.id, [page(1), page(2)]);
    await first.close();

    const live = await open();
    const liveScan = await live.beginScan(site.id, '2024-06-02T00:00:00.000Z', {});
    const second = await open();
    try {
      expect(live.recoveredScanIds).toContain(orphan.id);
      expect(await second.getScan(orphan.id)).toMatchObject({ status: 'aborted', interrupted: true, pageCount: 2 });
      expect((await second.getScan(orphan.id))?.finishedAt).toBeTruthy();
      expect(await second.getScan(liveScan.id)).toMatchObject({ status: 'running', interrupted: false });
    } finally {
      await second.close();
      await live.close();
    }
  });

  it('takes a scan owned by another host as dead only after its heartbeat goes stale', async () => {
    const setup = await open();
    const site = await setup.upsertSite('http://other-host.gov.test/');
    const insert = (heartbeatAt: string) =>
      setup.db
        .insertInto('scans')
        .values({
          siteId: site.id, status: 'running', startedAt: heartbeatAt, config: '{}', ownerHost: 'worker-elsewhere',
          ownerPid: 1, ownerInstance: 'x', heartbeatAt: heartbeatAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const stale = await insert(new Date(Date.now() - 2 * 3600_000).toISOString());
    const fresh = await insert(new Date().toISOString());
    await setup.close();
    const store = await openStore({ ...backend.options(), staleAfterMs: 3600_000 });
    try {
      expect(await store.getScan(stale.id)).toMatchObject({ status: 'aborted', interrupted: true });
      expect(await store.getScan(fresh.id)).toMatchObject({ status: 'running' });
    } finally {
      await store.close();
    }
  });

  it('recovers a scan whose process was killed (SIGKILL) mid-write, with whole batches only', async () => {
    const opts = backend.options();
    const child = spawn(process.execPath, ['--import', 'tsx', CRASH_SCRIPT], {
      env: { ...process.env, STORE_URL: opts.url, STORE_SCHEMA: opts.schema ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const scanId = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`子进程未按时写入：${out}${err}`)), 15_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (/batch 5\n/.test(out)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(Number(/scan (\d+)/.exec(out)![1]));
        }
      });
      child.on('exit', () => reject(new Error(`子进程提前退出：${err}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const store = await open();
    try {
      expect(store.recoveredScanIds).toContain(scanId);
      const summary = await store.getScan(scanId);
      expect(summary).toMatchObject({ status: 'aborted', interrupted: true });
      const pages = await store.pagesOf(scanId);
      expect(pages.length).toBeGreaterThanOrEqual(250);
      expect(pages.length % 50).toBe(0); // a batch is all or nothing
      expect(summary?.pageCount).toBe(pages.length);
    } finally {
      await store.close();
    }
  });

  it('round-trips Chinese text and long evidence; drops NUL characters', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://中文.gov.test/路径?q=政务公开', '某某县人民政府办公室（政务公开办）');
      const scan = await store.beginScan(site.id, '2024-06-01T00:00:00+08:00', { note: '配置里的中文「引号」' });
      const long = '习近平新时代中国特色社会主义思想🇨🇳𠮷'.repeat(1200) + ' \t\n"\'\\<script>';
      const detail = { advice: '请核实并更正。', found: '中华人民共和国国务院', nested: { list: ['一', '二', { 深: '层' }] }, n: 1.5, ok: true, nil: null };
      const f = finding(7, { check: 'wrong-expression', evidence: long, detail, message: '严重表述错误：「中国共产党」写作「中共党」' });
      const withNul = finding(8, { evidence: 'a\u0000b', message: '含\u0000空字符' });
      const rep = report('http://中文.gov.test/路径?q=政务公开', [f, withNul]);
      rep.site.name = '某某县人民政府办公室（政务公开办）';
      await store.addPages(scan.id, [{ ...page(1), title: '标题\u0000含空字符', columnName: '政策文件／解读' }]);
      await store.finishScan(scan.id, rep, 'done');

      const back = await store.findingsOf(scan.id);
      expect(back[0]).toEqual(f);
      expect(back[0].evidence.length).toBe(long.length);
      expect(back[1]).toEqual({ ...withNul, evidence: 'ab', message: '含空字符' });
      expect((await store.pagesOf(scan.id))[0]).toMatchObject({ title: '标题含空字符', columnName: '政策文件／解读' });
      expect((await store.listScans(site.id))[0]).toMatchObject({ siteUrl: 'http://中文.gov.test/路径?q=政务公开', siteName: '某某县人民政府办公室（政务公开办）' });
      expect((await store.getScanReport(scan.id))?.findings[0].evidence).toBe(long);
    } finally {
      await store.close();
    }
  });

  it('keeps the incremental-rescan cache: upsert by URL, read together, drop what a later scan did not keep', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://cache.gov.test/');
      const link = (href: string, place: LinkFact['place'], text = href): LinkFact => ({ url: `http://cache.gov.test${href}`, href, tag: 'a', text, place, markup: `<a href="${href}">` });
      const nav = [link('/', 'nav', '首页'), link('/zwgk/', 'nav', '政务公开')];
      const footer = [link('/wzdt.html', 'footer', '网站地图')];
      const facts = (url: string, title: string, body: LinkFact[] = []) =>
        ({ url, finalUrl: url, title, text: '政务公开'.repeat(500), links: [...nav, ...body, ...footer] }) as unknown as PageFacts;
      const a = 'http://cache.gov.test/a.html';
      const b = 'http://cache.gov.test/b.html';
      const c = 'http://cache.gov.test/c.html';
      const bFacts = facts(b, '乙', [link('/a.html', 'body', '甲')]);
      const first = await SitePageCache.open(store, site.id);
      await first.save(1, [
        { url: a, validators: { etag: '"v1"' }, facts: facts(a, '第一版') },
        { url: b, validators: { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' }, facts: bFacts, checks: { key: 'k1', result: { findings: [], errors: [] } } },
      ]);
      await first.save(2, [{ url: a, validators: { etag: '"v2"' }, facts: facts(a, '第二版') }]);

      const cache = await SitePageCache.open(store, site.id);
      expect(cache.validators.get(a)).toEqual({ etag: '"v2"' });
      expect(cache.validators.get(b)).toEqual({ lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
      expect((await cache.page(a))?.facts.title).toBe('第二版');
      expect(await cache.page('http://cache.gov.test/none.html')).toBeUndefined();
      // Lookups made together are answered together, each with its own page (or none).
      const together = await Promise.all([a, b, 'http://cache.gov.test/none.html', a].map((u) => cache.page(u)));
      expect(together.map((p) => p?.facts.title)).toEqual(['第二版', '乙', undefined, '第二版']);
      expect((await cache.page(b))?.facts).toEqual(bFacts);
      // Short results are kept as plain JSON, and so are facts, the links every page repeats stored once.
      expect((await cache.page(b))?.checks).toEqual({ key: 'k1', result: { findings: [], errors: [] } });
      const stored = await store.db.selectFrom('pageCache').select(['url', 'facts', 'checkResult']).where('url', '=', b).executeTakeFirstOrThrow();
      expect(stored.checkResult).toBe('{"findings":[],"errors":[]}');
      const runs = await store.db.selectFrom('pageCacheLinkRuns').select(['id', 'links']).where('siteId', '=', site.id).execute();
      expect(runs.map((r) => JSON.parse(r.links)).sort((x, y) => x.length - y.length)).toEqual([footer, nav]);
      // SQLite keeps the JSON's UTF-16 bytes (a string is made of them by a copy); PostgreSQL the text.
      expect(typeof stored.facts === 'string').toBe(store.dialect === 'postgres');
      const json = typeof stored.facts === 'string' ? stored.facts : stored.facts.toString('utf16le');
      const plain = JSON.parse(json) as { links: unknown[] };
      expect(plain.links).toEqual([expect.any(String), link('/a.html', 'body', '甲'), expect.any(String)]);
      expect(runs.map((r) => r.id).sort()).toEqual([plain.links[0], plain.links[2]].sort());
      // A later scan of the site names the runs already stored, and reads what it wrote itself.
      await cache.save(3, [{ url: c, validators: { etag: '"c"' }, facts: facts(c, '丙') }]);
      expect(await store.db.selectFrom('pageCacheLinkRuns').select('id').where('siteId', '=', site.id).execute()).toHaveLength(2);
      expect((await cache.page(c))?.facts).toEqual(facts(c, '丙'));
      // A row naming a run that is gone reads as no row: the page is fetched again.
      await store.db.updateTable('pageCache').set({ facts: JSON.stringify({ ...facts(c, '丙'), links: ['nosuchrun000'] }) }).where('url', '=', c).execute();
      expect(await cache.page(c)).toBeUndefined();
      // Rows written as text (before UTF-16), before link runs (Brotli, base64) and before Brotli (raw deflate,
      // base64) still read.
      await store.db.updateTable('pageCache').set({ facts: JSON.stringify(facts(b, '文本格式')) }).where('url', '=', b).execute();
      expect((await cache.page(b))?.facts).toEqual(facts(b, '文本格式'));
      const brotli = 'br:' + brotliCompressSync(Buffer.from(JSON.stringify(facts(b, '压缩格式')))).toString('base64');
      await store.db.updateTable('pageCache').set({ facts: brotli }).where('url', '=', b).execute();
      expect((await cache.page(b))?.facts).toEqual(facts(b, '压缩格式'));
      const older = deflateRawSync(Buffer.from(JSON.stringify(facts(b, '旧格式')))).toString('base64');
      await store.db.updateTable('pageCache').set({ facts: older }).where('url', '=', b).execute();
      expect((await cache.page(b))?.facts.title).toBe('旧格式');

      // Results computed again for a reused page (the key changed) replace the stored ones, long ones compressed.
      const long = { findings: [{ evidence: '政务公开'.repeat(100) }], errors: [] };
      await cache.saveChecks([{ url: a, checks: { key: 'k2', result: long } }, { url: 'http://cache.gov.test/none.html', checks: { key: 'k2', result: {} } }]);
      expect((await cache.page(a))?.checks).toEqual({ key: 'k2', result: long });
      expect((await store.db.selectFrom('pageCache').select('checkResult').where('url', '=', a).executeTakeFirstOrThrow()).checkResult?.startsWith('br:')).toBe(true);

      expect(await cache.drop([b, c, 'http://cache.gov.test/none.html'])).toBe(2);
      expect([...(await SitePageCache.open(store, site.id)).validators.keys()]).toEqual([a]);
    } finally {
      await store.close();
    }
  });

  it('keeps the attachments cache: offered only under the same key and referring page, upserted, damaged rows not offered', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://attach.gov.test/');
      const page = 'http://attach.gov.test/a.html';
      const [x, y, z] = ['x.pdf', 'y.docx', 'z.xlsx'].map((f) => `http://attach.gov.test/f/${f}`);
      const leak = { check: 'privacy-leak', url: x, message: '疑似泄露', evidence: '手机号码', detail: { linkedFrom: page } } as unknown as CheckFinding;
      const first = await SiteAttachmentCache.open(store.db, site.id, 'k1');
      await first.save(1, [
        { url: x, validators: { etag: '"x1"' }, linkedFrom: page, findings: [leak] },
        { url: y, validators: { lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' }, linkedFrom: page, findings: [] },
        { url: z, validators: { etag: '"z1"' }, linkedFrom: page, findings: [] },
      ]);
      await first.save(2, [{ url: x, validators: { etag: '"x2"' }, linkedFrom: page, findings: [] }]);
      await store.db.updateTable('attachmentCache').set({ findings: '{not json' }).where('url', '=', z).execute();

      const cache = await SiteAttachmentCache.open(store.db, site.id, 'k1');
      expect(cache.validators(x, page)).toEqual({ etag: '"x2"' });
      expect(cache.findings(x)).toEqual([]);
      expect(cache.validators(y, page)).toEqual({ lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT' });
      expect(cache.validators(y, 'http://attach.gov.test/b.html')).toBeUndefined(); // the findings name the other page
      expect(cache.validators(z, page)).toBeUndefined();
      await cache.save(3, [{ url: y, validators: { etag: '"y2"' }, linkedFrom: page, findings: [leak] }]);
      expect((await SiteAttachmentCache.open(store.db, site.id, 'k1')).findings(y)).toEqual([leak]);
      // Another key (rules, dictionaries, configuration or code changed): nothing is offered.
      expect((await SiteAttachmentCache.open(store.db, site.id, 'k2')).validators(x, page)).toBeUndefined();

      await cache.dropAllBut(new Set([y]));
      expect((await store.db.selectFrom('attachmentCache').select('url').where('siteId', '=', site.id).execute()).map((r) => r.url)).toEqual([y]);
    } finally {
      await store.close();
    }
  });

  it('keeps the spam words of judged texts per site, under one check key; a damaged row is only a memo lost', async () => {
    const store = await open();
    try {
      const site = await store.upsertSite('http://memo.gov.test/');
      const other = await store.upsertSite('http://memo2.gov.test/');
      expect(await readSpamWordMemo(store.db, site.id, 'k1')).toEqual({});
      await saveSpamWordMemo(store.db, site.id, 1, 'k1', { a: ['博彩', '百家乐'], b: [] });
      await saveSpamWordMemo(store.db, other.id, 1, 'k1', { c: ['色情'] });
      expect(await readSpamWordMemo(store.db, site.id, 'k1')).toEqual({ a: ['博彩', '百家乐'], b: [] });
      // Another key (dictionaries or code changed): nothing is offered.
      expect(await readSpamWordMemo(store.db, site.id, 'k2')).toEqual({});
      // One row per site, replaced by the next scan's.
      await saveSpamWordMemo(store.db, site.id, 2, 'k2', { d: ['赌场'] });
      expect(await readSpamWordMemo(store.db, site.id, 'k2')).toEqual({ d: ['赌场'] });
      expect(await readSpamWordMemo(store.db, site.id, 'k1')).toEqual({});
      expect(await readSpamWordMemo(store.db, other.id, 'k1')).toEqual({ c: ['色情'] });
      await store.db.updateTable('spamWordMemos').set({ words: '{"d": "赌场", "e": ["ok"], "f": [1]}' }).where('siteId', '=', site.id).execute();
      expect(await readSpamWordMemo(store.db, site.id, 'k2')).toEqual({ e: ['ok'] });
      await store.db.updateTable('spamWordMemos').set({ words: '{not json' }).where('siteId', '=', site.id).execute();
      expect(await readSpamWordMemo(store.db, site.id, 'k2')).toEqual({});
    } finally {
      await store.close();
    }
  });
}
