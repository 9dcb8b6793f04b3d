import { describe, expect, it } from 'vitest';
import { loadCatalogue, score } from '../../src/rules/index.js';
import { emptyColumn, f, homeDeadLink, pageDeadLink, staleColumn } from './findings.js';

const national = loadCatalogue('national-2019', []);
const run = (findings: ReturnType<typeof f>[], o: { portal?: boolean; noExternalService?: boolean; awards?: Record<string, number> } = {}) =>
  score(findings, { catalogue: national, portal: o.portal ?? false, noExternalService: o.noExternalService ?? false, awards: o.awards });
const points = (r: ReturnType<typeof run>, code: string) => r.indicators.find((i) => i.code === code)!;

describe('scorer worked examples (national-2019 defaults)', () => {
  it('no findings → 100 分 合格, every catalogue indicator listed, vetoes with 0 points', () => {
    const r = run([]);
    expect(r).toMatchObject({ verdict: 'qualified', score: 100 });
    expect(r.indicators.map((i) => i.code)).toEqual(national.indicators.map((i) => i.code));
    expect(r.indicators.filter((i) => i.kind === 'veto').every((i) => i.points === 0 && !i.triggered)).toBe(true);
  });

  it('无否决项，首页 3 个死链（−3）+ 无 IPv6（−1）→ 96 分 合格', () => {
    const r = run([homeDeadLink(1), homeDeadLink(2), homeDeadLink(3), f('no-ipv6', { aaaa: [], connected: false })]);
    expect(r).toMatchObject({ verdict: 'qualified', score: 96 });
    expect(points(r, 'function.availability')).toMatchObject({ triggered: true, points: 3, findings: 3 });
    expect(points(r, 'function.ipv6')).toMatchObject({ triggered: true, points: 1 });
    expect(r.findings.map((x) => x.indicator)).toEqual(['function.availability', 'function.availability', 'function.availability', 'function.ipv6']);
  });

  it('其他页面死链每个 −0.1；同一目标在多个页面只计一次，已在首页计过的不再计', () => {
    const r = run([homeDeadLink(1), pageDeadLink(1, 1), pageDeadLink(1, 2), pageDeadLink(2, 1), { ...pageDeadLink(1, 3), target: 'http://www.example.gov.cn/bad/1.html' }]);
    expect(points(r, 'function.availability').points).toBe(1.2); // home 1 + p1 0.1 + p2 0.1
    expect(r.score).toBe(98.8);
  });

  it('4 个栏目不更新 → 不否决；5 个 → 否决 不合格', () => {
    const four = ['要闻', '部门动态', '乡镇动态'].map((n) => staleColumn(n, 'news', 1)).concat(staleColumn('通知公告', 'notice', 1));
    const r4 = run(four);
    expect(r4.verdict).toBe('qualified');
    expect(points(r4, 'veto.column-stale').triggered).toBe(false);
    expect(r4.findings.every((x) => x.severity !== 'veto')).toBe(true);
    const r5 = run([...four, staleColumn('政策文件', 'policy', 1)]);
    expect(r5.verdict).toBe('unqualified');
    expect(points(r5, 'veto.column-stale')).toMatchObject({ triggered: true, points: 0, findings: 5 });
    expect(r5.findings.every((x) => x.indicator === 'veto.column-stale' && x.severity === 'veto')).toBe(true);
    // The score is still the deduction score, for information: news 3 + policy 5 + notice 1.
    expect(r5.score).toBe(91);
  });

  it('二级通知公告栏目不计入 2 周/6 个月组合；应更新未更新栏目 ≥10 个才否决', () => {
    const nine = Array.from({ length: 9 }, (_, i) => staleColumn(`人事${i}`, 'personnel', 2));
    expect(run(nine).verdict).toBe('qualified');
    expect(run([...nine, staleColumn('通知', 'notice', 2)]).verdict).toBe('unqualified');
  });

  it('空白栏目 4 个 → 不否决（各 −1）；5 个 → 否决', () => {
    const four = ['一', '二', '三', '四'].map((n) => emptyColumn(`专栏${n}`));
    const r4 = run(four);
    expect(r4).toMatchObject({ verdict: 'qualified', score: 96 });
    expect(run([...four, emptyColumn('专栏五')]).verdict).toBe('unqualified');
  });

  it('一级政策文件栏目 6 个月未更新 −5', () => {
    const r = run([staleColumn('政策文件', 'policy', 1)]);
    expect(r).toMatchObject({ verdict: 'qualified', score: 95 });
    expect(points(r, 'publish.policy')).toMatchObject({ triggered: true, points: 5 });
  });

  it('同一栏目既空白又不更新只扣一次', () => {
    const url = 'http://www.example.gov.cn/tzgg/';
    const r = run([emptyColumn('通知公告', url), staleColumn('通知公告', 'notice', 1, url)]);
    expect(r.score).toBe(99);
    expect(points(r, 'publish.other-columns').points).toBe(1);
  });

  it('单项扣分不超过其分值：首页 10 个死链只扣可用性的 5 分', () => {
    const r = run(Array.from({ length: 10 }, (_, i) => homeDeadLink(i)));
    expect(points(r, 'function.availability').points).toBe(5);
    expect(r.score).toBe(95);
  });

  it('恰好 60 分合格，59 分不合格', () => {
    const sixty = [
      ...Array.from({ length: 6 }, (_, i) => homeDeadLink(i)), // 可用性 5 (capped)
      f('missing-identifier', { which: 'icp' }), f('missing-identifier', { which: 'police' }), f('missing-identifier', { which: 'dangzheng' }), f('missing-identifier', { which: 'site-id-code' }), // 网站标识 3 (capped)
      f('missing-identifier', { which: 'jiucuo' }), // 找错 1
      f('no-search'), // 3
      f('no-ipv6', { aaaa: [], connected: false }), // 1 → 功能设计 13
      ...['要闻', '动态', '乡镇'].map((n) => staleColumn(n, 'news', 1)), // 动态要闻 3
      staleColumn('政策文件', 'policy', 1), // 5  (news + 一级 policy = 4 < 5)
      ...['一', '二', '三', '四'].map((n) => emptyColumn(`专栏${n}`)), // 4 blank < 5
      ...['甲', '乙', '丙', '丁'].map((n) => staleColumn(`人事${n}`, 'personnel', 2)), // other-columns 8 (capped); stale total 8 < 10
      ...[1, 2, 3].map((i) => f('privacy-leak', { type: 'id-card' }, { url: `http://www.example.gov.cn/gs/${i}.html` })), // 5 (capped)
      f('typo', { found: '震憾', correct: '震撼', count: 30 }), // 3 (capped)
      ...[1, 2, 3, 4, 5, 6].map((i) => f('interpretation-missing', { kind: 'interpretation-without-labels' }, { url: `http://www.example.gov.cn/jd/${i}.html` })), // 3 → 发布解读 27
    ];
    const r60 = run(sixty);
    expect(r60.breakdown.lostByBlock).toMatchObject({ function: 13, publish: 27 });
    expect(r60).toMatchObject({ verdict: 'qualified', score: 60 });
    const r59 = run([...sixty, f('interpretation-missing', { kind: 'policy-without-interpretation' })]);
    expect(r59).toMatchObject({ verdict: 'unqualified', score: 59 });
  });

  it('板块扣分不超过板块分值', () => {
    const many = [
      ...Array.from({ length: 5 }, (_, i) => homeDeadLink(i)),
      ...['icp', 'police', 'dangzheng'].map((w) => f('missing-identifier', { which: w })),
      f('missing-identifier', { which: 'jiucuo' }), f('no-search'), f('no-ipv6', { aaaa: [], connected: false }),
    ];
    // The national 功能设计 block (21) is worth more than all its machine-checked indicators together (16), so
    // the cap is reached with a catalogue whose block is worth less than what its indicators lose (13 here).
    const capped = { ...national, blocks: national.blocks.map((b) => (b.code === 'function' ? { ...b, points: 10 } : b)) };
    const r = score(many, { catalogue: capped, portal: false, noExternalService: false });
    expect(r.breakdown.lostByBlock.function).toBe(10);
    expect(r.score).toBe(90);
    expect(run(many).breakdown.lostByBlock.function).toBe(13);
  });

  const lose15 = () => [
    ...Array.from({ length: 5 }, (_, i) => homeDeadLink(i)), // 5
    f('no-search'), // 3
    f('no-ipv6', { aaaa: [], connected: false }), // 1
    f('missing-identifier', { which: 'jiucuo' }), // 1
    staleColumn('政策文件', 'policy', 1), // 5
  ];

  it('门户网站 85 分 + 加分（超过 80 分才计加分，单项不超过分值）', () => {
    expect(run(lose15()).score).toBe(85);
    const r = run(lose15(), { portal: true, awards: { 'bonus.data': 5, 'bonus.search': 9 } });
    expect(r).toMatchObject({ verdict: 'qualified', score: 95 });
    expect(points(r, 'bonus.search')).toMatchObject({ kind: 'bonus', triggered: true, points: 5 });
    // Not a portal: no 加分.
    expect(run(lose15(), { awards: { 'bonus.data': 5 } }).score).toBe(85);
  });

  it('恰好 80 分不计加分；满分门户最多 130 分', () => {
    const lose20 = [...lose15(), ...['一', '二', '三', '四', '五'].map((n) => staleColumn(`人事${n}`, 'personnel', 2))];
    expect(run(lose20, { portal: true, awards: { 'bonus.data': 5 } }).score).toBe(80);
    const all = Object.fromEntries(national.indicators.filter((i) => i.kind === 'bonus').map((i) => [i.code, 100]));
    expect(run([], { portal: true, awards: all }).score).toBe(130);
  });

  it('无对外服务职能 ×4/3：非办事服务扣 15 分 → (75 − 15) × 4/3 = 80 分', () => {
    const r = run(lose15(), { noExternalService: true });
    expect(r.score).toBe(80);
    expect(r.breakdown.scaled).toBe(true);
    expect(run(lose15()).breakdown.scaled).toBe(false);
    expect(r.indicators.filter((i) => i.code.startsWith('service.')).every((i) => !i.triggered && i.points === 0)).toBe(true);
    expect(run([], { noExternalService: true }).score).toBe(100);
  });

  it('站点无法访问：失败比例 ≥5% 否决；100 次中 4 次失败只扣可用性', () => {
    const r = run([f('availability', { failed: 1, attempts: 3, status: 0, ms: 0, outcome: 'refused', unreachable: true })]);
    expect(r.verdict).toBe('unqualified');
    expect(r.findings[0]).toMatchObject({ indicator: 'veto.unreachable', severity: 'veto' });
    const r4 = run([f('availability', { failed: 4, attempts: 100, status: 200, ms: 16_000, outcome: 'ok', unreachable: false })]);
    expect(r4).toMatchObject({ verdict: 'qualified', score: 99 });
    expect(r4.findings[0]).toMatchObject({ indicator: 'function.availability', severity: 'major' });
  });

  it('站点无法访问的否决边界：4.9% 不否决，恰好 5.0% 否决；缺少探测次数不否决', () => {
    const probes = (failed: number, attempts: unknown) =>
      run([f('availability', { failed, attempts: attempts as number, status: 200, ms: 16_000, outcome: 'ok', unreachable: false })]);
    expect(points(probes(49, 1000), 'veto.unreachable').triggered).toBe(false);
    expect(probes(49, 1000).verdict).toBe('qualified');
    expect(points(probes(50, 1000), 'veto.unreachable').triggered).toBe(true);
    expect(probes(50, 1000)).toMatchObject({ verdict: 'unqualified', breakdown: { vetoes: ['veto.unreachable'], bonus: 0 } });
    expect(points(probes(1, 0), 'veto.unreachable').triggered).toBe(false);
    expect(points(probes(1, undefined), 'veto.unreachable').triggered).toBe(false);
    expect(points(probes(1, 'x'), 'veto.unreachable').triggered).toBe(false);
  });

  it('首页不更新 → 否决', () => {
    const r = run([f('stale-homepage', { days: 30, newest: '2024-05-01' })]);
    expect(r.verdict).toBe('unqualified');
    expect(r.findings[0].indicator).toBe('veto.homepage-stale');
  });

  it('安全类：严重表述错误、含涉赌涉黄词的暗链、色情赌博词 → 否决；普通暗链、其他词表 → 提示', () => {
    for (const finding of [
      f('wrong-expression', { found: '中华人民共合国', correct: '中华人民共和国' }),
      f('hidden-link', { spam: true, reason: 'display:none' }),
      f('sensitive-word', { list: 'gambling', word: '网上赌场' }),
      f('seo-spam', { where: 'title' }),
    ]) {
      const r = run([finding]);
      expect(r.verdict, finding.check).toBe('unqualified');
      expect(r.findings[0]).toMatchObject({ indicator: 'veto.security', severity: 'veto' });
    }
    const r = run([f('hidden-link', { reason: 'display:none' }), f('sensitive-word', { list: 'political', word: 'x' }), f('malicious-redirect', { via: 'external-script', loader: true })]);
    expect(r).toMatchObject({ verdict: 'qualified', score: 100 });
    expect(r.findings.map((x) => x.indicator)).toEqual(['info', 'info', 'info']);
    // Not vetoed, so the catalogue's severity list decides: hidden links and sensitive words weigh 'major',
    // a suspicious external script that redirects nowhere 'minor'.
    expect(r.findings.map((x) => x.severity)).toEqual(['major', 'major', 'minor']);
  });

  it('错别字逐处扣分并设上限；无 HTTPS 默认 0 分；个人信息泄露每页 −2', () => {
    const r = run([f('typo', { count: 4 }), f('typo', { count: 1 }), f('no-https')]);
    expect(points(r, 'publish.accuracy').points).toBe(0.5);
    expect(points(r, 'function.https')).toMatchObject({ triggered: true, points: 0 });
    expect(r.score).toBe(99.5);
    const p = run([f('privacy-leak', { type: 'mobile' }, { url: 'http://a/1' }), f('privacy-leak', { type: 'id-card' }, { url: 'http://a/1' })]);
    expect(p.score).toBe(98);
  });
});
