import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTextEngine, getTextEngine } from '../../src/text/engine.js';
import { DictionaryError, loadDictionaries } from '../../src/text/dictionaries.js';
import { defaultConfig } from '../../src/config.js';
import { PLANTED_WORDS } from '../../testsite/planted.js';
import { SENTENCES } from '../../testsite/text.js';

const NOW = new Date('2026-11-27T00:00:00Z');
const dicts = loadDictionaries();
const engine = buildTextEngine(dicts);
const words = (text: string, list?: string) => engine.scan(text).filter((m) => !list || m.list === list).map((m) => m.word);

const tmp = mkdtempSync(join(tmpdir(), 'govpatrol-dict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bundled dictionaries', () => {
  it('load with version headers and hundreds of typo entries', () => {
    expect(dicts.versions['typo.tsv']).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(dicts.entries.filter((e) => e.list === 'typo').length).toBeGreaterThanOrEqual(300);
    expect(new Set(dicts.entries.filter((e) => e.list === 'wrong-expression').map((e) => e.category))).toEqual(
      new Set(['国名', '机构', '政治术语', '涉港澳台', '过时提法']),
    );
    // 领导人姓名 slips are generated from the national list, not typed into wrong-expression.tsv.
    expect(dicts.leaders.filter((l) => l.source.includes('leaders-national.tsv')).length).toBeGreaterThan(100);
  });

  it('no correct form is itself flagged (a correction must not be an error)', () => {
    for (const e of dicts.entries) {
      if (!e.correct) continue;
      const hits = engine.scan(e.correct).filter((m) => m.list === e.list && m.word === e.word);
      expect(hits, `${e.source}: ${e.correct}`).toEqual([]);
    }
  });
});

describe('planted strings', () => {
  it('flags the planted typos and not the decoy', () => {
    for (const t of PLANTED_WORDS.typos) {
      const [m] = engine.scan(`这一成就令人${t.found}，继续努力`).filter((x) => x.list === 'typo');
      expect(m.found).toBe(t.found);
      expect(m.correct).toBe(t.correct);
    }
    for (const decoy of PLANTED_WORDS.typoDecoys) expect(engine.scan(`${decoy}2026年12月31日，截止时间以邮戳为准。`)).toEqual([]);
  });

  it('flags the planted wrong expressions with exact original evidence', () => {
    const text = '全市上下坚决维护中 华 人 民 共 合 国的主权和尊严，深入推进扫黑险恶专项斗争。';
    const found = engine.scan(text).filter((m) => m.list === 'wrong-expression');
    expect(found.map((m) => m.found)).toEqual(PLANTED_WORDS.wrongExpressions.map((w) => w.found));
    expect(found.map((m) => m.correct)).toEqual(PLANTED_WORDS.wrongExpressions.map((w) => w.correct));
    for (const m of found) {
      expect(text.slice(m.start, m.end)).toBe(m.found);
      expect(m.evidence).toContain(m.found);
    }
  });

  it('flags the planted sensitive word and the traditional-character SEO title', () => {
    expect(words('欢迎访问网上赌场，注册即送', 'sensitive')).toEqual(['网上赌场']);
    const title = PLANTED_WORDS.seoTitle;
    const hits = engine.scan(title).filter((m) => m.list === 'sensitive');
    expect(hits.map((m) => m.word)).toEqual(['澳门赌场', '六合彩', '成人视频', '一夜情', '百家乐']);
    expect(hits.map((m) => m.found)).toEqual(['澳門賭場', '六合彩', '成人視頻', '一夜情', '百家樂']);
  });
});

describe('precision', () => {
  it('reports nothing on the clean prose of the synthetic site', () => {
    const prose = SENTENCES.join('');
    expect(engine.scan(prose)).toEqual([]);
    expect(engine.scan(SENTENCES.join(' '))).toEqual([]);
  });

  it('honours unless contexts (overlap and nearby window)', () => {
    expect(words('按装修标准执行')).toEqual([]);
    expect(words('请按装机说明')).toEqual([]);
    expect(words('请按装说明书操作')).toEqual(['按装']);
    expect(words('1912年中华民国成立')).toEqual([]);
    expect(words('中华民国总统')).toEqual(['中华民国']);
    expect(words('平安祥和的节日氛围')).toEqual([]);
    expect(words('依法打击六合彩等赌博违法犯罪活动')).toEqual([]);
    expect(words('发布署名文章')).toEqual([]);
  });

  it('does not join separate words across a space', () => {
    expect(words('网站首页 台湾 政府信息公开')).toEqual([]);
    expect(words('台湾政府')).toEqual(['台湾政府']);
  });

  it('reports a contained match once (苍桑 inside 饱经苍桑)', () => {
    expect(words('一位饱经苍桑的老人')).toEqual(['饱经苍桑']);
  });
});

describe('leaders', () => {
  it('reports a known name next to a listed title as a candidate carrying the terms; the check judges it by date', () => {
    const [m] = engine.scan('示范市副市长张某某主持会议');
    expect(m.category).toBe('领导职务');
    expect(m.found).toBe('示范市副市长张某某');
    expect(m.leader).toMatchObject({ name: '张某某', title: '示范市副市长', terms: [] });
    expect(m.correct).toContain('示范市市长');
    // 王某某 was 市长 until 2021: the terms travel with the match, the engine does not read the clock.
    expect(engine.scan('示范市市长王某某')[0].leader?.terms).toEqual([{ from: '2018-01-01', to: '2021-12-31' }]);
  });
});

describe('deployment dictionaries', () => {
  function writeDir(name: string, files: Record<string, string>): string {
    const dir = join(tmp, name);
    mkdirSync(join(dir, 'sensitive'), { recursive: true });
    for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
    return dir;
  }

  it('loads from checks.dictionaryDir, applies the allow list, and caches the engine', () => {
    const dir = writeDir('ok', {
      'typo.tsv': '# version: 2026-01-01.1\n测式\t测试\n',
      'wrong-expression.tsv': '# version: 2026-01-01.1\n',
      'allow.txt': '# version: 2026-01-01.1\n测式路\n',
    });
    const config = defaultConfig();
    config.checks.dictionaryDir = dir;
    const ctx = { config, now: NOW, rootUrl: 'http://x/', resources: new Map<string, unknown>() };
    const e = getTextEngine(ctx);
    expect(getTextEngine(ctx)).toBe(e);
    expect(e.scan('本次测式顺利').map((m) => m.correct)).toEqual(['测试']);
    expect(e.scan('位于测式路18号')).toEqual([]);
  });

  it('reports malformed lines in Chinese with file and line', () => {
    const noVersion = writeDir('bad1', { 'typo.tsv': '震憾\t震撼\n', 'wrong-expression.tsv': '# version: 1\n' });
    expect(() => loadDictionaries(noVersion)).toThrow(/typo\.tsv:1：.*版本头/);
    const badCols = writeDir('bad2', { 'typo.tsv': '# version: 1\n\n震憾\n', 'wrong-expression.tsv': '# version: 1\n' });
    expect(() => loadDictionaries(badCols)).toThrow(DictionaryError);
    expect(() => loadDictionaries(badCols)).toThrow(/typo\.tsv:3：格式应为/);
    const badLeader = writeDir('bad3', {
      'typo.tsv': '# version: 1\n',
      'wrong-expression.tsv': '# version: 1\n',
      'leaders.tsv': '# version: 1\n张某某\t市长\t2020/01/01\n',
    });
    expect(() => loadDictionaries(badLeader)).toThrow(/leaders\.tsv:2：日期/);
  });
});

describe('enforcement and anti-fraud notices', () => {
  it('do not trigger sensitive words, while spam does', () => {
    expect(words('警惕裸聊敲诈，谨防以一夜情为诱饵的诈骗', 'sensitive')).toEqual([]);
    expect(words('警方破获一起网上赌场案件', 'sensitive')).toEqual([]);
    expect(words('犯罪嫌疑人自制炸弹被当场抓获', 'sensitive')).toEqual([]);
    expect(words('点击进入网上赌场，注册即送体验金。', 'sensitive')).toEqual(['网上赌场']);
    expect(words('多做为民办实事的好事', 'typo')).toEqual([]);
    expect(words('做为一名党员', 'typo')).toEqual(['做为']);
  });
});
