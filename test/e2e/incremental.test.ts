// Incremental rescans on the synthetic site: the second scan asks for every stored page conditionally, judges
// the unchanged ones (304) on their stored facts, fetches the edited ones, notices the deleted one, and reports
// exactly what a full scan of the same site reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite, type ScanOutcome } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig, type ScanConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { Finding } from '../../src/domain/index.js';
import { idCheckChar } from '../../src/text/validators.js';

const TYPO = '软件按装完毕后方可使用';
const DAY = 86_400_000;
/** The rescans run 400 days after the first scan; an ID number born 200 days after it is no valid ID number
 *  at the first scan (a birth date in the future) and is one at the rescans, on a page that never changed. */
const FIRST_AT = new Date();
const LATER = new Date(FIRST_AT.getTime() + 400 * DAY);
const BORN = new Date(FIRST_AT.getTime() + 200 * DAY).toISOString().slice(0, 10).replaceAll('-', '');
const FUTURE_ID = `110101${BORN}123${idCheckChar(`110101${BORN}123`)}`;

function configFor(site: TestSite, incremental: boolean): ScanConfig {
  return mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, maxPages: 2000, requestTimeoutMs: 5000, incremental },
    checks: { browser: false, availabilityProbes: 1, attachmentTimeoutMs: 60_000 },
  });
}

/** A finding as a reader compares two reports: what, where, and the exact evidence (the soft-404 probe asks
 *  for a fresh random URL each scan). */
const randomProbe = /govpatrol-404-[0-9a-f]+/g;
const key = (f: Finding) => [f.check, f.indicator, f.severity, f.url, f.target ?? '', f.evidence].join(' | ').replace(randomProbe, 'govpatrol-404-*');
const keys = (o: ScanOutcome) => o.report.findings.map(key).sort();

describe('incremental rescan of the synthetic site', () => {
  let site: TestSite;
  let store: Store;
  let dir: string;
  let first: ScanOutcome;
  let incremental: ScanOutcome;
  let full: ScanOutcome;
  let edited: string;
  let deleted: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-incr-'));
    site = await startTestSite({ pages: 300 });
    store = await openStore({ url: join(dir, 'gp.sqlite') });
    site.edit('/lxwm.html', (html) => html.replace('</body>', `<p>联系人身份证号：${FUTURE_ID}</p></body>`));
    first = await scanSite({ url: site.url, config: configFor(site, true), store, now: FIRST_AT });

    const articles = (await store.pagesOf(first.scanId!)).filter((p) => p.kind === 'article' && p.status === 200).map((p) => new URL(p.url).pathname);
    [edited, deleted] = [articles[3], articles[7]];
    site.edit(edited, (html) => html.replace('</body>', `<p>${TYPO}</p></body>`));
    site.edit(deleted, () => null);

    incremental = await scanSite({ url: site.url, config: configFor(site, true), store, now: LATER });
    full = await scanSite({ url: site.url, config: configFor(site, false), store, now: LATER });
  }, 240_000);

  afterAll(async () => {
    await store?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the pages of the first scan with their validators', async () => {
    const rows = await store.db.selectFrom('pageCache').select(['url', 'etag', 'lastModified']).execute();
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((r) => r.etag && r.lastModified)).toBe(true);
  });

  it('reuses the unchanged pages and downloads far less', () => {
    const note = incremental.crawlNotes.find((n) => n.startsWith('增量扫描'));
    expect(note).toBeDefined();
    const reused = Number(/(\d+) 个页面/.exec(note!)![1]);
    expect(reused).toBeGreaterThan(first.report.stats.pages * 0.9);
    expect(incremental.report.stats.pages).toBe(full.report.stats.pages);
    expect(incremental.report.stats.bytes).toBeLessThan(full.report.stats.bytes / 5);
    expect(full.crawlNotes.some((n) => n.startsWith('增量扫描'))).toBe(false);
  });

  it('reuses the page check results of unchanged pages (same rules, dictionaries and configuration)', () => {
    const note = incremental.crawlNotes.find((n) => n.startsWith('增量扫描'))!;
    const reused = Number(/其中 (\d+) 个页面的检查规则/.exec(note)?.[1] ?? 0);
    expect(reused).toBeGreaterThan(first.report.stats.pages * 0.9);
  });

  it('reuses the findings of unchanged attachments, except where the day can change them (ID-length numbers)', async () => {
    const note = incremental.crawlNotes.find((n) => n.includes('个附件自上次扫描后未变化'));
    const reused = Number(/(\d+) 个附件/.exec(note ?? '')?.[1] ?? 0);
    const stored = await store.db.selectFrom('attachmentCache').select(['url', 'findings']).execute();
    expect(reused).toBeGreaterThan(0);
    expect(reused).toBe(stored.length);
    // Attachments with an ID number in their text are read and checked again on every scan.
    const leaking = new Set(full.report.findings.filter((f) => f.check === 'privacy-leak' && /id-card/.test(JSON.stringify(f.detail ?? {}))).map((f) => f.url));
    expect(stored.filter((r) => leaking.has(r.url))).toEqual([]);
  });

  it('fetches the edited page and finds what was added to it', () => {
    const typo = incremental.report.findings.find((f) => f.check === 'typo' && f.url.endsWith(edited) && f.evidence.includes('按装'));
    expect(typo).toBeDefined();
  });

  it('runs the date-reading check again on an unchanged page whose answer the day can change', () => {
    const leak = (o: ScanOutcome) => o.report.findings.some((f) => f.check === 'privacy-leak' && f.url.endsWith('/lxwm.html') && f.evidence.includes(FUTURE_ID.slice(0, 6)));
    expect(leak(first)).toBe(false);
    expect(leak(incremental)).toBe(true);
    expect(leak(full)).toBe(true);
  });

  it('notices the deleted page', () => {
    expect(incremental.crawlNotes).toContain('上次扫描保存的 1 个页面本次未再找到（已删除、改名或不再被链接）');
    expect(incremental.report.findings.some((f) => f.check === 'dead-link' && f.target?.endsWith(deleted))).toBe(true);
  });

  it('reports exactly what a full scan of the same site reports', () => {
    // A check that failed in one of them (an attachment extraction timing out on a loaded machine) would
    // make the comparison meaningless: say so first.
    expect([...incremental.checkErrors, ...full.checkErrors]).toEqual([]);
    expect(keys(incremental)).toEqual(keys(full));
    expect(incremental.report.score).toBe(full.report.score);
    expect(incremental.report.verdict).toBe(full.report.verdict);
    expect(incremental.report.indicators).toEqual(full.report.indicators);
  });

  it("remembers the spam words of the texts the site checks judged, so an unchanged site's rescan needs no text engine for them", async () => {
    const rows = await store.db.selectFrom('spamWordMemos').select(['words', 'scanId']).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].scanId).toBe(incremental.scanId); // one row per site, the last incremental scan's (a full scan judges afresh)
    const baselines = await store.getBaselines((await store.upsertSite(site.url)).id);
    // Each key page: its title, its text, both together, and its baseline's text.
    expect(Object.keys(JSON.parse(rows[0].words)).length).toBeGreaterThanOrEqual(baselines.length * 3);
  });

  it('drops the deleted page from the stored pages', async () => {
    const urls = (await store.db.selectFrom('pageCache').select('url').execute()).map((r) => new URL(r.url).pathname);
    expect(urls).not.toContain(deleted);
    expect(urls).toContain(edited);
  });
});
