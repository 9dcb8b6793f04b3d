// `govpatrol demo` (platform mode): synthetic government sites on loopback (testsite/, loaded dynamically:
// nothing else in src/ imports it), owner units in a hierarchy, seeded users with generated passwords, and
// finished scans — then the dashboard and API on loopback.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanConfig } from '../config.js';
import { mergeConfig } from '../config.js';
import { startPlatform, type Platform } from '../server/platform.js';
import { hashPassword, generatePassword } from '../server/password.js';
import * as inv from '../store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import type { Role, UnitType } from '../store/platform-types.js';
import { seedDemoProbes } from './demo-probes.js';
import { seedDemoRounds } from './demo-rounds.js';
import { seedDemoTasks } from './demo-tasks.js';
import { seedDemoMessages } from './demo-messages.js';

export interface DemoOptions {
  /** Pages of the portal; department sites get fewer. */
  pages?: number;
  browser?: boolean;
  port?: number;
  db?: string;
  log?: (line: string) => void;
}

export interface DemoUser {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  unitName: string | null;
}

export interface Demo {
  platform: Platform;
  url: string;
  users: DemoUser[];
  close(): Promise<void>;
}

interface SiteSpec {
  key: string;
  name: string;
  unit: string;
  kind: 'portal' | 'department';
  pages: number;
  defects: boolean;
  variant?: Record<string, unknown>;
  /** Scanned clean first, then served defaced and scanned again (a hijacked site with a baseline). */
  hijack?: boolean;
  /** Its seeded probe history fails 6% of the probes: the 站点无法访问 veto fires. */
  unreachable?: boolean;
}

const UNITS: Array<{ name: string; type: UnitType; parent?: string; includeSubunits?: boolean }> = [
  { name: '临江市人民政府办公室', type: 'direct' },
  { name: '临江市教育局', type: 'city-dept', parent: '临江市人民政府办公室' },
  { name: '临江市卫生健康委员会', type: 'city-dept', parent: '临江市人民政府办公室' },
  { name: '江北区人民政府', type: 'county', parent: '临江市人民政府办公室', includeSubunits: true },
  { name: '江北区文化旅游局', type: 'other', parent: '江北区人民政府' },
  { name: '临江高新技术产业开发区管委会', type: 'park', parent: '临江市人民政府办公室' },
];

function siteSpecs(pages: number): SiteSpec[] {
  const dept = Math.max(40, Math.round(pages / 3));
  return [
    { key: 'portal', name: '临江市人民政府门户网站', unit: '临江市人民政府办公室', kind: 'portal', pages, defects: true },
    { key: 'edu', name: '临江市教育局网站', unit: '临江市教育局', kind: 'department', pages: dept, defects: true, variant: { staleHome: true } },
    { key: 'health', name: '临江市卫生健康委员会网站', unit: '临江市卫生健康委员会', kind: 'department', pages: dept, defects: false, hijack: true },
    { key: 'jiangbei', name: '江北区人民政府网站', unit: '江北区人民政府', kind: 'department', pages: dept, defects: false },
    { key: 'culture', name: '江北区文化旅游局网站', unit: '江北区文化旅游局', kind: 'department', pages: dept, defects: true, variant: { noSearch: true }, unreachable: true },
  ];
}

const USERS: Array<{ username: string; role: Role; displayName: string; unit: string | null }> = [
  { username: 'admin', role: 'supervisor', displayName: '市政务公开办', unit: null },
  { username: 'inspector', role: 'inspector', displayName: '检查员', unit: null },
  { username: 'jiangbei', role: 'unit', displayName: '江北区网站管理员', unit: '江北区人民政府' },
  { username: 'jiaoyu', role: 'unit', displayName: '教育局网站管理员', unit: '临江市教育局' },
];

