// Writes dict/confusion/shapes.tsv: for each character of a leader's name (dict/leaders*.tsv), the characters of real
// government prose (corpus/) that are built the same way and share one of its two components (宝 ⿱宀玉 → 室 ⿱宀至,
// 政 ⿰正攵 → 攻 ⿰工攵). These are the shape slips of 五笔 and handwriting input that published notices name.
// Decompositions: CJK Decomposition Data (Gavin Grover, github.com/amake/cjk-decomp; MIT, among six licences offered).
// Run from the repository root: node tools/lexicon/shapes.mjs PATH/TO/cjk-decomp.txt
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2];
if (!file) throw new Error('usage: node tools/lexicon/shapes.mjs PATH/TO/cjk-decomp.txt');
const HAN = /^[\u4e00-\u9fa5]$/;
const decomp = new Map(); // char → { type, parts }
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = /^(.+?):([a-z0-9]+)(?:\/[a-z])?\((.*)\)/.exec(line.trim());
  if (!m || !HAN.test(m[1])) continue;
  const parts = m[3].split(',').filter(Boolean);
  if (parts.length === 2) decomp.set(m[1], { type: m[2], parts });
}

const prose = new Set();
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) { walk(p); continue; }
    if (f.endsWith('.txt')) for (const c of readFileSync(p, 'utf8')) if (HAN.test(c)) prose.add(c);
  }
};
walk('corpus/real');
walk('corpus/heldout');

const nameChars = new Set();
for (const f of readdirSync('dict').filter((n) => /^leaders.*\.tsv$/.test(n))) {
  for (const row of readFileSync(join('dict', f), 'utf8').split('\n')) {
    if (!row || row.startsWith('#')) continue;
    for (const c of row.split('\t')[0]) if (HAN.test(c)) nameChars.add(c);
  }
}

const lines = [];
for (const c of [...nameChars].sort()) {
  const d = decomp.get(c);
  if (!d) continue;
  const similar = [...prose].filter((o) => {
    if (o === c) return false;
    const e = decomp.get(o);
    return e && e.type === d.type && (e.parts[0] === d.parts[0]) !== (e.parts[1] === d.parts[1]);
  });
  if (similar.length) lines.push(`${c}\t${similar.sort().join('')}`);
}
writeFileSync('dict/confusion/shapes.tsv', `# version: 2026-12-03.1
# 形近字表：字<TAB>与它结构相同、两个部件之一相同的字（宝⿱宀玉 → 室⿱宀至）。只收领导人姓名用字（dict/leaders*.tsv），
# 候选字取自 corpus/real 与 corpus/heldout 的真实政务文本。部件数据：CJK Decomposition Data（Gavin Grover，
# github.com/amake/cjk-decomp，多许可任选，本项目取 MIT）。由 tools/lexicon/shapes.mjs 生成。
${lines.join('\n')}
`);
console.log(nameChars.size, 'name characters,', lines.length, 'with shape neighbours');
