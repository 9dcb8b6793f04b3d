import { describe, expect, it } from 'vitest';
import { consultationPeriodCheck, interpretationMissingCheck, missingIdentifierCheck } from '../../src/checks/site/index.js';
import { findConsultationPeriod } from '../../src/checks/site/consultation-period.js';
import { judge } from './judge.js';
import { ctx, page } from './site-facts.js';

describe('missing-identifier', () => {
  it('a page with every identifier has no finding', () => {
    expect(missingIdentifierCheck.run(page(), ctx())).toEqual([]);
  });
  it('one finding per missing item, naming which', () => {
    const p = page({ identifiers: { dangzheng: false, jiucuo: false } });
    const fs = missingIdentifierCheck.run(p, ctx());
    expect(fs.map((f) => f.detail.which).sort()).toEqual(['dangzheng', 'icp', 'jiucuo', 'police', 'site-id-code']);
    const dz = fs.find((f) => f.detail.which === 'dangzheng')!;
    expect(dz.detail.advice).toContain('bszs.conac.cn');
    expect(dz.url).toBe(p.url);
  });
  it('ICP missing on the home page is major, on another page minor', () => {
    const ids = { ...page().identifiers, icp: undefined };
    const onHome = missingIdentifierCheck.run(page({ kind: 'home', identifiers: ids }), ctx());
    const onPage = missingIdentifierCheck.run(page({ identifiers: ids }), ctx());
    expect(onHome[0]).toMatchObject({ detail: { which: 'icp', isHome: true } });
    expect(onPage[0]).toMatchObject({ detail: { which: 'icp', isHome: false } });
    // The catalogue weighs a missing mark on the home page heavier.
    expect(judge(onHome)[0]).toMatchObject({ indicator: 'function.identifiers', severity: 'major' });
    expect(judge(onPage)[0]).toMatchObject({ indicator: 'function.identifiers', severity: 'minor' });
  });
  it('the 网站标识码 counts from the SiteIDCode meta too', () => {
    const ids = { ...page().identifiers, siteIdCode: undefined };
    expect(missingIdentifierCheck.run(page({ identifiers: ids, meta: { siteidcode: '2101000001' } }), ctx())).toEqual([]);
    expect(missingIdentifierCheck.run(page({ identifiers: ids }), ctx())[0].detail.which).toBe('site-id-code');
  });
  it('a script-only 找错 entry counts as present; a conac script counts for 党政机关标识', () => {
    const ids = { ...page().identifiers, jiucuo: 'script' as const, dangzheng: 'script' as const };
    expect(missingIdentifierCheck.run(page({ identifiers: ids }), ctx())).toEqual([]);
  });
  it('an empty 找错 placeholder counts only when a jiucuo script is on the page', () => {
    const ids = { ...page().identifiers, jiucuo: 'placeholder' as const };
    const [f] = missingIdentifierCheck.run(page({ identifiers: ids }), ctx());
    expect(f.detail.which).toBe('jiucuo');
    expect(f.message).toContain('空占位');
    const withScript = page({
      identifiers: ids,
      scripts: [{ src: 'https://zfwzgl.www.gov.cn/exposure/jiucuo.js', markup: '<script src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">' }],
    });
    expect(missingIdentifierCheck.run(withScript, ctx())).toEqual([]);
  });
  it('only judges HTML pages that answered 200', () => {
    const ids = { dangzheng: false as const, jiucuo: false as const };
    expect(missingIdentifierCheck.run(page({ identifiers: ids, status: 404, outcome: 'http-error' }), ctx())).toEqual([]);
    expect(missingIdentifierCheck.run(page({ identifiers: ids, contentType: 'application/pdf' }), ctx())).toEqual([]);
  });
});

