// Imports chosen texts from the LawRefBook/Laws mirror into corpus/real or corpus/heldout, in the corpus format.
// The only change to the text: the repository's Markdown markup is removed (「# 」「## 」 heading marks, the
// 「<!-- … -->」 markers); every character of the law itself is kept as stored.
// Usage: node tools/corpus/import-lawrefbook.mjs <mirror-git-dir> <commit> <list.tsv>
//   list.tsv: set<TAB>corpus-file-name<TAB>kind<TAB>repository path
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [gitDir, commit, list] = process.argv.slice(2);
for (const line of readFileSync(list, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))) {
  const [set, name, kind, path] = line.split('\t');
  const md = execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const text = md.split('\n').filter((l) => !/^<!--.*-->$/.test(l.trim())).map((l) => l.replace(/^#{1,6}\s+/, '')).join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const date = /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(path)?.[1];
  const header = [
    `# source: https://github.com/LawRefBook/Laws/blob/${commit}/${path}`,
    `# kind: ${kind}`,
    '# status: 法律、法规、规章、司法解释与人民法院发布的案例，依《著作权法》第五条不适用著作权保护；仓库未声明许可证，原文取自国家法律法规数据库（flk.npc.gov.cn）等官方来源',
    ...(date ? [`# date: ${date}`] : []),
    '# retrieved: search tool (fetch of github:LawRefBook/Laws), 2026-12-03; Markdown 标记已去除，文字未改',
  ];
  writeFileSync(`corpus/${set}/${name}.txt`, `${header.join('\n')}\n---\n${text}\n`);
  console.log(set, name, text.length);
}
