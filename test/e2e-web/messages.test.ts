// Browser flow: a 「我为政府网站找错」 message sent through the public form (no session) reaches the unit
// after the supervisor forwards it, the unit answers it, the supervisor publishes the reply, and the sender
// reads it on the public page by tracking number. Hostile text in the message stays text everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';

const PASSWORD = 'Messages-flow-2026';
const HOSTILE_TITLE = '<img src=x onerror=alert(1)>首页错别字';
const REPLY = '已将「登陆」更正为「登录」，感谢您的监督。';

describe('「我为政府网站找错」: public form → unit → reply on the public page', () => {
  let platform: E2EPlatform;
  let browser: Browser;
  let sender: WatchedPage;
  let chief: WatchedPage;
  let unit: WatchedPage;
  let trackingNo = '';

  beforeAll(async () => {
    platform = await startE2EPlatform({
      hosts: {},
      units: [
        { name: '临江市人民政府办公室', type: 'city-dept' },
        { name: '临江市教育局', type: 'city-dept', parent: '临江市人民政府办公室' },
      ],
      users: [
        { username: 'chief', password: PASSWORD, role: 'supervisor' },
        { username: 'jyj', password: PASSWORD, role: 'unit', unit: '临江市教育局' },
      ],
    });
    const scope = await UnitScope.of(platform.platform.store.db, SYSTEM_ACTOR);
    await createWebsite(platform.platform.store.db, scope, { name: '临江市教育局网站', url: 'http://jyj.linjiang.gov.cn/', unitId: platform.units.get('临江市教育局')!.id, kind: 'department' }, 100);
    await createWebsite(platform.platform.store.db, scope, { name: '临江市人民政府门户网站', url: 'http://www.linjiang.gov.cn/', unitId: platform.units.get('临江市人民政府办公室')!.id, kind: 'portal' }, 100);
    browser = await launchBrowser();
    sender = await openPage(browser);
    chief = await openPage(browser);
    unit = await openPage(browser);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('takes a message through the public form without a session and shows its tracking number', async () => {
    const { page } = sender;
    await page.goto(`${platform.url}/#/public/report`);
    await page.locator('[data-test="site-select"]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '临江市教育局网站' }).click();
    await page.locator('[data-test="category"]').click();
    await page.locator('.el-select-dropdown__item', { hasText: '错别字或表述错误' }).click();
    await page.locator('[data-test="title"]').fill(HOSTILE_TITLE);
    await page.locator('[data-test="content"]').fill('首页通知中「登陆」应为「登录」。<script>alert(2)</script>');
    await page.locator('[data-test="submit"]').click();
    trackingNo = (await page.locator('[data-test="tracking-no"]').innerText()).trim();
    expect(trackingNo).toMatch(/^ZC\d{8}-[23456789A-HJ-NP-Z]{8}$/);
  });

  it('the supervisor forwards it to the site\'s unit', async () => {
    const { page } = chief;
    await login(page, platform.url, 'chief', PASSWORD);
    await page.goto(`${platform.url}/#/messages`);
    await page.locator('[data-test="message-link"]', { hasText: trackingNo }).click();
    await page.locator('[data-test="message-title"]', { hasText: HOSTILE_TITLE }).waitFor();
    await page.locator('[data-test="dispatch"]').click();
    await page.locator('[data-test="status-tag"]', { hasText: '办理中' }).waitFor();
  });

  it('reaches the unit (bell and inbox), which answers it', async () => {
    const { page } = unit;
    await login(page, platform.url, 'jyj', PASSWORD);
    await page.locator('[data-test="notification-bell"] .el-badge__content', { hasText: '1' }).waitFor();
    await page.goto(`${platform.url}/#/messages`);
    await page.locator('[data-test="message-link"]', { hasText: trackingNo }).click();
    await page.locator('[data-test="reply-input"]').fill(REPLY);
    await page.locator('[data-test="answer"]').click();
    await page.locator('[data-test="status-tag"]', { hasText: '已答复待发布' }).waitFor();
    expect(await page.locator('[data-test="publish"]').count()).toBe(0); // publishing is the supervisor's
  });

  it('the supervisor publishes the reply', async () => {
    const { page } = chief;
    await page.reload();
    await page.locator('[data-test="publish"]').click();
    await page.locator('[data-test="status-tag"]', { hasText: '已发布' }).waitFor();
  });

  it('the sender reads the reply on the public page by tracking number, all as text', async () => {
    const { page } = sender;
    await page.goto(`${platform.url}/#/public/lookup`);
    await page.locator('[data-test="lookup-input"]').fill(trackingNo);
    await page.locator('[data-test="lookup-submit"]').click();
    await page.locator('[data-test="lookup-reply"]', { hasText: REPLY }).waitFor();
    expect(await page.locator('[data-test="lookup-status"]').innerText()).toBe('已答复');
    const result = page.locator('[data-test="lookup-result"]');
    expect(await result.innerText()).toContain(HOSTILE_TITLE);
    expect(await result.locator('img, script').count()).toBe(0);
    for (const w of [sender, chief, unit]) {
      expect(w.dialogs).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    }
  });
});
