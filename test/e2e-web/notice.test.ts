// The round page's 通报 panel in a real browser: a supervisor picks a template paragraph and edits it, saves,
// gives the document its number, and downloads the notice, which carries both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';
import { insertRound } from '../report/notice/fixture.js';

const PASSWORD = 'NoticePanel2026x';

describe('round page 通报 panel', () => {
  let platform: E2EPlatform;
  let browser: Browser;
  let sup: WatchedPage;
  let roundId: number;

  beforeAll(async () => {
    platform = await startE2EPlatform({ hosts: {}, units: [{ name: '营口市人民政府办公室', type: 'city-dept' }], users: [{ username: 'chief', password: PASSWORD, role: 'supervisor' }] });
    roundId = await insertRound(platform.platform.store, 6, 'published');
    browser = await launchBrowser();
    sup = await openPage(browser);
    await login(sup.page, platform.url, 'chief', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('edits the 下步工作要求 from a template, numbers the notice and downloads it', async () => {
    const { page } = sup;
    await page.goto(`${platform.url}/#/rounds/${roundId}`);
    const panel = page.locator('[data-test="notice-panel"]');
    await panel.waitFor();
    await panel.locator('[data-test="notice-templates"]').click();
    await page.locator('.el-dropdown-menu__item', { hasText: '抓好问题整改' }).click();
    const body = panel.locator('[data-test="notice-paragraph"] textarea').first();
    await body.fill('对本次检查发现的问题逐项整改，5个工作日内反馈。');
    await panel.locator('[data-test="notice-save"]').click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await panel.locator('[data-test="notice-assign-number"]').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => panel.locator('[data-test="notice-number"]').innerText()).toMatch(/^政办公开〔\d{4}〕1号$/);
    const href = await panel.locator('[data-test="notice-download-html"]').getAttribute('href');
    const res = await page.context().request.get(new URL(href!, platform.url).href);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain('<span class="h2">（一）抓好问题整改。</span>对本次检查发现的问题逐项整改，5个工作日内反馈。');
    expect(html).toMatch(/政办公开〔\d{4}〕1号/);
    expect(sup.pageErrors).toEqual([]);
    if (process.env.NOTICE_SHOT) await panel.screenshot({ path: process.env.NOTICE_SHOT });
  });

  it('downloads the yearly supervision report for a chosen year from the rounds list', async () => {
    const { page } = sup;
    await page.goto(`${platform.url}/#/rounds`);
    await page.locator('[data-test="yearly-open"]').click();
    const panel = page.locator('[data-test="yearly-panel"]');
    await panel.waitFor();
    const year = panel.locator('[data-test="yearly-year"] input');
    await year.fill('2024');
    await year.press('Enter');
    await expect.poll(() => panel.locator('[data-test="yearly-download-html"]').getAttribute('href')).toContain('year=2024');
    const href = await panel.locator('[data-test="yearly-download-html"]').getAttribute('href');
    const res = await page.context().request.get(new URL(href!, platform.url).href);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toContain('2024年政府网站与政务新媒体监管工作年度报表');
    expect(html).toContain('<td>常态检查次数</td><td>1次</td>');
    expect(await panel.locator('[data-test="yearly-download-docx"]').getAttribute('href')).toMatch(/\/api\/v1\/reports\/yearly\?year=2024&format=docx$/);
    if (process.env.YEARLY_SHOT) await page.screenshot({ path: process.env.YEARLY_SHOT });
    expect(sup.pageErrors).toEqual([]);
  });
});
