// TEST FIXTURE: a published round's snapshot built by hand (the shape src/workflows/rounds produces), a
// city of six sites in four units, and the supervisor's options. Figures here are fixture data, not a
// real city's.
import type { RoundProblem, RoundSiteResult, RoundSnapshot } from '../../../src/domain/round.js';
import { DEFAULT_NOTICE_SETTINGS, type NoticeOptions } from '../../../src/report/notice/options.js';
import type { Store } from '../../../src/store/index.js';

const window = { from: '2024-06-23T16:00:00.000Z', to: '2024-06-30T16:00:00.000Z', probes: 2016, failed: 3, share: 3 / 2016, complete: true, vetoed: false };

function problem(indicator: string, indicatorName: string, message: string, url: string, evidence = ''): RoundProblem {
  return { indicator, indicatorName, kind: 'deduction', check: 'dead-link', url, evidence, message, advice: '请及时整改', source: 'machine' };
}

function site(p: Partial<RoundSiteResult> & Pick<RoundSiteResult, 'websiteId' | 'name' | 'unitId' | 'unitName' | 'verdict'>): RoundSiteResult {
  return {
    url: `https://site${p.websiteId}.example.gov.cn/`, kind: 'department', scanId: 100 + p.websiteId, scannedAt: '2024-06-28T02:00:00.000Z',
    score: 90, vetoes: [], incompleteReasons: [], indicators: [], problems: [], availability: window,
    manual: { done: 5, total: 5 }, findings: { confirmed: 0, dismissed: 0, pending: 0 }, ...p,
  };
}

export function fixtureSnapshot(): RoundSnapshot {
  return {
    schema: 'govpatrol.round/1', id: 7, year: 2024, seq: 6, month: '2024-06', title: '2024年第6次常态检查',
    catalogue: { id: 'liaoning-2019', name: '辽宁省政府网站与政务新媒体检查指标（辽政办公开〔2019〕15号）', basis: '辽政办公开〔2019〕15号' },
    deadline: '2024-06-30', inspectors: ['张三'], publishedAt: '2024-07-03T02:00:00.000Z', cutoff: '2024-06-30T16:00:00.000Z',
    sites: [
      site({ websiteId: 1, name: '营口市人民政府门户网站', unitId: 1, unitName: '营口市人民政府办公室', kind: 'portal', verdict: 'qualified', score: 96,
        problems: [problem('L-3', '链接不可用', '首页链接无法访问（HTTP 404）', 'https://site1.example.gov.cn/xxgk/index.html', '/old/notice.html')] }),
      site({ websiteId: 2, name: '营口市教育局网站', unitId: 2, unitName: '营口市教育局', verdict: 'unqualified', score: null, vetoes: ['栏目不更新'],
        problems: [
          problem('V-2', '栏目不更新', '「通知公告」栏目超过6个月未更新', 'https://site2.example.gov.cn/tzgg/'),
          problem('L-3', '链接不可用', '页面链接无法访问（HTTP 500）', 'https://site2.example.gov.cn/a.html', '<a href="/b">办事指南</a>'),
        ] }),
      site({ websiteId: 3, name: '营口市卫生健康委员会网站', unitId: 3, unitName: '营口市卫生健康委员会', verdict: 'unqualified', score: 58,
        problems: [
          problem('L-3', '链接不可用', '页面链接无法访问（超时）', 'https://site3.example.gov.cn/c.html'),
          problem('D-7', '错别字', '「部暑」应为「部署」', 'https://site3.example.gov.cn/d.html', '认真部暑'),
        ] }),
      site({ websiteId: 4, name: '营口市卫生健康委员会（中医药管理局）子站', unitId: 3, unitName: '营口市卫生健康委员会', verdict: 'qualified', score: 88 }),
      site({ websiteId: 5, name: '营口市民政局网站', unitId: 4, unitName: '营口市民政局', verdict: 'incomplete', score: null, scanId: null, scannedAt: null,
        incompleteReasons: ['本期无检查记录'] }),
      site({ websiteId: 6, name: '营口市民政局<script>alert(1)</script>专题', unitId: 4, unitName: '营口市民政局', verdict: 'qualified', score: 100 }),
    ],
    accounts: null,
    messages: {
      received: 12, answered: 11, answeredOnTime: 10, overdue: 1, open: 1,
      byUnit: [
        { unitId: 1, unitName: '营口市人民政府办公室', received: 8, answeredOnTime: 8, overdue: 0 },
        { unitId: 2, unitName: '营口市教育局', received: 4, answeredOnTime: 2, overdue: 1 },
      ],
    },
  };
}

export function fixtureOptions(): NoticeOptions {
  return {
    settings: { ...DEFAULT_NOTICE_SETTINGS, office: '营口市人民政府办公室', docPrefix: '营政办公开' },
    docNumber: { year: 2024, seq: 12 },
    date: '2024-07-05',
    requirements: [
      { heading: '强化日常监管', body: '各地区、各部门要落实网站主办单位主体责任，建立健全日常巡检制度，确保网站内容准确、链接可用。' },
      { heading: '抓好问题整改', body: '对本次检查发现的问题，相关单位要逐项整改，于10个工作日内将整改情况报市政府办公室。' },
    ],
    trend: [
      { label: '2024年第4次', total: 6, qualified: 3, unqualified: 2, incomplete: 1 },
      { label: '2024年第5次', total: 6, qualified: 4, unqualified: 1, incomplete: 1 },
    ],
  };
}

/** A round row of 2024 (month = seq), published with the fixture snapshot (the first 4 sites, all 6 for seq 6), or open. */
export async function insertRound(store: Store, seq: number, status: 'open' | 'published'): Promise<number> {
  const now = new Date().toISOString();
  const row = await store.db.insertInto('rounds').values({
    year: 2024, seq, month: `2024-${String(seq).padStart(2, '0')}`, title: `2024年第${seq}次常态检查`, scope: '{}', deadline: null, inspectors: '[]', status,
    catalogue: 'liaoning-2019', overlays: '[]', cutoff: now, snapshot: null, inputs: null, publishedAt: status === 'published' ? now : null, publishedBy: null, createdAt: now, createdBy: null,
  }).returning('id').executeTakeFirstOrThrow();
  const id = Number(row.id);
  if (status === 'published') {
    // TEST FIXTURE snapshot (test/report/notice/fixture.ts), frozen as the rounds workflow freezes one.
    const snapshot = { ...fixtureSnapshot(), id, seq, month: `2024-${String(seq).padStart(2, '0')}`, sites: fixtureSnapshot().sites.slice(0, seq === 6 ? 6 : 4) };
    await store.db.updateTable('rounds').set({ snapshot: JSON.stringify(snapshot), inputs: JSON.stringify({ sites: [] }) }).where('id', '=', id).execute();
  }
  return id;
}
