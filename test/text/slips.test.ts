// The statistical typo scorer over the bundled character model (dict/charmodel.bin.gz).
import { describe, expect, it } from 'vitest';
import { bigramLog, bundledCharModel, keysAtLeast, parseCharModel, trigramHash, trigramLogOfHash, type CountTable } from '../../src/text/charmodel.js';
import { findSlips, SLIP_THRESHOLDS } from '../../src/text/slips.js';
import { mayHold, modelFilters, type CountFilter } from '../../src/text/count-filter.js';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { bundledDictionaryDir } from '../../src/text/dictionaries.js';

const model = bundledCharModel();
const slips = (text: string) => findSlips(text, model).map((s) => ({ ...s, at: text.slice(s.start, s.end) }));

describe('findSlips', () => {
  it('finds a one-character slip inside a common phrase, quoting the exact written text', () => {
    const text = '（三）推动农村基础设施提挡升级。继续把基础设施建设重点放在农村。';
    const found = slips(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ written: '挡升', correct: '档升', at: '挡升' });
    expect(found[0].confidence).toBeGreaterThan(0.8);
    expect(found[0].confidence).toBeLessThanOrEqual(1);
  });

  it('finds 扫黑险恶 (a shape slip: 险 for 除) and 秸杆 (a homophone) without any list', () => {
    expect(slips('党中央作出开展扫黑险恶专项斗争的重大决策部署。').map((s) => s.correct)).toEqual(['除恶']);
    expect(slips('根据衡水市秸杆禁烧平台报警信息，本机关予以立案调查。').map((s) => s.correct)).toEqual(['秸秆']);
  });

  it('is silent on the same sentences written correctly', () => {
    expect(slips('（三）推动农村基础设施提档升级。继续把基础设施建设重点放在农村。')).toEqual([]);
    expect(slips('党中央作出开展扫黑除恶专项斗争的重大决策部署。')).toEqual([]);
    expect(slips('根据衡水市秸秆禁烧平台报警信息，本机关予以立案调查。')).toEqual([]);
  });

  it('is silent on names, transliterations and rare but correct words', () => {
    for (const text of [
      '研究中心高级顾问伍尔夫表示，在高收入国家中通胀压力依然较大。',
      '巢湖市政府网站刊发文章《吴启斌先生致富回报乡亲》。',
      '与受害人同村的民警周书东对村里情况熟悉。',
      '河东区翠韵里社区为青年师生开展志愿服务。',
      '根据《北京市人民政府办公厅关于印发通知》（京政办字〔2017〕20号）执行。',
      '弄得倾家荡产，妻离子散。',
    ]) expect(slips(text), text).toEqual([]);
  });

  it('reads traditional characters as simplified and maps the range back to the original text', () => {
    const text = '黨中央作出開展掃黑險惡專項鬥爭的重大決策部署。';
    const found = slips(text);
    expect(found.map((s) => s.correct)).toEqual(['除恶']);
    expect(found[0].at).toBe('險惡');
  });
});

