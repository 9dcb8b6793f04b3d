import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { CheckContext } from '../../src/checks/types.js';
import { wrongExpressionCheck } from '../../src/checks/text/wrong-expression.js';
import { buildTextEngine } from '../../src/text/engine.js';
import { loadDictionaries } from '../../src/text/dictionaries.js';
import { meetingNameErrors, nameVariants } from '../../src/text/expression-rules.js';
import { corpusPage } from '../corpus/load.js';

const engine = buildTextEngine(loadDictionaries());
const wrong = (text: string) => engine.scan(text).filter((m) => m.list === 'wrong-expression');

describe('meeting names: Party congress, NPC, CPPCC, plenums', () => {
  it('reports a Party congress written with the NPC name or numbering, with the right form', () => {
    const cases: Array<[string, string]> = [
      ['中国共产党第二十次全国人民代表大会', '中国共产党第二十次全国代表大会（党的代表大会）'],
      ['党的第十九届全国人民代表大会', '党的第十九次全国代表大会（党的代表大会）'],
      ['中国共产党第二十届全国代表大会', '中国共产党第二十次全国代表大会'],
      ['第十四次全国人民代表大会第二次会议', '第十四届全国人民代表大会第二次'],
      ['十四次全国人大三次会议', '十四届全国人大三次会议'],
      ['第十九次中央委员会第四次全体会议', '第十九届中央委员会第四次全体会议'],
      ['党的十九次四中全会', '十九届四中全会'],
      ['中国人民政治协商会议第十四次全国委员会', '政治协商会议第十四届全国委员会'],
    ];
    for (const [text, correct] of cases) {
      const hits = wrong(`会议指出，${text}精神要深入学习。`);
      expect(hits.map((h) => h.correct), text).toContain(correct);
    }
  });

  it('leaves every correct form alone', () => {
    const ok = '中国共产党第二十次全国代表大会、党的二十届三中全会、中国共产党第二十届中央委员会第四次全体会议、' +
      '第十四届全国人民代表大会第三次会议、十四届全国人大常委会第十二次会议、中国人民政治协商会议第十四届全国委员会第二次会议、全国政协十四届三次会议';
    expect(meetingNameErrors(ok)).toEqual([]);
    expect(wrong(ok)).toEqual([]);
  });
});

describe('one-character variants of canonical names', () => {
  it('generates homophone, dropped and swapped variants but never changes the last character', () => {
    const v = nameVariants('最高人民法院', (c) => (c === '民' ? '敏' : c === '院' ? '园' : ''));
    expect(v.map((x) => x.variant)).toEqual(expect.arrayContaining(['最高人敏法院', '最高人法院', '最高民人法院']));
    expect(v.map((x) => x.variant)).not.toContain('最高人民法园');
    expect(v.map((x) => x.variant)).not.toContain('高人民法院');
  });

  it('reports a variant with the canonical name as the correction', () => {
    for (const [text, name] of [
      ['国家卫生建康委员会', '国家卫生健康委员会'],
      ['全国人民代表大会常务委园会', '全国人民代表大会常务委员会'],
      ['中华人民共合国', '中华人民共和国'],
      ['最高人民检查院', '最高人民检察院'],
      ['中央纪律检察委员会', '中央纪律检查委员会'],
      ['国家发展和该革委员会', '国家发展和改革委员会'],
      // Two neighbours swapped (transposition) is caught as well as a changed character.
      ['国家卫生康健委员会', '国家卫生健康委员会'],
      ['最高人民察检院', '最高人民检察院'],
      ['国家金融监督总局', ''],
    ] as const) {
      const got = wrong(`根据${text}的通知要求。`).map((h) => h.correct);
      if (name) expect(got, text).toContain(name);
      else expect(got, text).toEqual([]); // two characters away: not a one-edit variant
    }
  });

  it('does not report a correct name, a piece of one, or a lawful local bureau', () => {
    const ok = '全国人民代表大会常务委员会、国务院办公厅、XX市自然资源局、中国人民政治协商会议全国委员会、县人民政府办公室、国家金融监督管理总局';
    expect(wrong(ok)).toEqual([]);
  });
});

describe('outdated wording, judged by the year the text is written in', () => {
  const ctx = (): CheckContext => ({ config: defaultConfig(), now: new Date('2026-12-02T00:00:00Z'), rootUrl: 'http://x.gov.cn/', resources: new Map() });
  const page = (text: string, date?: string) => corpusPage({ file: 'a.txt', source: 's', kind: 'k', status: 's', date, text });

  it('reports a superseded name in a recent text, with the year it went out of use', () => {
    const f = wrongExpressionCheck.run(page('2024年，国土资源部门与国家林业局联合开展检查。'), ctx());
    expect(f.map((x) => x.detail.found)).toContain('国家林业局');
    expect(f.find((x) => x.detail.found === '国家林业局')?.detail).toMatchObject({ category: '过时提法', since: 2018 });
  });

  it('stays quiet in a text written before the change, or naming the old body as history', () => {
    expect(wrongExpressionCheck.run(page('2016年，国家林业局印发通知。'), ctx())).toEqual([]);
    expect(wrongExpressionCheck.run(page('国家林业局印发通知。', '2015-03-01'), ctx())).toEqual([]);
    expect(wrongExpressionCheck.run(page('2024年，原国家林业局的职责划入自然资源部。'), ctx())).toEqual([]);
  });

  it('reads a superseded name after a foreign state as that state\'s ministry (「意大利文化部」, 「美国农业部」)', () => {
    expect(wrongExpressionCheck.run(page('2025年，总台联合意大利文化部举办展览；美国农业部发布报告。'), ctx())).toEqual([]);
    expect(wrongExpressionCheck.run(page('2025年，文化部发布通知。'), ctx()).map((x) => x.detail.found)).toContain('文化部');
  });
});

describe('涉港澳台 usage', () => {
  it('keeps 「大陆地区」 correct in 「在中国大陆地区上市」 and reports it where 「大陆」 is meant', () => {
    expect(wrong('该药品已在中国大陆地区上市。')).toEqual([]);
    expect(wrong('台湾同胞到大陆地区旅游。').map((h) => h.word)).toContain('大陆地区');
  });
});
