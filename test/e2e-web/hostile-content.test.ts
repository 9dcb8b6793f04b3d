// Browser flow 3: a scanned page carrying <script> and <img onerror> in its title and body. The dashboard
// shows them as text and nothing runs: no dialog, no console output from them, no injected element, and
// links to scanned URLs open without an opener or referrer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite, type Website } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';
import { startHostileSite, type HostileSite } from './hostile-site.js';

const PASSWORD = 'Supervisor2026pass';
const HOST = 'www.xss-test.gov.cn';
// The site's name in the inventory is hostile too (inventories come from spreadsheets).
const SITE_NAME = '测试局<img src=x onerror="window.__gpXss=9">';

describe('hostile scanned content is text', () => {
  let hostile: HostileSite;
  let platform: E2EPlatform;
  let browser: Browser;
  let w: WatchedPage;
  let website: Website;

  beforeAll(async () => {
    hostile = await startHostileSite();
    const port = new URL(hostile.url).port;
    platform = await startE2EPlatform({
      hosts: { [HOST]: ['127.0.0.1'] },
      units: [{ name: '临江市测试局', type: 'city-dept' }],
      users: [{ username: 'admin', password: PASSWORD, role: 'supervisor' }],
      maxPages: 20,
    });
    const scope = await UnitScope.of(platform.platform.store.db, SYSTEM_ACTOR);
    website = await createWebsite(platform.platform.store.db, scope, { name: SITE_NAME, url: `http://${HOST}:${port}/`, unitId: platform.units.get('临江市测试局')!.id, kind: 'department' }, 20);
    await platform.platform.jobs.enqueueScan(website.id, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await platform.platform.jobs.idle();
    browser = await launchBrowser();
    w = await openPage(browser);
    await login(w.page, platform.url, 'admin', PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await hostile?.close();
  });

  async function assertNothingRan(): Promise<void> {
    const { page } = w;
    expect(await page.evaluate(() => (window as unknown as { __gpXss?: number }).__gpXss)).toBeUndefined();
    expect(w.dialogs).toEqual([]);
    expect(w.console.filter((m) => /gpXss|title|body/.test(m) && !/^(warning|verbose)/.test(m))).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    // No element from scanned content made it into the DOM.
    expect(await page.locator('img[onerror], [onerror]').count()).toBe(0);
    const inlineScripts = await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('gpXss')).length);
    expect(inlineScripts).toBe(0);
  }

  it('shows the site page with the markup as literal text', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites/${website.id}`);
    await page.locator('[data-test="site-name"]').waitFor();
    expect(await page.locator('[data-test="site-name"]').innerText()).toBe(SITE_NAME);
    const findings = page.locator('[data-test="findings"]');
    await findings.waitFor();
    const text = (await findings.textContent()) ?? '';
    expect(text).toContain('<script>window.__gpXss=1;alert("title")</script>');
    expect(text).toContain('<img src="/missing.png" onerror="window.__gpXss=4">');
    // The visible evidence block shows the characters themselves.
    const evidence = await page.locator('[data-test="evidence"]').allInnerTexts();
    expect(evidence.some((e) => e.includes('<script>') || e.includes('onerror='))).toBe(true);
    await assertNothingRan();
  });

  it('opens links to scanned URLs without opener or referrer', async () => {
    const { page } = w;
    const links = page.locator('a[target="_blank"]');
    expect(await links.count()).toBeGreaterThan(0);
    for (const rel of await links.evaluateAll((as) => as.map((a) => a.getAttribute('rel') ?? ''))) {
      expect(rel.split(/\s+/)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    }
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) expect(href).toMatch(/^https?:\/\//);
  });

  it('lists the site with its hostile name as text', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites`);
    await page.locator('[data-test="website-link"]').first().waitFor();
    expect(await page.locator('[data-test="website-link"]').first().innerText()).toBe(SITE_NAME);
    await page.goto(`${platform.url}/#/dashboard`);
    await page.locator('[data-test="overview-table"]').getByText(SITE_NAME).waitFor();
    await assertNothingRan();
  });

  it('serves the dashboard under a content security policy that stops an inline script, and breaks nothing of its own', async () => {
    const { page } = w;
    await page.goto(`${platform.url}/#/websites`);
    const response = await page.reload(); // a real navigation: the document is served again, with its headers
    expect(response?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('[data-test="website-link"]').first().waitFor();
    // A script element that got into the page anyway does not run.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__gpCsp = 1';
      document.body.append(s);
      return (window as unknown as { __gpCsp?: number }).__gpCsp;
    });
    expect(ran).toBeUndefined();
    // The only refusal on record is that one: the dashboard's own scripts, styles and images all loaded.
    const refused = w.console.filter((m) => /Content Security Policy/i.test(m));
    expect(refused.length).toBeLessThanOrEqual(1);
    expect(refused.every((m) => /inline script/i.test(m))).toBe(true);
  });
});