describe('consultation-period', () => {
  const consult = (text: string, over = {}) => page({ columnName: '意见征集', text, ...over });
  it('15 days with no reason → finding with detail { days, from, to }', () => {
    const [f] = consultationPeriodCheck.run(consult('关于《某某办法（征求意见稿）》公开征求意见的公告。征集时间：2024年5月1日至2024年5月15日。起草说明见附件。'), ctx());
    expect(f.detail).toMatchObject({ days: 15, from: '2024-05-01', to: '2024-05-15' });
    expect(f.evidence).toContain('征集时间');
  });
  it('exactly 30 days (counted inclusively) passes; 29 days does not', () => {
    expect(consultationPeriodCheck.run(consult('征求意见时间为2024年5月1日至5月30日。'), ctx())).toEqual([]);
    expect(consultationPeriodCheck.run(consult('征求意见时间为2024年5月1日至5月29日。'), ctx())[0].detail.days).toBe(29);
  });
  it('a stated reason (情况紧急 / 因…紧急) excuses a short period', () => {
    expect(consultationPeriodCheck.run(consult('征集时间：2024-05-01至2024-05-10。因防汛工作紧急，征求意见期限缩短为10天。'), ctx())).toEqual([]);
    expect(consultationPeriodCheck.run(consult('情况紧急。征集时间：2024-05-01至2024-05-10。'), ctx())).toEqual([]);
  });
  it('a 截止 date counts from the publish date', () => {
    const [f] = consultationPeriodCheck.run(consult('请于2024年5月20日前反馈。意见反馈截止时间：2024年5月20日', { pubDate: '2024-05-11' }), ctx());
    expect(f.detail).toMatchObject({ days: 10, from: '2024-05-11', to: '2024-05-20' });
  });
  it('pages outside an 意见征集 column, or without a stated period, are not judged', () => {
    expect(consultationPeriodCheck.run(page({ columnName: '通知公告', text: '征集时间：2024年5月1日至2024年5月15日' }), ctx())).toEqual([]);
    expect(consultationPeriodCheck.run(consult('欢迎社会各界提出宝贵意见。'), ctx())).toEqual([]);
  });
  it('the minimum comes from the config', () => {
    expect(consultationPeriodCheck.run(consult('征集时间：2024年5月1日至2024年5月15日'), ctx((c) => (c.checks.consultationMinDays = 15)))).toEqual([]);
  });
  it('parses dashed and slashed dates and a year-less end date', () => {
    expect(findConsultationPeriod('征求意见期限：自2024/12/20起至2025/01/05')).toMatchObject({ from: '2024-12-20', to: '2025-01-05', days: 17 });
  });
});

describe('interpretation-missing', () => {
  it('a 政策文件 article without a 解读 link → finding; with one → none', () => {
    const p = page({ columnName: '政策文件', title: '关于印发某某办法的通知' });
    expect(interpretationMissingCheck.run(p, ctx())[0].detail).toMatchObject({ kind: 'policy-without-interpretation' });
    const linked = page({
      columnName: '政策文件',
      links: [{ url: 'http://www.example.gov.cn/zcjd/1.html', href: '/zcjd/1.html', tag: 'a', text: '【图解】某某办法解读', place: 'body' }],
    });
    expect(interpretationMissingCheck.run(linked, ctx())).toEqual([]);
  });
  it('the navigation link to the 政策解读 column does not count as the document\'s 解读', () => {
    const navOnly = page({
      columnName: '政策文件',
      links: [{ url: 'http://www.example.gov.cn/zcjd/', href: '/zcjd/', tag: 'a', text: '政策解读', place: 'nav' }],
    });
    expect(interpretationMissingCheck.run(navOnly, ctx())).toHaveLength(1);
  });
  it('a 解读 page lacking labels names what is missing', () => {
    const p = page({ columnName: '政策解读', text: '一、出台背景……解读机关：某某局 联系电话：024-12345678' });
    const [f] = interpretationMissingCheck.run(p, ctx());
    expect(f.detail).toMatchObject({ kind: 'interpretation-without-labels', missing: ['责任人'] });
    const full = page({ columnName: '政策解读', text: '解读单位：某某局 解读人：王某 联系电话：024-12345678' });
    expect(interpretationMissingCheck.run(full, ctx())).toEqual([]);
  });
  it('list pages and other columns are not judged', () => {
    expect(interpretationMissingCheck.run(page({ columnName: '政策文件', kind: 'list' }), ctx())).toEqual([]);
    expect(interpretationMissingCheck.run(page({ columnName: '工作动态' }), ctx())).toEqual([]);
  });
});
