import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { CheckFinding, PageFacts } from '../../src/domain/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { runTextChecksOnAttachment, textChecks } from '../../src/checks/text/index.js';
import { PLANTED_WORDS } from '../../testsite/planted.js';
import { judge } from './judge.js';

const NOW = new Date('2026-11-27T00:00:00Z');

function ctx(): CheckContext {
  return { config: defaultConfig(), now: NOW, rootUrl: 'http://www.linjiang.gov.cn/', resources: new Map() };
}

function page(title: string, text: string, hidden = ''): PageFacts {
  return {
    url: 'http://www.linjiang.gov.cn/a.html', finalUrl: 'http://www.linjiang.gov.cn/a.html', depth: 1, status: 200, outcome: 'ok', ms: 5,
    contentType: 'text/html', charset: 'utf-8', charsetSource: 'header', bytes: 100, title, meta: {}, kind: 'article',
    breadcrumb: [], listDates: [], text, links: [], scripts: [],
    hiddenBlocks: hidden ? [{ reason: 'display:none', text: hidden, markup: '<div style="display:none">', linkCount: 3 }] : [],
    identifiers: { dangzheng: false, jiucuo: false }, search: { form: false }, pagination: [], notes: [],
  };
}

/** The text checks' findings; `detail` read loosely (each test names the fields it expects). */
const run = (p: PageFacts, c = ctx()) =>
  textChecks.flatMap((check) => check.run(p, c)) as Array<CheckFinding & { detail: Record<string, unknown> & { advice: string } }>;

describe('text checks on a page', () => {
  it('turn each planted string into one finding with Chinese message, advice and detail', () => {
    const p = PLANTED_WORDS.privacy;
    const text =
      '这一成就令人震憾。截止目前，全市完成投资十亿元。报名截止日期为12月31日。' +
      '坚决维护中 华 人 民 共 合 国主权，深入推进扫黑险恶专项斗争。欢迎访问网上赌场。' +
      `公示：张某，身份证号${p.idCard}，电话${p.mobile}，账号${p.bankCard}。`;
    const findings = run(page('临江市人民政府', text));
    const by = (id: string) => findings.filter((f) => f.check === id);
    expect(by('typo').map((f) => f.detail.found)).toEqual(['震憾', '截止目前']);
    expect(by('typo').map((f) => f.detail.correct)).toEqual(['震撼', '截至目前']);
    expect(by('wrong-expression').map((f) => f.message)).toEqual([
      '页面出现严重表述错误「中 华 人 民 共 合 国」，应为「中华人民共和国」',
      '页面出现严重表述错误「扫黑险恶」，应为「扫黑除恶」',
    ]);
    expect(by('wrong-expression')[0].detail).toMatchObject({ found: '中 华 人 民 共 合 国', correct: '中华人民共和国', category: '国名' });
    expect(by('sensitive-word').map((f) => f.detail)).toEqual([expect.objectContaining({ list: 'gambling', listName: '赌博', word: '网上赌场' })]);
    expect(by('privacy-leak').map((f) => f.detail.type)).toEqual(['id-card', 'mobile', 'bank-card']);
    for (const f of findings) {
      expect(f).not.toHaveProperty('indicator');
      expect(f).not.toHaveProperty('severity');
      expect(f.detail.advice).toMatch(/[\u4e00-\u9fff]/);
      expect(f.evidence.length).toBeLessThanOrEqual(300);
      expect(f.url).toBe('http://www.linjiang.gov.cn/a.html');
    }
    for (const f of by('privacy-leak')) for (const v of [p.idCard, p.mobile, p.bankCard]) {
      expect(f.evidence).not.toContain(v);
      expect(f.message).not.toContain(v);
      expect(JSON.stringify(f.detail)).not.toContain(v);
    }
    const weighed = judge(findings);
    const severities = (id: string) => weighed.filter((f) => f.check === id).map((f) => f.severity);
    expect(severities('typo')).toEqual(['minor', 'minor']);
    expect(severities('wrong-expression')).toEqual(['veto', 'veto']);
    expect(severities('sensitive-word')).toEqual(['veto']); // gambling
    expect(severities('privacy-leak')).toEqual(['major', 'major', 'major']);
  });

  it('reports a repeated word once per page with a count', () => {
    const findings = run(page('', '场面震憾。'.repeat(50)));
    expect(findings).toHaveLength(1);
    expect(findings[0].detail.count).toBe(50);
  });

  it('leaves title spam to seo-spam and hidden blocks to hidden-link, but checks titles for wording', () => {
    expect(run(page(PLANTED_WORDS.seoTitle, '正文内容', '澳门赌场 百家乐 真人视讯'))).toEqual([]);
    const findings = run(page('关于扫黑险恶工作的通知', '正文提到网上赌场'));
    expect(findings.map((f) => [f.check, f.detail.field])).toEqual([
      ['wrong-expression', 'title'],
      ['sensitive-word', 'text'],
    ]);
    expect(findings[0].message).toBe('页面标题出现严重表述错误「扫黑险恶」，应为「扫黑除恶」');
    expect(findings[1].message).toBe('页面出现赌博类敏感词「网上赌场」');
  });

  it('runs on attachment text with linkedFrom, honouring disabled checks', () => {
    const c = ctx();
    const a = { url: 'http://www.linjiang.gov.cn/attach/1002.xlsx', linkedFrom: 'http://www.linjiang.gov.cn/gs.html', kind: 'xlsx' as const, text: `王某\t${PLANTED_WORDS.privacy.xlsxIdCard}\t${PLANTED_WORDS.privacy.xlsxMobile}\t震憾`, truncated: false };
    const findings = runTextChecksOnAttachment(a, c);
    expect(findings.map((f) => f.check).sort()).toEqual(['privacy-leak', 'privacy-leak', 'typo']);
    for (const f of findings) {
      expect(f.url).toBe(a.url);
      expect(f.detail.linkedFrom).toBe(a.linkedFrom);
    }
    c.config.checks.disabled = ['typo'];
    expect(runTextChecksOnAttachment(a, c).map((f) => f.check)).toEqual(['privacy-leak', 'privacy-leak']);
  });
});
