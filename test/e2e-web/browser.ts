// One Chromium per test file (Debian's /usr/bin/chromium, never a downloaded browser), with a page that
// records everything a hostile page could make the dashboard do: dialogs, console output, page errors.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  console: string[];
  pageErrors: string[];
}

/** A fresh context (own cookies) at laptop size, watching for side effects. */
export async function openPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, dialogs: [], console: [], pageErrors: [] };
  page.on('dialog', (d) => {
    watched.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => watched.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => watched.pageErrors.push(e.message));
  page.setDefaultTimeout(20_000);
  return watched;
}

/** Logs in through the login form and waits for the dashboard. */
export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-test="login-submit"]').click();
  await page.waitForURL(/#\/dashboard/);
}

/** Opens the year's next round from the rounds list with one inspector, and waits for the round page; returns
 *  the title the dialog proposed. */
export async function openRoundFromList(page: Page, baseUrl: string, inspector: string): Promise<string> {
  await page.goto(`${baseUrl}/#/rounds`);
  await page.locator('[data-testid="round-open"]').click();
  // The proposed number arrives from the API after the dialog opens.
  await page.waitForFunction(() => document.querySelector('[data-testid="round-open-title"]')?.textContent?.includes('常态检查'));
  const proposed = await page.locator('[data-testid="round-open-title"]').innerText();
  await page.locator('[data-testid="round-open-inspectors"]').click();
  await page.locator('.el-select-dropdown__item', { hasText: inspector }).click();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="round-open-submit"]').click();
  await page.waitForURL(/#\/rounds\/\d+$/);
  return proposed;
}
