// Writes dict/confusion/homophones.tsv: toneless pinyin → the characters of real government prose that read so.
// Characters come from corpus/ (test and held-out texts) and every dictionary under dict/, so the table covers the
// words inspectors check. Run from the repository root: node tools/lexicon/homophones.mjs
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';

const chars = new Set();
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { if (f !== 'confusion') walk(p); continue; }
    if (!/\.(txt|tsv|json)$/.test(f)) continue;
    for (const c of readFileSync(p, 'utf8')) if (c >= '\u4e00' && c <= '\u9fa5') chars.add(c);
  }
};
walk('corpus');
walk('dict');
const byReading = new Map();
for (const c of chars) {
  for (const r of pinyin(c, { toneType: 'none', type: 'array' })) {
    if (!/^[a-zü]+$/.test(r)) continue;
    if (!byReading.has(r)) byReading.set(r, new Set());
    byReading.get(r).add(c);
  }
}
mkdirSync('dict/confusion', { recursive: true });
const lines = [...byReading].filter(([, s]) => s.size > 1).sort(([a], [b]) => a.localeCompare(b)).map(([r, s]) => `${r}\t${[...s].sort().join('')}`);
writeFileSync('dict/confusion/homophones.tsv', `# version: 2026-12-02.1\n# 同音字表（不计声调）：拼音<TAB>读此音的字。字取自 corpus/ 与 dict/ 中出现的汉字，读音由 pinyin-pro 给出（多音字取常用读音）。\n# 由 tools/lexicon/homophones.mjs 生成，供「一字之差」规则族生成同音替换写法、统计检查生成候选更正。\n${lines.join('\n')}\n`);
console.log(chars.size, 'chars', lines.length, 'readings');
