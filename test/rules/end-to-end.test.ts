// Facts → site checks → rules engine, on hand-built facts of a site with the testsite's planted site-level defects.
import { describe, expect, it } from 'vitest';
import { siteLevelChecks } from '../../src/checks/site/index.js';
import type { CheckFinding } from '../../src/domain/index.js';
import type { PageCheck, SiteCheck } from '../../src/checks/types.js';
import { describeIndicator, loadCatalogue, score } from '../../src/rules/index.js';
import { column, ctx, page, site } from '../checks/site-facts.js';

describe('site checks feed the scorer', () => {
  it('3 stale columns + 1 blank + home dead link + soft 404 + no IPv6/HTTPS → 合格 with deductions', () => {
    const s = site({
      columns: [
        column({ name: '部门动态', newestDate: '2024-05-21' }), // 40 days
        column({ name: '通知公告', type: 'notice', newestDate: '2023-10-30' }), // 8 months
        column({ name: '人事信息', type: 'personnel', newestDate: '2022-06-30' }), // 2 years
        column({ name: '专题专栏', type: 'other', itemCount: 0, newestDate: undefined, url: 'http://www.example.gov.cn/ztzl/' }),
        column({ name: '要闻动态', newestDate: '2024-06-29', url: 'http://www.example.gov.cn/ywdt/' }),
      ].map((c, i) => ({ ...c, url: c.url.replace('/gzdt/', `/c${i}/`) })),
      brokenLinks: [
        { target: 'http://www.example.gov.cn/bad/404.html', outcome: 'http-error', status: 404, internal: true, seenCount: 1,
          seenOn: [{ url: 'http://www.example.gov.cn/', isHome: true, place: 'body', tag: 'a', text: '旧链接' }] },
      ],
    });
    s.probe.soft404 = { ...s.probe.soft404, status: 200, outcome: 'ok' };
    s.probe.ipv6 = { host: s.host, aaaa: [], connected: false };
    s.probe.https = { ...s.probe.https, outcome: 'refused', status: 0 };
    const c = ctx();
    const findings: CheckFinding[] = [];
    for (const check of siteLevelChecks) {
      if (check.scope === 'site') findings.push(...(check as SiteCheck).run(s, c));
    }
    const article = page({ identifiers: { ...page().identifiers, icp: undefined } });
    for (const check of siteLevelChecks) if (check.scope === 'page') findings.push(...(check as PageCheck).run(article, c));

    expect(findings.map((x) => x.check).sort()).toEqual(
      ['dead-link', 'empty-column', 'missing-identifier', 'no-https', 'no-ipv6', 'soft-404', 'stale-column', 'stale-column', 'stale-column'].sort(),
    );
    const cat = loadCatalogue('national-2019', []);
    const r = score(findings, { catalogue: cat, portal: false, noExternalService: false });
    // 可用性 1 + 0.5, IPv6 1, 网站标识 1, 动态要闻 1, 其它栏目 3 (通知公告, 人事信息, 专题专栏), HTTPS 0.
    expect(r).toMatchObject({ verdict: 'qualified', score: 92.5 });
    for (const x of r.findings) {
      expect(x.indicator).not.toBe('');
      expect(describeIndicator(cat, x.indicator).basis).toContain('国办秘函〔2019〕19号');
    }
  });
});
