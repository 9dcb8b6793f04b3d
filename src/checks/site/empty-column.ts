// empty-column: a column with no items at all (空白栏目; ≥ 5 is a 单项否决, veto clause (3)). The column model finds
// every real shape: a list page with no items; a 暂无信息 / 暂无数据 / 没有相关信息 notice; a page with only its pager
// (共0条); a list container with nothing in it. A page counts as a column when it names its column (ColumnName) or
// when the home page, a navigation bar or a home column block links it.
import type { ColumnFacts, EmptyShape } from '../../domain/index.js';
import type { SiteCheck } from '../types.js';
import { clip, makeFinding } from './util.js';

const SHAPE_TEXT: Record<EmptyShape, string> = {
  'empty-list': '列表中没有任何条目',
  'no-data-text': '页面显示无信息提示',
  'pagination-only': '页面只有分页控件，没有任何条目',
  'empty-container': '信息列表容器为空',
};

const LINKED_TEXT = { home: '首页链接的', nav: '导航栏链接的', 'column-name': '' } as const;

function evidenceOf(c: ColumnFacts): string {
  if (!c.empty) return `栏目「${c.name}」无任何信息条目`;
  return clip(`栏目「${c.name}」${SHAPE_TEXT[c.empty.shape]}：${c.empty.evidence}`);
}

export const emptyColumnCheck: SiteCheck<'empty-column'> = {
  id: 'empty-column',
  scope: 'site',
  run(site) {
    return site.columns
      .filter((c) => c.itemCount === 0)
      .map((c) =>
        makeFinding({
          check: 'empty-column',
          url: c.url,
          evidence: evidenceOf(c),
          message: `空白栏目「${c.name}」：${c.empty ? LINKED_TEXT[c.empty.linkedFrom] + '栏目' + SHAPE_TEXT[c.empty.shape] : '栏目下没有任何内容'}`,
          advice: '为空白栏目补充应公开的内容；确无内容可发布的栏目应撤销或与相近栏目合并，不得保留空白栏目',
          detail: {
            column: c.name,
            type: c.type,
            level: c.level,
            ...(c.empty ? { shape: c.empty.shape, linkedFrom: c.empty.linkedFrom } : {}),
          },
        }),
      );
  },
};