const ACCOUNTS = [
  { platform: 'wechat', name: '临江发布', platformId: 'linjiangfabu', unit: '临江市人民政府办公室' },
  { platform: 'weibo', name: '临江发布', platformId: '6012345678', unit: '临江市人民政府办公室' },
  { platform: 'douyin', name: '临江教育', platformId: 'lj_jiaoyu', unit: '临江市教育局' },
  { platform: 'wechat', name: '健康临江', platformId: 'jiankanglinjiang', unit: '临江市卫生健康委员会' },
  { platform: 'wechat', name: '江北发布', platformId: 'jiangbeifabu', unit: '江北区人民政府' },
  { platform: 'toutiao', name: '江北文旅', platformId: 'jb_wenlv', unit: '江北区文化旅游局' },
] as const;

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const log = opts.log ?? (() => {});
  // Loaded here only: the synthetic sites are for the demo, tests and benchmarks, never the platform.
  const testsite = await import('../../testsite/index.js');
  const specs = siteSpecs(opts.pages ?? 200);
  const served = new Map<string, Awaited<ReturnType<typeof testsite.startTestSite>>>();
  const hostsByUrl = new Map<string, Record<string, string[]>>();
  let platform: Platform | undefined;
  const closeAll = async () => {
    await platform?.close();
    await Promise.all([...served.values()].map((s) => s.close()));
  };
  try {
    log(`正在启动 ${specs.length} 个模拟政府网站（仅监听 127.0.0.1）…`);
    for (const spec of specs) {
      const site = await testsite.startTestSite({ pages: spec.pages, defects: spec.defects, variant: spec.variant });
      served.set(spec.key, site);
      hostsByUrl.set(site.url, site.hosts);
    }
    const db = opts.db ?? join(mkdtempSync(join(tmpdir(), 'govpatrol-demo-')), 'demo.sqlite');
    const configure = (website: inv.Website, config: ScanConfig): ScanConfig =>
      mergeConfig(config, {
        // The synthetic hosts resolve to loopback only; nothing leaves this machine.
        crawl: { hosts: hostsByUrl.get(website.url) ?? {}, hostsOnly: true, requestTimeoutMs: 5000, checkExternalLinks: true },
        checks: { availabilityProbes: 2 },
      });
    // Live availability probes continue the seeded history, on loopback only.
    const probeHosts = Object.assign({}, ...hostsByUrl.values()) as Record<string, string[]>;
    platform = await startDemoPlatform({ db, port: opts.port, browser: opts.browser ?? false, configure, probeHosts });
    const store = platform.store;
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);

    const unitIds = new Map<string, number>();
    for (const u of UNITS) {
      const unit = await inv.createUnit(store.db, scope, { name: u.name, type: u.type, parentId: u.parent ? unitIds.get(u.parent)! : null, code: null, contact: null, includeSubunits: Boolean(u.includeSubunits) });
      unitIds.set(u.name, unit.id);
    }
    const websiteIds = new Map<string, number>();
    for (const spec of specs) {
      const site = served.get(spec.key)!;
      const w = await inv.createWebsite(store.db, scope, {
        name: spec.name, url: site.url, unitId: unitIds.get(spec.unit)!, kind: spec.kind, siteCode: spec.kind === 'portal' ? '2108000001' : '', icp: '辽ICP备12345678号', maxPages: spec.pages * 3,
      }, 1000);
      websiteIds.set(spec.key, w.id);
    }
    log('正在写入可用性探测历史（每站每小时一次；江北区文化旅游局网站失败约 6%）…');
    await seedDemoProbes(store.db, specs.map((spec) => ({ websiteId: websiteIds.get(spec.key)!, failing: Boolean(spec.unreachable) })));
    for (const a of ACCOUNTS) await inv.createAccount(store.db, scope, { platform: a.platform, name: a.name, platformId: a.platformId, unitId: unitIds.get(a.unit)!, status: 'active' });
    const users: DemoUser[] = [];
    for (const u of USERS) {
      const password = generatePassword();
      await inv.createUser(store.db, scope, { username: u.username, displayName: u.displayName, role: u.role, unitId: u.unit ? unitIds.get(u.unit)! : null }, await hashPassword(password));
      users.push({ username: u.username, password, role: u.role, displayName: u.displayName, unitName: u.unit });
    }

    log('正在扫描模拟网站（每个网站一个任务，最多同时 2 个）…');
    const demoActor = { ...SYSTEM_ACTOR, username: 'demo' };
    for (const spec of specs) await platform.jobs.enqueueScan(websiteIds.get(spec.key)!, { actor: demoActor, trigger: 'demo' });
    await platform.jobs.idle();
    const hijacked = specs.filter((s) => s.hijack);
    if (hijacked.length) {
      log('模拟网站被篡改后再次扫描（有基线可比）…');
      for (const spec of hijacked) {
        served.get(spec.key)!.reconfigure({ defects: true, variant: { tampered: true } });
        await platform.jobs.enqueueScan(websiteIds.get(spec.key)!, { actor: demoActor, trigger: 'demo' });
      }
      await platform.jobs.idle();
    }
    log('正在写入「我为政府网站找错」留言（各种办理状态，含超期）…');
    await seedDemoMessages(store.db);
    log('正在生成常态检查：上月一轮已完成并发布，本月一轮进行中…');
    const demoRounds = await seedDemoRounds(store.db);
    log('正在下达整改任务（上月检查发现的问题；门户网站另有上期遗留任务已逾期；教育局已反馈一项）…');
    await seedDemoTasks(platform.store, platform.app.platform.tasks, demoRounds.published, [
      { websiteId: websiteIds.get('portal')!, issuedDaysAgo: 35, max: 3 },
    ], { username: 'jiaoyu', unitId: unitIds.get('临江市教育局')! });
    const p = platform;
    return { platform: p, url: p.url, users, close: closeAll };
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }
}

async function startDemoPlatform(o: { db: string; port?: number; browser: boolean; configure(w: inv.Website, c: ScanConfig): ScanConfig; probeHosts: Record<string, string[]> }): Promise<Platform> {
  const base = {
    url: o.db, host: '127.0.0.1', logger: false, schedules: false, scan: { browser: o.browser, configure: o.configure },
    probes: { hosts: o.probeHosts, hostsOnly: true },
  } as const;
  try {
    return await startPlatform({ ...base, port: o.port ?? 8080 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || o.port !== undefined) throw err;
    return startPlatform({ ...base, port: 0 }); // 8080 taken: any free port
  }
}
