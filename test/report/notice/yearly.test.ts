import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/report/notice/build.js';
import { renderDocument } from '../../../src/report/notice/render.js';
import { buildYearlySite, buildYearlySupervision, NOT_HELD } from '../../../src/report/notice/yearly.js';
import { fixtureSnapshot } from './fixture.js';

const rows = (doc: ReturnType<typeof buildYearlySupervision>) => {
  const t = doc.blocks.find((b) => b.kind === 'table');
  if (t?.kind !== 'table') throw new Error('no table');
  return new Map(t.rows.map((r) => [r[1], r[2]]));
};

describe('yearly reports (§1.6)', () => {
  // Two rounds of the fixture year: June with 找错 data, May without (messages not held that month).
  const june = fixtureSnapshot();
  const may = { ...fixtureSnapshot(), id: 6, seq: 5, month: '2024-05', messages: null, sites: fixtureSnapshot().sites.slice(0, 4) };
  const opts = { office: '营口市人民政府办公室', date: '2025-01-20', noticesIssued: 2 };

  it('the supervisor report states the held figures from the rounds and 未掌握 for the rest, never 0', () => {
    const doc = buildYearlySupervision(2024, [may, june], opts);
    expect(doc.title).toBe('2024年政府网站与政务新媒体监管工作年度报表');
    const r = rows(doc);
    expect(r.get('常态检查次数')).toBe('2次');
    expect(r.get('检查网站数量（去重）')).toBe('6个');
    expect(r.get('累计检查网站（站次）')).toBe('10站次');
    // May: 2 qualified (sites 1, 4), 2 unqualified; June: 3, 2, 1 incomplete.
    expect(r.get('合格／不合格／未判定（站次）')).toBe('5／4／1');
    expect(r.get('合格率（已判定站次）')).toBe('55.6%');
    expect(r.get('发现问题数量')).toBe('10个');
    expect(r.get('检查结果公开（通报）次数')).toBe('2次');
    expect(r.get('收到「我为政府网站找错」留言')).toBe('12条（另有1次检查的数据未掌握）');
    expect(r.get('检查账号（次）')).toBe(NOT_HELD);
    expect(r.get('培训次数／培训人次')).toBe(NOT_HELD);
    for (const v of r.values()) expect(v).not.toMatch(/^0/);
    expect(plainText(doc as never)).toContain('营口市人民政府办公室\n2025年1月20日');
  });

  it('with no rounds held, every figure of the site report but its identity and counts is 未掌握', () => {
    const site = { name: '营口市教育局网站', url: 'https://site2.example.gov.cn/', unitName: '营口市教育局', kind: 'department' as const };
    const empty = rows(buildYearlySite(2024, 2, [], { ...opts, site }));
    expect(empty.get('最近一次检查得分')).toBe(NOT_HELD);
    expect(empty.get('信息发布总数（概况类、政务动态、信息公开目录）')).toBe(NOT_HELD);
    const doc = buildYearlySite(2024, 2, [may, june], { ...opts, site });
    expect(doc.title).toBe('营口市教育局网站2024年政府网站工作年度报表');
    const r = rows(doc);
    expect(r.get('参加常态检查（次）')).toBe('2次');
    expect(r.get('检查发现问题数量')).toBe('4个');
    expect(r.get('合格／不合格／未判定（次）')).toBe('0／2／0');
    expect(r.get('单项否决（次）')).toBe('2次');
    expect(r.get('最近一次检查得分')).toBe('未判定');
    expect(r.get('网站类型')).toBe('部门网站');
  });

  it('comes out as a GB/T 9704 DOCX by the notice machinery', async () => {
    const { body } = await renderDocument(buildYearlySupervision(2024, [may, june], opts), [], 'docx');
    const xml = strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']);
    expect(xml).toContain('2024年政府网站与政务新媒体监管工作年度报表');
    expect(xml).toContain(NOT_HELD);
    expect(xml).toMatch(/w:top="2098"/);
  });
});
