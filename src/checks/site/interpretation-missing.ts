// interpretation-missing: a 政策文件 article without a link to its 解读, or a 解读 page that lacks the labels
// naming who interprets it (解读单位/解读机关, 责任人/解读人, 联系电话).
import { pageColumnName, pageColumnType, type CheckFinding } from '../../domain/index.js';
import type { PageCheck } from '../types.js';
import { isJudgeableHtmlPage, makeFinding } from './util.js';

const LABEL_GROUPS: Array<{ name: string; any: string[] }> = [
  { name: '解读单位', any: ['解读单位', '解读机关', '解读部门'] },
  { name: '责任人', any: ['责任人', '解读人'] },
  { name: '联系电话', any: ['联系电话'] },
];

export const interpretationMissingCheck: PageCheck<'interpretation-missing'> = {
  id: 'interpretation-missing',
  scope: 'page',
  run(page) {
    if (!isJudgeableHtmlPage(page) || page.kind !== 'article') return [];
    const kind = pageColumnType(page);
    const column = pageColumnName(page);
    const out: CheckFinding<'interpretation-missing'>[] = [];
    if (kind === 'policy') {
      // Only links in the body: the site navigation's 「政策解读」 column link is on every page and proves nothing.
      const linked = page.links.some((l) => (l.tag === 'a' || l.tag === 'area') && l.place === 'body' && l.text.includes('解读'));
      if (!linked) {
        out.push(
          makeFinding({
            check: 'interpretation-missing',
            url: page.url,
            evidence: `政策文件「${page.title}」页面未发现指向解读材料的链接`,
            message: `政策文件「${page.title}」未关联解读材料`,
            advice: '政策文件与解读材料应同步起草、同步审签、同步发布，并在文件页与解读页之间相互添加链接',
            detail: { kind: 'policy-without-interpretation', column },
          }),
        );
      }
    } else if (kind === 'interpretation') {
      const missing = LABEL_GROUPS.filter((g) => !g.any.some((label) => page.text.includes(label))).map((g) => g.name);
      if (missing.length > 0) {
        out.push(
          makeFinding({
            check: 'interpretation-missing',
            url: page.url,
            evidence: `解读「${page.title}」正文未发现：${missing.join('、')}`,
            message: `政策解读「${page.title}」缺少${missing.join('、')}等要素`,
            advice: '政策解读应注明解读单位（解读机关）、责任人（解读人）和联系电话，便于公众咨询',
            detail: { kind: 'interpretation-without-labels', missing, column },
          }),
        );
      }
    }
    return out;
  },
};
