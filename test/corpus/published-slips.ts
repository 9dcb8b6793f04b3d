// The published one-character slips (corpus/planted/published-slips.tsv), each planted into a real sentence where
// its correct form occurs, for the statistical typo check. Names (吴奇兵, 温家室, 杜家豪) belong to the
// name-variant check and are left out here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, type CorpusText } from './load.js';

export interface SlipCase { wrong: string; correct: string; diffAt: number; text: string; host: string }

const NAMES = new Set(['吴奇兵', '温家室', '杜家豪']);

/** Where corpus/real has no sentence with the correct form: the sentence of the published document, corrected. */
const FALLBACK: Record<string, string> = {
  年货: '春节前夕，村里为困难群众送去了年货和慰问金。',
  急救任务: '接到指令后，急救站立即出车执行急救任务。',
  救护车: '指挥中心第一时间调派救护车赶赴现场。',
  类似事情: '我局将举一反三，坚决杜绝类似事情再次发生。',
};

export function publishedSlipCases(real: CorpusText[]): SlipCase[] {
  return readFileSync(join(CORPUS_DIR, 'planted', 'published-slips.tsv'), 'utf8')
    .split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .filter(([wrong]) => !NAMES.has(wrong))
    .map(([wrong, correct]) => {
      const diffAt = [...wrong].findIndex((ch, i) => ch !== correct[i]);
      const found = hostSentence(real, correct);
      const sentence = found?.sentence ?? FALLBACK[correct];
      if (!sentence) throw new Error(`published-slips: 没有含「${correct}」的句子`);
      return { wrong, correct, diffAt, text: sentence.replace(correct, wrong), host: found?.file ?? '(published document)' };
    });
}

function hostSentence(real: CorpusText[], correct: string): { sentence: string; file: string } | undefined {
  for (const t of real) {
    const sentence = t.text.split(/(?<=[。！？；\n])/).find((s) => s.includes(correct) && s.trim().length >= 8);
    if (sentence) return { sentence: sentence.trim(), file: t.file };
  }
  return undefined;
}
