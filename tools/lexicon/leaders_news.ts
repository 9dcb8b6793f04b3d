// Measures the leader checks on dated real text that is not in the test corpus, one file per day, the date in the
// file name: 新闻联播 transcripts (github.com/yuekcc/cctv_news, news/YYYYMMDD.md, 2022-01 onward, crossing the 2022-10
// Party congress and the 2023-03 NPC) and the 外交部 press briefings kept by github.com/changwu/gov_spider
// (exports/YYYY-MM-DD.txt, 2004–2022). Each file is checked as a page published that day; every 领导职务 or 领导人姓名
// finding is printed (each is a false alarm unless the text itself erred). SHIFT=N pretends the pages are N years
// younger, which must make the date rule fire (a check that cannot fail measures nothing).
// Run: npx tsx tools/lexicon/leaders_news.ts /work/.mirror/yuekcc+cctv_news/repo news
//      npx tsx tools/lexicon/leaders_news.ts /work/.mirror/changwu+gov_spider/repo exports
import { execFileSync } from 'node:child_process';
import { defaultConfig } from '../../src/config.js';
import { wrongExpressionCheck } from '../../src/checks/text/wrong-expression.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { PageFacts } from '../../src/domain/index.js';
import { buildTextEngine } from '../../src/text/engine.js';
import { loadDictionaries } from '../../src/text/dictionaries.js';

const [gitDir, folder = 'news'] = process.argv.slice(2);
if (!gitDir) throw new Error('usage: npx tsx tools/lexicon/leaders_news.ts GIT_DIR [FOLDER]');
const DAY = /(\d{4})-?(\d{2})-?(\d{2})\.(?:md|txt)$/;
const shift = Number(process.env.SHIFT ?? 0);
const git = (args: string[], input?: string): Buffer => execFileSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
const files = git(['ls-tree', '-r', '--name-only', 'HEAD', folder]).toString('utf8').split('\n').filter((f) => DAY.test(f));
const texts = git(['cat-file', '--batch'], files.map((f) => `HEAD:${f}\n`).join('')).toString('utf8').split(/^[0-9a-f]{40} blob \d+$/m).slice(1);

const engine = buildTextEngine(loadDictionaries());
const ctx: CheckContext = { config: defaultConfig(), now: new Date(), rootUrl: 'http://news.example/', resources: new Map([['text-engine', engine]]) };
let chars = 0;
let candidates = 0;
const found: string[] = [];
texts.forEach((text, i) => {
  const [, y, m, d] = DAY.exec(files[i])!;
  const pubDate = `${Number(y) + shift}-${m}-${d}`;
  chars += text.length;
  candidates += engine.scan(text).filter((m) => m.leader).length;
  const page = { url: `http://news.example/${pubDate}`, finalUrl: `http://news.example/${pubDate}`, title: '', text, pubDate } as PageFacts;
  for (const f of wrongExpressionCheck.run(page, ctx)) {
    const detail = f.detail as { category: string; correct?: string };
    if (detail.category === '领导职务' || detail.category === '领导人姓名') found.push(`${pubDate} ${detail.category} ${f.evidence} → ${detail.correct}`);
  }
});
console.log(`${files.length} files, ${chars} characters, ${candidates} name–title pairs, ${found.length} findings (SHIFT=${shift})`);
for (const line of found.slice(0, 40)) console.log(line);
