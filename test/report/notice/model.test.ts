import { describe, expect, it } from 'vitest';
import { buildNotice, plainText, PLACEHOLDER_OPEN } from '../../../src/report/notice/build.js';
import type { Block } from '../../../src/report/notice/model.js';
import { fixtureOptions, fixtureSnapshot } from './fixture.js';

/** The body: everything before the 附件 pages, minus the supervisor's own 下步工作要求 text. */
function bodyText(blocks: Block[]): string {
  const end = blocks.findIndex((b) => b.kind === 'attachment');
  const requirementsStart = blocks.findIndex((b) => b.kind === 'heading1' && b.text.startsWith('二、'));
  const requirementsEnd = blocks.findIndex((b) => b.kind === 'attachmentList');
  return plainText({ blocks: [...blocks.slice(0, requirementsStart), ...blocks.slice(requirementsEnd, end)] } as never);
}

describe('通报 document model', () => {
  const snapshot = fixtureSnapshot();
  const doc = buildNotice(snapshot, fixtureOptions());
  const text = plainText(doc);

  it('has the title, number, addressees and the opening naming inspector, partner, indicators, method and round', () => {
    expect(doc.title).toBe('营口市人民政府办公室关于2024年6月份全市政府网站和政务新媒体监管情况的通报');
    expect(doc.docNumber).toBe('营政办公开〔2024〕12号');
    expect(text).toContain('各县（市）区人民政府，市政府各部门、各派出机构、各直属单位：');
    expect(text).toContain('按照《辽宁省政府网站与政务新媒体检查指标》（辽政办公开〔2019〕15号）要求，市政府办公室会同市大数据管理中心采用技术与人工相结合方式');
    expect(text).toContain('开展了2024年第6次常态检查。现将相关情况通报如下：');
  });

  it('states the website figures from the snapshot and names the unqualified and the unjudged sites', () => {
    expect(text).toContain('本次共检查全市政府网站6个（其中政府门户网站1个、部门网站5个），检查率83.3%。');
    expect(text).toContain('已完成判定的5个网站中，合格3个，不合格2个，合格率60%。');
    expect(text).toContain('不合格网站为：营口市教育局网站（营口市教育局，单项否决：栏目不更新）；营口市卫生健康委员会网站（营口市卫生健康委员会，得分58分）。');
    expect(text).toContain('检查共发现问题5个，较为集中的是链接不可用（3个）');
    expect(text).toContain('另有1个网站检查数据不完整，暂未作出判定，待补充检查后另行通报：营口市民政局网站（营口市民政局，本期无检查记录）');
  });

  it('leaves the new-media section as a placeholder for the supervisor, never a zero', () => {
    const section = text.split('\n').find((l) => l.startsWith('（二）政务新媒体检查情况。'))!;
    expect(section).toContain(PLACEHOLDER_OPEN);
    expect(section).not.toMatch(/\d/);
    expect(doc.placeholders).toHaveLength(1);
    expect(doc.figures.accounts).toBeNull();
  });

  it('states the 找错 figures and names the unit with overdue messages', () => {
    expect(text).toContain('共收到「我为政府网站找错」网民留言12条，已办理答复11条，其中按时答复10条。超期1条，尚未办结1条。存在超期的单位：营口市教育局（1条）。');
  });

  it('numbers the 下步工作要求 and ends with the signature and the 附件', () => {
    expect(text).toContain('（一）强化日常监管。各地区');
    expect(text).toContain('（二）抓好问题整改。');
    expect(text).toContain('附件：1.全市政府网站检查发现问题清单\n2.检查情况统计图\n营口市人民政府办公室\n2024年7月5日');
  });

  it('every number in the body is one the data or the options hold', () => {
    const allowed = new Set([
      '2024', '6', '12', '7', '5', // month, round, number, date
      '2019', '15', // the indicator document (catalogue basis)
      '1', '83.3', '3', '2', '60', '58', // site counts, rates, the failing score
      '11', '10', // 找错: received 12, answered 11, on time 10, overdue 1, open 1
    ]);
    const numbers = bodyText(doc.blocks).match(/\d+(\.\d+)?/g) ?? [];
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter((n) => !allowed.has(n))).toEqual([]);
  });

  it('lists every problem of every site in the 附件 table, in order', () => {
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const expected = snapshot.sites.flatMap((s) => s.problems.map((p) => [s.name, p.indicatorName, p.url]));
    expect(table.rows.map((r) => [r[1], r[3], r[5]])).toEqual(expected);
    expect(table.rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('says when the 找错 data is not held, and when nothing was found', () => {
    const bare = { ...fixtureSnapshot(), messages: null, sites: fixtureSnapshot().sites.map((s) => ({ ...s, problems: [] })) };
    const t = plainText(buildNotice(bare, { ...fixtureOptions(), requirements: [], docNumber: null }));
    expect(t).toMatch(/（三）网友找错办理情况。【待补充：2024年6月「我为政府网站找错」网民留言办理情况/);
    expect(t).toContain('营政办公开〔2024〕【待补充：文号】号');
    expect(t).toContain('二、下步工作要求\n【待补充：');
    expect(t).toContain('本次检查未发现问题。');
  });

  it('charts carry the snapshot counts and the trend ends with this round', () => {
    const byUnit = doc.charts.find((c) => c.id === 'verdicts-by-unit')!;
    expect(byUnit.categories).toEqual(['营口市人民政府办公室', '营口市教育局', '营口市卫生健康委员会', '营口市民政局']);
    expect(byUnit.series.map((s) => s.values)).toEqual([[1, 0, 1, 1], [0, 1, 1, 0], [0, 0, 0, 1]]);
    const trend = doc.charts.find((c) => c.id === 'trend')!;
    expect(trend.categories.at(-1)).toBe('2024年第6次');
    expect(trend.series[0].values).toEqual([3, 4, 3]);
  });
});
