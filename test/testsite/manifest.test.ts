import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSite, fileForPath, PLANTED_WORDS, plantedStrings, startTestSite, writeSiteToDir, type TestSite } from '../../testsite/index.js';
import { idCheckChar, luhnValid } from '../../testsite/planted.js';
import { withExternalPort } from '../../testsite/site.js';
import { rawGet } from './http.js';

const SITE = 'www.linjiang.gov.cn';
const today = new Date('2025-03-10T02:00:00Z');
let site: TestSite;

/** Text of a served body: HTML decoded by its real charset, OOXML unzipped, PDF as latin1. */
function textOf(body: Buffer, contentType: string): string {
  if (contentType.includes('pdf')) return body.toString('latin1');
  if (contentType.includes('openxmlformats')) {
    const files = unzipSync(new Uint8Array(body));
    return Object.values(files).map((f) => strFromU8(f)).join('\n');
  }
  if (contentType.startsWith('image/')) return '';
  const head = body.subarray(0, 1024).toString('latin1');
  const gbk = /charset=gbk/i.test(contentType) || /charset="gb2312"/i.test(head);
  return new TextDecoder(gbk ? 'gbk' : 'utf-8').decode(body);
}

async function fetchText(url: string, headers: Record<string, string> = {}) {
  const u = new URL(url);
  const r = await rawGet(site.port, u.hostname, u.pathname + u.search, { headers });
  return { status: r.status, text: textOf(r.body, String(r.headers['content-type'] ?? '')) };
}

beforeAll(async () => {
  site = await startTestSite({ today });
});
afterAll(async () => {
  await site.close();
});

