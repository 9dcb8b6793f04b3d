// Browser flow 1: a supervisor imports an inventory XLSX with one bad row (the row error shows, nothing is
// imported), fixes the row, imports again, starts a scan, watches its progress and opens the site page:
// findings with evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { startTestSite, SITE_BARE_HOST, type TestSite } from '../../testsite/index.js';
import { launchBrowser, login, openPage, type WatchedPage } from './browser.js';
import { startE2EPlatform, type E2EPlatform } from './platform.js';

const PASSWORD = 'Supervisor2026pass';
const HEADERS = ['单位名称', '网站名称', '网址', '网站类型(门户/部门)', '网站标识码', 'ICP备案号'];

async function writeInventory(path: string, rows: string[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('网站');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

describe('supervisor: import the inventory, scan a site, read its findings', () => {
  let site: TestSite;
  let platform: E2EPlatform;
  let browser: Browser;
  let w: WatchedPage;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-e2e-import-'));
    site = await startTestSite({ pages: 40 });
    platform = await startE2EPlatform({
      hosts: site.hosts,
      units: [{ name: '临江市人民政府办公室', type: 'city-dept' }, { name: '临江市教育局', type: 'city-dept', parent: '临江市人民政府办公室' }],
      users: [{ username: 'admin', password: PASSWORD, role: 'supervisor' }],
    });
    browser = await launchBrowser();
    w = await openPage(browser);
    await login(w.page, platform.url, 'admin', PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const portal = () => ['临江市人民政府办公室', '临江市人民政府门户网站', site.url, '门户', '2108000001', '辽ICP备12345678号'];
  const bureau = (unit: string) => [unit, '临江市教育局网站', `http://${SITE_BARE_HOST}:${site.port}/`, '部门', '', ''];

  it('shows the bad row and imports nothing', async () => {
    const file = join(dir, 'bad.xlsx');
    // The bureau's unit is misspelt (教育厅 for 教育局): no such unit is registered.
    await writeInventory(file, [portal(), bureau('临江市教育厅')]);
    const { page } = w;
    await page.goto(`${platform.url}/#/websites`);
    await page.locator('[data-test="website-import"]').click();
    const dialog = page.locator('[data-test="import-dialog"]');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await dialog.locator('[data-test="import-submit"]').click();
    const errors = dialog.locator('[data-test="import-row-errors"]');
    await errors.waitFor();
    // Row 3 of the sheet (header = 1) is the bad one, named in Chinese.
    const text = await errors.innerText();
    expect(text).toMatch(/^\s*3\b/m);
    expect(text).toContain('临江市教育厅');
    await expect(dialog.locator('[data-test="import-error"]').innerText()).resolves.toContain('未导入任何数据');
    // Nothing went in: not even the good row.
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.reload();
    await page.locator('[data-test="website-table"]').getByText('暂无数据').waitFor();
  });

  it('imports the fixed sheet whole', async () => {
    const file = join(dir, 'good.xlsx');
    await writeInventory(file, [portal(), bureau('临江市教育局')]);
    const { page } = w;
    await page.locator('[data-test="website-import"]').click();
    const dialog = page.locator('[data-test="import-dialog"]');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await dialog.locator('[data-test="import-submit"]').click();
    await page.getByText('成功导入 2 条').waitFor();
    const table = page.locator('[data-test="website-table"]');
    await table.getByText('临江市人民政府门户网站').waitFor();
    await table.getByText('临江市教育局网站').waitFor();
  });

  it('starts a scan, shows its progress, then the findings with evidence', async () => {
    const { page } = w;
    await page.locator('[data-test="website-link"]', { hasText: '临江市人民政府门户网站' }).click();
    await page.waitForURL(/#\/websites\/\d+/);
    await page.locator('[data-test="site-name"]', { hasText: '临江市人民政府门户网站' }).waitFor();
    await page.locator('[data-test="scan-now"]').click();
    const progress = page.locator('[data-test="scan-progress"]');
    await progress.waitFor();
    // Record every state the progress block shows while the scan runs.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      const el = document.querySelector('[data-test="scan-progress"]')!;
      const note = () => {
        const s = `${el.querySelector('[data-test="job-status"]')?.textContent?.trim()}|${el.querySelector('[data-test="job-pages"]')?.textContent?.replace(/\D/g, '')}`;
        if (seen[seen.length - 1] !== s) seen.push(s);
      };
      note();
      new MutationObserver(note).observe(el, { subtree: true, childList: true, characterData: true });
    });
    await progress.locator('[data-test="job-status"]', { hasText: '已完成' }).waitFor({ timeout: 180_000 });
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    // It was watched live: a running state with pages counted before the end.
    expect(seen.some((s) => /^(扫描中|排队中)\|/.test(s)), seen.join(' → ')).toBe(true);
    expect(seen[seen.length - 1]).toMatch(/^已完成\|/);
    expect(Number((await progress.locator('[data-test="job-pages"]').innerText()).replace(/\D/g, ''))).toBeGreaterThan(5);
    // Findings grouped by indicator, each with its evidence, page URL, rule and advice.
    const findings = page.locator('[data-test="findings"]');
    await findings.waitFor({ timeout: 30_000 });
    const evidence = findings.locator('[data-test="evidence"]');
    expect(await evidence.count()).toBeGreaterThan(0);
    expect((await evidence.first().innerText()).trim().length).toBeGreaterThan(0);
    // Collapsed groups are in the DOM but hidden: read the text content, not the rendered text.
    const text = (await findings.textContent()) ?? '';
    expect(text).toContain('整改建议');
    expect(text).toMatch(/违反规则：/);
    // A planted typo of the synthetic site is among the findings.
    expect(text).toContain('震憾');
    // The verdict tag and the score are filled in.
    await page.locator('[data-test="verdict"]', { hasText: /合格|不合格/ }).first().waitFor();
    expect(w.pageErrors).toEqual([]);
  }, 240_000);
});
