// The round pages in a real browser: a supervisor opens a round from the list (number given per year), an
// inspector reviews a site in the drawer (confirms two findings, dismisses one with a reason, fills in a
// checklist item), and the supervisor approves and publishes; the page then shows the round frozen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite, type Website } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage, openRoundFromList, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';
import { storeScan, typo, wrongExpression } from '../rounds/fixture.js';

const PASSWORD = 'RoundsFlow2026x';

describe('rounds pages', () => {
  let platform: E2EPlatform;
  let browser: Browser;
  let sup: WatchedPage;
  let insp: WatchedPage;
  let site: Website;

  beforeAll(async () => {
    platform = await startE2EPlatform({
      hosts: {},
      units: [{ name: '临江市人民政府办公室', type: 'city-dept' }],
      users: [
        { username: 'chief', password: PASSWORD, role: 'supervisor', displayName: '王监管' },
        { username: 'insp', password: PASSWORD, role: 'inspector', displayName: '李检查' },
      ],
    });
    const { store } = platform.platform;
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
    site = await createWebsite(store.db, scope, { name: '临江市人民政府门户网站', url: 'http://www.linjiang.gov.test/', unitId: platform.units.get('临江市人民政府办公室')!.id, kind: 'portal' }, 100);
    const u = 'http://www.linjiang.gov.test/';
    await storeScan(store, site.id, [typo(`${u}a.html`, '部暑'), typo(`${u}b.html`, '工做'), wrongExpression(`${u}c.html`)]);
    browser = await launchBrowser();
    sup = await openPage(browser);
    insp = await openPage(browser);
    await login(sup.page, platform.url, 'chief', PASSWORD);
    await login(insp.page, platform.url, 'insp', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('opens a round from the list with its number given', async () => {
    const { page } = sup;
    expect(await openRoundFromList(page, platform.url, '李检查')).toMatch(/^\d{4}年第1次常态检查$/);
    await expect.poll(() => page.locator('[data-testid="round-title"]').innerText()).toMatch(/第1次常态检查/);
    expect(await page.locator('[data-testid="site-verdict"]').innerText()).toBe('数据不全');
  });

  it('lets an inspector confirm two findings, dismiss one with a reason and fill in a checklist item', async () => {
    const { page } = insp;
    const roundUrl = sup.page.url().replace(/^.*#/, '#');
    await page.goto(`${platform.url}/${roundUrl}`);
    await page.locator('[data-testid="round-site-review"]').click();
    const rows = page.locator('[data-testid="finding-table"] .el-table__body-wrapper tr');
    await expect.poll(() => rows.count()).toBe(3);
    const row = (text: string) => rows.filter({ hasText: text });
    await row('部暑').locator('[data-testid="finding-confirm"]').click();
    await expect.poll(() => row('部暑').locator('[data-testid="finding-status"]').innerText()).toBe('已确认');
    await row('工做').locator('[data-testid="finding-confirm"]').click();
    await expect.poll(() => row('工做').locator('[data-testid="finding-status"]').innerText()).toBe('已确认');
    await row('国务院总里').locator('[data-testid="finding-dismiss"]').click();
    await page.locator('textarea[data-testid="dismiss-reason"], [data-testid="dismiss-reason"] textarea').fill('引用的是历史文件原文');
    await page.locator('[data-testid="dismiss-submit"]').click();
    await expect.poll(() => row('国务院总里').locator('[data-testid="finding-status"]').innerText()).toBe('已排除');
    expect(await row('国务院总里').innerText()).toContain('引用的是历史文件原文');

    await page.locator('.el-tabs__item', { hasText: '人工检查' }).click();
    const item = page.locator('[data-testid="manual-item"][data-indicator="service.guide"]');
    await item.locator('[data-testid="manual-fail"]').click();
    await item.locator('textarea[data-testid="manual-note"], [data-testid="manual-note"] textarea').fill('办事指南缺少办理地点');
    await item.locator('[data-testid="manual-save"]').click();
    await expect.poll(() => item.locator('[data-testid="manual-saved-result"]').innerText()).toBe('不符合');
    expect(await page.locator('.el-tabs__item', { hasText: '人工检查' }).innerText()).toMatch(/人工检查（1\/\d+）/);
  });

  it('lets the supervisor publish, after which the round is frozen', async () => {
    const { page } = sup;
    await page.reload();
    await page.locator('[data-testid="round-publish"]').click();
    await page.locator('[data-testid="round-publish-confirm"]').click();
    await expect.poll(() => page.locator('[data-testid="round-status"]').innerText()).toBe('已发布');
    expect(await page.locator('[data-testid="round-publish"]').count()).toBe(0);
    const { page: ip } = insp;
    await ip.reload();
    await ip.locator('[data-testid="round-site-review"]').click();
    await ip.locator('[data-testid="finding-table"]').waitFor();
    expect(await ip.locator('[data-testid="finding-confirm"]').count()).toBe(0); // nothing left to change
    for (const w of [sup, insp]) expect(w.pageErrors).toEqual([]);
  });
});