describe('the character model file', () => {
  it('holds the counts, candidates and trigram hashes it declares', () => {
    const m = parseCharModel(readFileSync(join(bundledDictionaryDir(), 'charmodel.bin.gz')));
    expect(m.trainingChars).toBeGreaterThan(20_000_000);
    expect(m.hash).toMatch(/^[0-9a-f]{64}$/);
    const i = (c: string) => m.indexOf[c.charCodeAt(0)] - 1;
    expect(m.unigram[i('的')]).toBeGreaterThan(m.unigram[i('政')]);
    // 政's input-method neighbours include 攻 (same shape), 挡's include 档 (same sound).
    const cands = (c: string) => [...m.candidate.subarray(m.candidateOffset[i(c)], m.candidateOffset[i(c) + 1])].map((k) => m.chars[k]);
    expect(cands('攻')).toContain('政');
    expect(cands('挡')).toContain('档');
    // Real words are sorted for binary search; every bigram is in the table.
    for (let k = 1; k < 1000; k++) expect(m.wordKey[k]).toBeGreaterThan(m.wordKey[k - 1]);
    expect(m.bigrams.codes.length).toBeGreaterThan(500_000);
    expect(trigramHash(1, 2, 3)).not.toBe(trigramHash(3, 2, 1));
  });

  it('answers every bigram and trigram of the file with its count, and gives back exactly the keys it holds', () => {
    const file = fileSections();
    const m = bundledCharModel();
    const tables: [CountTable, Uint32Array, Uint8Array, (key: number) => number][] = [
      [m.bigrams, file.u32('bigramKey'), file.u8('bigramLog'), (key) => bigramLog(m, key >>> 16, key & 0xffff)],
      [m.trigrams, file.u32('trigramHash'), file.u8('trigramLog'), (key) => trigramLogOfHash(m, key)],
    ];
    for (const [table, keys, logs, logOf] of tables) {
      const stored = (key: number) => key !== 0xffffffff;
      let wrong = 0;
      for (let k = 0; k < keys.length; k++) if (stored(keys[k]) && logOf(keys[k]) !== logs[k]) wrong++;
      expect(wrong).toBe(0);
      const sorted = (list: ArrayLike<number>) => Uint32Array.from(list, (key) => key >>> 0).sort();
      const same = (a: Uint32Array, b: Uint32Array) => a.length === b.length && a.every((key, i) => key === b[i]);
      const all = sorted(keys.filter(stored));
      expect(same(sorted(keysAtLeast(table, 0)), all)).toBe(true);
      const common = keys.filter((key, k) => stored(key) && logs[k] >= 16);
      expect(common.length).toBeGreaterThan(1000);
      expect(same(sorted(keysAtLeast(table, 16)), sorted(common))).toBe(true);
      // Keys next to the stored ones are not held: a look-up does not answer for a neighbour.
      const held = (key: number) => { let lo = 0; let hi = all.length - 1; while (lo <= hi) { const mid = (lo + hi) >>> 1; if (all[mid] === key) return true; if (all[mid] < key) lo = mid + 1; else hi = mid - 1; } return false; };
      let strays = 0;
      for (let k = 0; k < 50_000; k++) { const next = (keys[k] + 1) >>> 0; if (!held(next) && logOf(next) !== -1) strays++; }
      expect(strays).toBe(0);
    }
  }, 120_000);
});

/** The raw sections of the bundled model file, read independently of parseCharModel. */
function fileSections() {
  const raw = gunzipSync(readFileSync(join(bundledDictionaryDir(), 'charmodel.bin.gz')));
  const headerLength = raw.readUInt32LE(6);
  const header = JSON.parse(raw.subarray(10, 10 + headerLength).toString('utf8')) as { sections: { name: string; offset: number; bytes: number }[] };
  const bodyStart = 10 + headerLength + (-(10 + headerLength) & 3);
  const body = raw.subarray(bodyStart).slice();
  const section = (name: string) => header.sections.find((s) => s.name === name)!;
  return {
    u32: (name: string) => new Uint32Array(body.buffer, body.byteOffset + section(name).offset, section(name).bytes / 4),
    u8: (name: string) => new Uint8Array(body.buffer, body.byteOffset + section(name).offset, section(name).bytes),
  };
}

describe('the count filters of the slip pass', () => {
  it('hold every bigram and trigram counted at least their minimum, and reject most others', () => {
    const m = bundledCharModel();
    const f = modelFilters(m, SLIP_THRESHOLDS.trigram);
    const check = (table: CountTable, filter: CountFilter) => {
      let above = 0;
      let below = 0;
      let passedBelow = 0;
      const held = new Set(keysAtLeast(table, filter.min));
      for (const key of keysAtLeast(table, 0)) {
        if (held.has(key)) {
          above++;
          if (!mayHold(filter, key)) throw new Error(`filter lost key ${key}`);
        } else {
          below++;
          if (mayHold(filter, key)) passedBelow++;
        }
      }
      expect(above).toBeGreaterThan(100_000);
      expect(passedBelow / below).toBeLessThan(0.15);
    };
    check(m.bigrams, f.bigram);
    check(m.trigrams, f.trigram);
  }, 120_000);
});
