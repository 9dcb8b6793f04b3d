// empty-column: a column list page with no items at all (空白栏目; ≥ 5 is a 单项否决).
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';

export const emptyColumnCheck: SiteCheck = {
  id: 'empty-column',
  scope: 'site',
  run(site) {
    return site.columns
      .filter((c) => c.itemCount === 0)
      .map((c) =>
        makeFinding({
          check: 'empty-column',
          severity: 'major',
          url: c.url,
          evidence: `栏目「${c.name}」无任何信息条目`,
          message: `空白栏目「${c.name}」：栏目下没有任何内容`,
          advice: '为空白栏目补充应公开的内容；确无内容可发布的栏目应撤销或与相近栏目合并，不得保留空白栏目',
          detail: { column: c.name, type: c.type, level: c.level },
        }),
      );
  },
};
