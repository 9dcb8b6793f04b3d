// End to end over the synthetic site (rendered in-process, facts from the crawl extractor): the text
// checks must report exactly the planted text defects, and nothing anywhere else.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import type { CheckFinding } from '../../src/domain/index.js';
import { runTextChecksOnAttachment, textChecks } from '../../src/checks/text/index.js';
import { extractAttachmentText } from '../../src/text/attachments.js';
import { maskValue } from '../../src/text/privacy.js';
import { createSite } from '../../testsite/index.js';

const ORIGIN = 'http://www.linjiang.gov.cn';
const TEXT_CHECKS = new Set(['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak']);

describe('text checks on the synthetic site', () => {
  it('find every planted text defect and nothing else', async () => {
    const now = new Date();
    const site = createSite({ origin: ORIGIN, pages: 300, today: now });
    const ctx = { config: defaultConfig(), now, rootUrl: `${ORIGIN}/`, resources: new Map<string, unknown>() };
    const findings: CheckFinding[] = [];
    const attachments: Array<{ url: string; body: Buffer; type: string }> = [];
    const linkedFrom = new Map<string, string>();
    let pages = 0;
    for (const path of site.allPaths()) {
      const url = ORIGIN + path;
      const r = site.render(path, { headers: {} });
      const type = r.headers['content-type'] ?? '';
      if (r.status !== 200) continue;
      if (!type.startsWith('text/html')) {
        if (/pdf|sheet|word|excel/.test(type)) attachments.push({ url, body: r.body, type });
        continue;
      }
      pages++;
      const facts = extractFacts(
        {
          url, finalUrl: url, depth: 1, isHome: path === '/', contentTypeHeader: type, maxTextChars: 200_000, now,
          fetch: { url, finalUrl: url, redirects: [], outcome: 'ok', status: 200, ms: 1, headers: {}, contentType: 'text/html', bytes: r.body.length },
        },
        r.body,
      );
      for (const l of facts.links) if (/\.(pdf|xlsx|docx|xls)$/.test(l.url)) linkedFrom.set(l.url, url);
      for (const check of textChecks) findings.push(...check.run(facts, ctx));
    }
    for (const a of attachments) {
      const t = await extractAttachmentText(a.body, a.type, a.url, { maxChars: 200_000, timeoutMs: 10_000 });
      expect(t.error, a.url).toBeUndefined();
      findings.push(...runTextChecksOnAttachment({ url: a.url, linkedFrom: linkedFrom.get(a.url) ?? '', kind: t.kind, text: t.text, truncated: t.truncated }, ctx));
    }
    expect(pages).toBeGreaterThan(100);

    const planted = site.manifest(ORIGIN).filter((d) => TEXT_CHECKS.has(d.check));
    const unmatched = [...findings];
    for (const d of planted) {
      // Privacy evidence is masked by design: compare with the masked form of the planted number.
      const evidence = d.check === 'privacy-leak' && d.evidence ? maskValue(d.evidence) : d.evidence;
      const i = unmatched.findIndex(
        (f) => f.check === d.check && f.url === d.url && (!evidence || f.evidence.includes(evidence)) &&
          Object.entries(d.detail ?? {}).every(([k, v]) => (f.detail as Record<string, unknown>)[k] === v),
      );
      expect(i, `未报出：${d.note}（${d.url}）`).toBeGreaterThanOrEqual(0);
      unmatched.splice(i, 1);
    }
    expect(unmatched.map((f) => `${f.check} ${f.url} ${f.evidence}`)).toEqual([]);
  }, 20_000);
});
