// Browser: the website page shows the availability probe history — the week's figure with the veto for a site
// failing 6% of its probes, the incomplete-week warning for a site probed one day — and a probe error quoting
// hostile markup stays text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite, type Website } from '../../src/store/inventory.js';
import { insertProbes, type ProbeRecord } from '../../src/store/probes.js';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';

const PASSWORD = 'Supervisor2026x';
const HOUR = 3_600_000;

describe('website page: availability probes', () => {
  let platform: E2EPlatform;
  let browser: Browser;
  let w: WatchedPage;
  let week: Website;
  let day: Website;

  beforeAll(async () => {
    platform = await startE2EPlatform({ hosts: {}, units: [{ name: '临江市人民政府办公室', type: 'city-dept' }], users: [{ username: 'admin', password: PASSWORD, role: 'supervisor' }] });
    const db = platform.platform.store.db;
    const scope = await UnitScope.of(db, SYSTEM_ACTOR);
    const unitId = platform.units.get('临江市人民政府办公室')!.id;
    week = await createWebsite(db, scope, { name: '临江市教育局网站', url: 'http://jyj.linjiang.gov.cn/', unitId, kind: 'department' }, 100);
    day = await createWebsite(db, scope, { name: '临江市民政局网站', url: 'http://mzj.linjiang.gov.cn/', unitId, kind: 'department' }, 100);
    const now = Date.now();
    const rows: ProbeRecord[] = [];
    // 168 hourly probes over the last week (at half past, clear of the window's edges), every 17th failed: 9, 5.4%.
    for (let h = 1; h <= 168; h++) {
      const fails = h % 17 === 0;
      rows.push({ websiteId: week.id, at: new Date(now - h * HOUR + HOUR / 2).toISOString(), ok: !fails, status: fails ? 503 : 200, ms: 100 + (h % 50), error: fails ? '首页返回 HTTP 503 <img src=x onerror="window.__gpXss=9">' : null });
    }
    for (let h = 1; h <= 24; h++) rows.push({ websiteId: day.id, at: new Date(now - h * HOUR + HOUR / 2).toISOString(), ok: true, status: 200, ms: 90 });
    await insertProbes(db, rows);
    browser = await launchBrowser();
    w = await openPage(browser);
    await login(w.page, platform.url, 'admin', PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('shows the week of probes with its failed share and the veto', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites/${week.id}`);
    const figure = page.locator('[data-test="probe-window"]');
    await figure.waitFor();
    expect(await figure.innerText()).toBe('近7天 168 次探测，失败 9 次（5.4%）');
    expect(await page.locator('[data-test="probe-verdict"]').innerText()).toContain('单项否决');
    await page.locator('[data-test="probe-chart"] canvas').first().waitFor();
    expect(await page.locator('[data-test="probe-incomplete"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __gpXss?: number }).__gpXss)).toBeUndefined();
    expect(w.pageErrors).toEqual([]);
  });

  it('says the conclusion is withheld for a site probed less than a week', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites/${day.id}`);
    const warning = page.locator('[data-test="probe-incomplete"]');
    await warning.waitFor();
    expect(await warning.innerText()).toBe('探测数据不足一周，可用性结论暂缺');
    expect(await page.locator('[data-test="probe-window"]').count()).toBe(0);
    expect(await page.locator('[data-test="probes"]').innerText()).toContain('已探测 24 次，失败 0 次');
    expect(w.pageErrors).toEqual([]);
  });
});