describe('testsite manifest', () => {
  it('every manifest URL exists and shows its planted evidence', async () => {
    expect(site.manifest.length).toBe(33);
    const keys = site.manifest.map((d) => JSON.stringify([d.check, d.url, d.target, d.detail]));
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of site.manifest) {
      const page = await fetchText(d.url);
      expect(page.status, d.url).toBe(200);
      if (d.evidence) expect(page.text, `${d.check} ${d.url}`).toContain(d.evidence);
      if (d.check === 'dead-link') {
        const t = new URL(d.target!);
        expect(page.text).toContain(`href="${t.host === `${SITE}:${site.port}` ? t.pathname : d.target}"`);
        if (t.hostname === 'nxdomain.example.org') expect(site.hosts['nxdomain.example.org']).toEqual([]);
        else expect((await fetchText(d.target!)).status).toBeGreaterThanOrEqual(400);
      }
      if (d.detail?.linkedFrom) expect((await fetchText(String(d.detail.linkedFrom))).text).toContain(`href="${new URL(d.url).pathname}"`);
    }
  });

  it('planted details hold on the served pages', async () => {
    const by = (check: string) => site.manifest.filter((d) => d.check === check);
    for (const d of by('stale-column')) {
      const page = await fetchText(d.url);
      const newest = /<span>(\d{4}-\d{2}-\d{2})<\/span>/.exec(page.text)![1];
      const days = (Date.parse('2025-03-10') - Date.parse(newest)) / 86_400_000;
      expect(days).toBe({ 通知公告: 243, 人事信息: 730, 部门动态: 40, 统计数据: 400 }[String(d.detail!.column)]);
    }
    expect((await fetchText(by('empty-column')[0].url)).text).toContain('暂无信息');
    for (const d of by('missing-identifier')) {
      const t = (await fetchText(d.url)).text;
      const has = { icp: t.includes('辽ICP备12345678号'), dangzheng: t.includes('alt="党政机关"'), jiucuo: t.includes('我为政府网站找错') };
      expect(Object.entries(has).filter(([, v]) => !v).map(([k]) => k)).toEqual([d.detail!.which]);
      expect(t).toContain('网站标识码：2108000001');
    }
    const hidden = (await fetchText(by('hidden-link')[0].url)).text;
    expect(hidden.match(/<div style="display:none">(.*?)<\/div>/)![1].match(/spam\.example\.com/g)!.length).toBe(3);
    expect((await fetchText(by('seo-spam')[0].url)).text).toContain(`<title>${PLANTED_WORDS.seoTitle}</title>`);
    const redirect = (await fetchText(by('malicious-redirect')[0].url)).text;
    expect(redirect).toContain('document.referrer');
    expect(redirect).toContain(`window.location.href="${withExternalPort(PLANTED_WORDS.redirectTarget, String(site.port))}"`);
    const consult = (await fetchText(by('consultation-period')[0].url)).text;
    const [, y1, m1, d1, y2, m2, d2] = /征集时间：(\d+)年(\d+)月(\d+)日至(\d+)年(\d+)月(\d+)日/.exec(consult)!.map(Number);
    expect((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000 + 1).toBe(15);
    const policy = (await fetchText(by('interpretation-missing')[0].url)).text;
    expect(policy).not.toContain('相关解读');
    const zcwj = (await fetchText(`${site.url}col/zcwj/index.html`)).text;
    const other = [...zcwj.matchAll(/href="(\/col\/zcwj\/\d{6}\/[^"]+)"/g)].map((m) => m[1]).find((p) => !by('interpretation-missing')[0].url.endsWith(p))!;
    const jdHref = /相关解读：<a href="([^"]+)"/.exec((await fetchText(site.url + other.slice(1))).text)![1];
    const jd = (await fetchText(site.url + jdHref.slice(1))).text;
    for (const label of ['解读单位：', '责任人：', '联系电话：']) expect(jd).toContain(label);
  });

  it('privacy numbers are valid and the decoys are not', async () => {
    const p = PLANTED_WORDS.privacy;
    const d = PLANTED_WORDS.privacyDecoys;
    for (const id of [p.idCard, p.pdfIdCard, p.xlsxIdCard]) {
      expect(id).toMatch(/^210802\d{12}$/);
      expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
      expect(luhnValid(id)).toBe(false);
    }
    expect(luhnValid(p.bankCard)).toBe(true);
    expect(p.bankCard.startsWith('622202123456789012')).toBe(true);
    expect(idCheckChar(d.wrongCheckId.slice(0, 17))).not.toBe(d.wrongCheckId[17]);
    expect(luhnValid(d.wrongCheckId)).toBe(false);
    expect(d.orderNumber).toHaveLength(19);
    expect(luhnValid(d.orderNumber)).toBe(false);
    const page = (await fetchText(site.manifest.find((x) => x.check === 'privacy-leak')!.url)).text;
    for (const decoy of Object.values(d)) expect(page).toContain(decoy);
  });

  it('the clean site carries none of the planted strings, every footer item, and no soft 404', async () => {
    const clean = createSite({ origin: `http://${SITE}:1`, today, defects: false });
    expect(clean.manifest(`http://${SITE}:1`).map((x) => x.check)).toEqual(['no-https', 'no-ipv6']);
    const words = plantedStrings();
    for (const path of clean.allPaths()) {
      const r = clean.render(path, { headers: { 'user-agent': 'Baiduspider' } });
      expect(r.status).toBe(200);
      const text = textOf(r.body, r.headers['content-type']);
      for (const w of words) expect(text.includes(w), `${w} in ${path}`).toBe(false);
      if (r.headers['content-type'].includes('html')) {
        for (const must of ['网站标识码：2108000001', '辽ICP备12345678号', 'alt="党政机关"', '我为政府网站找错', '辽公网安备']) expect(text, path).toContain(must);
      }
    }
    expect(clean.render('/nope.html', { headers: {} }).status).toBe(404);
  });

  it('in the defective site each planted string appears only where the manifest says', async () => {
    const origin = `http://${SITE}:1`;
    const s = createSite({ origin, today });
    const manifest = s.manifest(origin);
    const allowed = new Map<string, Set<string>>();
    const allow = (w: string, path: string) => (allowed.get(w) ?? allowed.set(w, new Set()).get(w)!).add(path);
    for (const d of manifest) if (d.evidence) allow(d.evidence, new URL(d.url).pathname);
    const pathOf = (check: string) => new URL(manifest.find((d) => d.check === check)!.url).pathname;
    for (const t of PLANTED_WORDS.hiddenLinkTexts) allow(t, pathOf('hidden-link'));
    allow(PLANTED_WORDS.redirectTarget, pathOf('malicious-redirect'));
    allow(PLANTED_WORDS.redirectTarget, pathOf('hidden-link')); // prefix of the hidden links' hrefs
    for (const path of s.allPaths()) {
      const r = s.render(path, { headers: {} });
      const text = textOf(r.body, r.headers['content-type']);
      for (const w of plantedStrings()) if (text.includes(w)) expect(allowed.get(w)?.has(path), `${w} in ${path}`).toBe(true);
      if (r.headers['content-type'].includes('html')) {
        const missing = manifest.find((d) => d.check === 'missing-identifier' && d.url === origin + path);
        if (!missing) for (const must of ['辽ICP备12345678号', 'alt="党政机关"', '我为政府网站找错']) expect(text, path).toContain(must);
      }
    }
  });

  it('writeSiteToDir writes the same bytes the server serves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testsite-'));
    try {
      const origin = `http://${SITE}:${site.port}`;
      const res = await writeSiteToDir(dir, { origin, today, pages: 300 });
      expect(res.files).toBe(site.site.pathCount);
      for (const path of ['/', '/col/rsxx/index.html', '/attach/1002.xlsx', '/sitemap.xml']) {
        const served = await rawGet(site.port, SITE, path);
        expect((await readFile(fileForPath(dir, path))).equals(served.body), path).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
