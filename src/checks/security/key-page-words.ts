// The spam words of the texts the next scan's defacement and cloaking checks will judge if the site has not
// changed, kept in the scan's memo (SpamWordsMemo) while the text engine is built anyway: defacement first judges
// a page against its baseline on the scan after the baseline was taken, so without this an unchanged site's
// first rescan would build the whole text engine (~0.15 s) for texts this scan had in hand.
import type { PageFacts } from '../../domain/index.js';
import type { CheckContext } from '../types.js';
import { viewText } from './cloaking.js';
import { judgedTexts, makeBaseline } from './defacement.js';
import { rememberSpamWords } from './spam.js';

export function rememberKeyPageWords(pages: readonly PageFacts[], ctx: CheckContext): void {
  for (const page of pages) {
    if (page.outcome !== 'ok') continue;
    // Next scan, an unchanged page against the baseline this scan takes of it, and the page's views.
    const { baseline, title, text } = judgedTexts(page, makeBaseline(page, ''));
    for (const judged of [baseline, title, text, viewText(page)]) rememberSpamWords(ctx, judged);
  }
}
