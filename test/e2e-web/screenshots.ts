// `npm run screenshots`: the dashboard's screenshots in docs/ (README). Starts the platform on loopback with a
// seeded city (units in a hierarchy, synthetic sites of different quality, scans run for real), then takes, with
// Chromium at 1366×768: the supervisor's 总览, a unit operator's 总览, and a site page with its findings.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestSite, type TestSite, type TestSiteOptions } from '../../testsite/index.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';
import { createAccount, createWebsite } from '../../src/store/inventory.js';
import { launchBrowser, login, openPage } from './browser.js';
import { startE2EPlatform, type SeedUnit } from './platform.js';

const OUT = fileURLToPath(new URL('../../docs/', import.meta.url));
const PASSWORD = 'Screenshot2026demo';

const UNITS: SeedUnit[] = [
  { name: '临江市人民政府办公室', type: 'city-dept' },
  { name: '临江市教育局', type: 'city-dept', parent: '临江市人民政府办公室' },
  { name: '临江市卫生健康委员会', type: 'city-dept', parent: '临江市人民政府办公室' },
  { name: '临江市自然资源局', type: 'city-dept', parent: '临江市人民政府办公室' },
  { name: '江北区人民政府', type: 'county', parent: '临江市人民政府办公室', includeSubunits: true },
  { name: '江北区教育局', type: 'other', parent: '江北区人民政府' },
  { name: '临江高新技术产业开发区管委会', type: 'park', parent: '临江市人民政府办公室' },
];

interface SeedSite { name: string; unit: string; kind: 'portal' | 'department'; options?: TestSiteOptions; scan: boolean }
const SITES: SeedSite[] = [
  { name: '临江市人民政府门户网站', unit: '临江市人民政府办公室', kind: 'portal', options: { pages: 150 }, scan: true },
  { name: '临江市教育局', unit: '临江市教育局', kind: 'department', options: { pages: 80, defects: false }, scan: true },
  { name: '临江市卫生健康委员会', unit: '临江市卫生健康委员会', kind: 'department', options: { pages: 80, defects: false, variant: { noSearch: true } }, scan: true },
  { name: '临江市自然资源局', unit: '临江市自然资源局', kind: 'department', options: { pages: 60, defects: false, variant: { staleHome: true } }, scan: true },
  { name: '江北区人民政府', unit: '江北区人民政府', kind: 'department', options: { pages: 100 }, scan: true },
  { name: '江北区教育局', unit: '江北区教育局', kind: 'department', options: { pages: 50, defects: false }, scan: true },
  { name: '临江高新区管委会', unit: '临江高新技术产业开发区管委会', kind: 'department', options: { pages: 40, defects: false }, scan: false },
];

const ACCOUNTS: Array<[string, 'wechat' | 'weibo' | 'douyin', string]> = [
  ['临江发布', 'wechat', '临江市人民政府办公室'],
  ['临江发布', 'weibo', '临江市人民政府办公室'],
  ['临江教育', 'wechat', '临江市教育局'],
  ['健康临江', 'wechat', '临江市卫生健康委员会'],
  ['健康临江', 'douyin', '临江市卫生健康委员会'],
  ['江北发布', 'wechat', '江北区人民政府'],
  ['江北教育', 'wechat', '江北区教育局'],
];

async function main(): Promise<void> {
  const sites: TestSite[] = [];
  for (const s of SITES) sites.push(await startTestSite(s.options));
  const platform = await startE2EPlatform({
    hosts: sites[0].hosts,
    units: UNITS,
    users: [
      { username: 'admin', password: PASSWORD, role: 'supervisor', displayName: '市政务公开办' },
      { username: 'jiangbei', password: PASSWORD, role: 'unit', unit: '江北区人民政府', displayName: '江北区政府办' },
    ],
    maxPages: 300,
  });
  try {
    const db = platform.platform.store.db;
    const scope = await UnitScope.of(db, SYSTEM_ACTOR);
    for (const [i, s] of SITES.entries()) {
      const w = await createWebsite(db, scope, { name: s.name, url: sites[i].url, unitId: platform.units.get(s.unit)!.id, kind: s.kind, siteCode: `21080000${String(i + 1).padStart(2, '0')}` }, 300);
      if (s.scan) await platform.platform.jobs.enqueueScan(w.id, { actor: SYSTEM_ACTOR, trigger: 'demo' });
    }
    for (const [name, platformKind, unit] of ACCOUNTS) {
      await createAccount(db, scope, { platform: platformKind, name, platformId: '', unitId: platform.units.get(unit)!.id, status: 'active' });
    }
    process.stderr.write('扫描模拟网站…\n');
    const started = Date.now();
    const ticker = setInterval(() => {
      void db.selectFrom('jobs').select(['id', 'status', 'progress']).execute().then((rows) =>
        process.stderr.write(`${Math.round((Date.now() - started) / 1000)}s ${rows.map((r) => `#${r.id} ${r.status} ${r.progress}`).join(' · ')}\n`));
    }, 15_000);
    await platform.platform.jobs.idle();
    clearInterval(ticker);
    await shoot(platform.url);
  } finally {
    await platform.close();
    for (const s of sites) await s.close();
  }
}

async function shoot(url: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchBrowser();
  try {
    const sup = await openPage(browser);
    await login(sup.page, url, 'admin', PASSWORD);
    await sup.page.locator('[data-test="overview-table"] [data-test="verdict"]').first().waitFor();
    await sup.page.waitForTimeout(1500); // charts animate in
    await sup.page.screenshot({ path: join(OUT, 'dashboard-supervisor.png') });

    await sup.page.locator('[data-test="overview-table"] a', { hasText: '临江市人民政府门户网站' }).click();
    await sup.page.locator('[data-test="findings"]').waitFor();
    await sup.page.waitForTimeout(800);
    await sup.page.screenshot({ path: join(OUT, 'dashboard-site.png') });

    const unit = await openPage(browser);
    await login(unit.page, url, 'jiangbei', PASSWORD);
    await unit.page.locator('[data-test="overview-table"] [data-test="verdict"]').first().waitFor();
    await unit.page.waitForTimeout(1500);
    await unit.page.screenshot({ path: join(OUT, 'dashboard-unit.png') });
    process.stderr.write(`截图已写入 ${OUT}\n`);
  } finally {
    await browser.close();
  }
}

await main();
