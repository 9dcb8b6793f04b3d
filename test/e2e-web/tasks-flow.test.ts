// Browser flow: from a round to a closed rectification task, on the synthetic site scanned for real.
//   1. The supervisor opens a round.
//   2. An inspector confirms two findings (two typos), dismisses one with a reason and fills in a manual item.
//   3. The supervisor publishes the round: the confirmed problems become tasks for the site's unit.
//   4. The unit operator sees its task, with the evidence, and answers it (the webmaster has fixed the page:
//      the synthetic site's switch serves both typos corrected).
//   5. The automatic re-check fetches the pages again and closes the task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createWebsite, type Website } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage, openRoundFromList, type WatchedPage } from './browser.js';
import { scansIdle, startE2EPlatform, type E2EPlatform } from './platform.js';

const PASSWORD = 'TasksFlow2026x';
const UNIT = '临江市人民政府办公室';
const TYPOS = ['震憾', '截止目前'];

describe('rectification task flow: round → confirm → publish → the unit answers → the re-check closes it', () => {
  let site: TestSite;
  let platform: E2EPlatform;
  let website: Website;
  let browser: Browser;
  let sup: WatchedPage;
  let insp: WatchedPage;
  let op: WatchedPage;
  let roundPath = '';

  beforeAll(async () => {
    site = await startTestSite({ pages: 100 });
    platform = await startE2EPlatform({
      hosts: site.hosts,
      maxPages: 60,
      units: [{ name: UNIT, type: 'city-dept' }],
      users: [
        { username: 'chief', password: PASSWORD, role: 'supervisor', displayName: '王监管' },
        { username: 'insp', password: PASSWORD, role: 'inspector', displayName: '李检查' },
        { username: 'op', password: PASSWORD, role: 'unit', unit: UNIT, displayName: '办公室网站管理员' },
      ],
    });
    const { store, jobs } = platform.platform;
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
    website = await createWebsite(store.db, scope, { name: '临江市人民政府门户网站', url: site.url, unitId: platform.units.get(UNIT)!.id, kind: 'portal' }, 60);
    await jobs.enqueueScan(website.id, { actor: SYSTEM_ACTOR, trigger: 'manual' });
    await scansIdle(platform);
    const w = await store.db.selectFrom('websites').select('latestScanId').where('id', '=', website.id).executeTakeFirstOrThrow();
    const found = await store.findingsOf(w.latestScanId!);
    for (const word of TYPOS) expect(found.some((f) => f.check === 'typo' && f.evidence.includes(word))).toBe(true);
    browser = await launchBrowser();
    [sup, insp, op] = await Promise.all([openPage(browser), openPage(browser), openPage(browser)]);
    await login(sup.page, platform.url, 'chief', PASSWORD);
    await login(insp.page, platform.url, 'insp', PASSWORD);
    await login(op.page, platform.url, 'op', PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await site?.close();
  });

  it('1. the supervisor opens a round', async () => {
    const { page } = sup;
    expect(await openRoundFromList(page, platform.url, '李检查')).toMatch(/^\d{4}年第1次常态检查$/);
    roundPath = page.url().replace(/^.*#/, '#');
  }, 60_000);

  it('2. an inspector confirms two findings, dismisses one and fills in a manual item', async () => {
    const { page } = insp;
    await page.goto(`${platform.url}/${roundPath}`);
    await page.locator('[data-testid="round-site-review"]').first().click();
    const rows = page.locator('[data-testid="finding-table"] .el-table__body-wrapper tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    for (const word of TYPOS) {
      const row = rows.filter({ hasText: word });
      await row.locator('[data-testid="finding-confirm"]').click();
      await expect.poll(() => row.locator('[data-testid="finding-status"]').innerText()).toBe('已确认');
    }
    // Dismiss a third finding (any other), found again by its fingerprint.
    const other = rows.filter({ hasNotText: TYPOS[0] }).filter({ hasNotText: TYPOS[1] }).first();
    const fingerprint = await other.locator('[data-testid="finding-confirm"]').getAttribute('data-fingerprint');
    const dismissed = rows.filter({ has: page.locator(`[data-fingerprint="${fingerprint}"]`) });
    await dismissed.locator('[data-testid="finding-dismiss"]').click();
    await page.locator('textarea[data-testid="dismiss-reason"], [data-testid="dismiss-reason"] textarea').fill('检查员核实：属于误报');
    await page.locator('[data-testid="dismiss-submit"]').click();
    await expect.poll(() => dismissed.locator('[data-testid="finding-status"]').innerText()).toBe('已排除');

    await page.locator('.el-tabs__item', { hasText: '人工检查' }).click();
    const item = page.locator('[data-testid="manual-item"][data-indicator="service.guide"]');
    await item.locator('[data-testid="manual-fail"]').click();
    await item.locator('textarea[data-testid="manual-note"], [data-testid="manual-note"] textarea').fill('办事指南缺少办理地点');
    await item.locator('[data-testid="manual-save"]').click();
    await expect.poll(() => item.locator('[data-testid="manual-saved-result"]').innerText()).toBe('不符合');
  }, 90_000);

  it('3. the supervisor publishes the round', async () => {
    const { page } = sup;
    await page.reload();
    await page.locator('[data-testid="round-publish"]').click();
    await page.locator('[data-testid="round-publish-confirm"]').click();
    await expect.poll(() => page.locator('[data-testid="round-status"]').innerText()).toBe('已发布');
  }, 60_000);

  it('4. the unit operator sees its task with the evidence and answers it', async () => {
    const { page } = op;
    await page.goto(`${platform.url}/#/tasks`);
    const links = page.locator('[data-testid="task-link"]');
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(2); // the typos, and the failed manual item
    await links.filter({ hasText: '2 处' }).click();
    await page.waitForURL(/#\/tasks\/\d+$/);
    // The task's page loads its evidence after it opens: read it once it is there (allInnerTexts does not wait).
    const evidence = () => page.locator('[data-testid="task-evidence"]').allInnerTexts().then((t) => t.join('\n'));
    for (const word of TYPOS) await expect.poll(evidence).toContain(word);
    expect(await page.locator('[data-testid="task-status"]').first().getAttribute('data-status')).toBe('open');
    expect(await page.locator('[data-testid="task-verify"]').count()).toBe(0); // a unit cannot close its own task
    // The webmaster corrects both pages; the site now serves them without the typos.
    site.reconfigure({ fixed: ['typo-zhenhan', 'typo-jiezhi'] });
    await page.locator('textarea[data-testid="task-answer-input"], [data-testid="task-answer-input"] textarea').fill('已将「震憾」改为「震撼」，「截止目前」改为「截至目前」。');
    await page.locator('[data-testid="task-answer-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="task-answer-text"]').innerText()).toContain('震撼');
  }, 60_000);

  it('5. the re-check closes the task', async () => {
    const { page } = op;
    await expect.poll(() => page.locator('[data-testid="task-status"]').first().getAttribute('data-status'), { timeout: 60_000, interval: 1000 }).toBe('closed');
    await expect.poll(() => page.locator('[data-testid="task-item-result"]').allInnerTexts()).toEqual(['已整改', '已整改']);
    expect(await page.locator('[data-testid="task-history"]').innerText()).toContain('自动复查：已整改');
    // The list shows it closed; the manual item's task waits for the inspector.
    await page.goto(`${platform.url}/#/tasks`);
    const tags = page.locator('[data-testid="task-table"] [data-testid="task-status"]');
    await expect.poll(() => tags.count()).toBe(2);
    const statuses = await tags.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.sort()).toEqual(['closed', 'open']);
    for (const w of [sup, insp, op]) expect(w.pageErrors).toEqual([]);
  }, 90_000);
});
