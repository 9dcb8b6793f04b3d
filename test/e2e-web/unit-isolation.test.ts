// Browser flow 2: a unit operator sees only its own unit's sites, no supervisor-only menus, and is refused
// another unit's site opened by URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite, type Website } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';

const PASSWORD = 'UnitOperator2026x';

describe('unit operator: only its own unit', () => {
  let platform: E2EPlatform;
  let browser: Browser;
  let w: WatchedPage;
  let own: Website;
  let other: Website;

  beforeAll(async () => {
    platform = await startE2EPlatform({
      hosts: {},
      units: [
        { name: '临江市人民政府办公室', type: 'city-dept' },
        { name: '临江市教育局', type: 'city-dept', parent: '临江市人民政府办公室' },
        { name: '江北区人民政府', type: 'county', parent: '临江市人民政府办公室' },
      ],
      users: [{ username: 'jyj', password: PASSWORD, role: 'unit', unit: '临江市教育局' }],
    });
    const scope = await UnitScope.of(platform.platform.store.db, SYSTEM_ACTOR);
    const add = (name: string, url: string, unit: string) =>
      createWebsite(platform.platform.store.db, scope, { name, url, unitId: platform.units.get(unit)!.id, kind: 'department' }, 100);
    own = await add('临江市教育局网站', 'http://jyj.linjiang.gov.cn/', '临江市教育局');
    other = await add('江北区人民政府网站', 'http://www.jiangbei.gov.cn/', '江北区人民政府');
    await add('临江市人民政府门户网站', 'http://www.linjiang.gov.cn/', '临江市人民政府办公室');
    browser = await launchBrowser();
    w = await openPage(browser);
    await login(w.page, platform.url, 'jyj', PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('lists only its own sites', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites`);
    const table = page.locator('[data-test="website-table"]');
    await table.getByText(own.name).waitFor();
    const text = await table.innerText();
    expect(text).not.toContain(other.name);
    expect(text).not.toContain('临江市人民政府门户网站');
    expect(await table.locator('[data-test="website-link"]').count()).toBe(1);
    // It may register its own unit's sites, but imports and the supervisor's menus are not for it.
    expect(await page.locator('[data-test="website-add"]').count()).toBe(1);
    expect(await page.locator('[data-test="website-import"]').count()).toBe(0);
    const menu = await page.locator('.sidebar').innerText();
    expect(menu).toContain('网站');
    for (const hidden of ['用户与角色', '审计日志', '设置', '单位']) expect(menu).not.toContain(hidden);
  });

  it('opens its own site page', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites/${own.id}`);
    await page.locator('[data-test="site-name"]', { hasText: own.name }).waitFor();
    // Its own site's yearly report is there to download; the server answers it for this unit only.
    await page.locator('[data-test="yearly-open"]').click();
    const href = await page.locator('[data-test="yearly-download-html"]').getAttribute('href');
    expect(href).toContain(`/api/v1/websites/${own.id}/yearly-report?`);
    const res = await page.context().request.get(new URL(href!, platform.url).href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain(`${own.name}`);
    expect((await page.context().request.get(new URL(href!.replace(`/websites/${own.id}/`, `/websites/${other.id}/`), platform.url).href)).status()).toBe(404);
  });

  it('is refused another unit\'s site opened by URL', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites/${other.id}`);
    const refused = page.locator('[data-test="refused"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('无权访问');
    expect(await page.locator('[data-test="site-name"]').count()).toBe(0);
    expect(await page.content()).not.toContain(other.name);
  });

  it('is refused a supervisor page opened by URL', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/system/audit`);
    await page.waitForURL(/#\/403/);
    await page.getByText('您没有访问该页面的权限').waitFor();
  });
});
