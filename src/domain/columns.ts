// The column (栏目) taxonomy: one vocabulary for the crawl's column model (stale-column, empty-column) and
// for the page checks that judge a page by its column (interpretation-missing, consultation-period).
import type { ColumnType, PageFacts } from './facts.js';

// Order matters: the first matching type wins (政策解读 is interpretation, not policy; 文件征求意见 is consultation).
const TYPE_RULES: ReadonlyArray<readonly [ColumnType, RegExp]> = [
  ['interpretation', /解读/],
  ['consultation', /意见征集|征求意见|征集/],
  ['interaction', /互动|留言|咨询|信箱|问政|来信/],
  ['personnel', /人事|任免/],
  ['planning', /规划|计划|总结/],
  ['notice', /通知|公告|公示|通告/],
  ['policy', /政策文件|文件|规章|规范性文件|政府令|政策/],
  ['news', /动态|要闻|新闻|图片新闻|乡镇动态|工作动态|部门动态|资讯|快讯/],
];

/** The type of a column from its name (whitespace ignored); 'other' when no vocabulary matches. */
export function classifyColumn(name: string): ColumnType {
  const n = name.replace(/\s+/g, '');
  for (const [type, re] of TYPE_RULES) if (re.test(n)) return type;
  return 'other';
}

/** Whether a name uses a type's vocabulary at all, whatever type wins overall (「意见征集解读」 mentions both). */
export function mentionsColumnType(name: string, type: ColumnType): boolean {
  const n = name.replace(/\s+/g, '');
  return TYPE_RULES.some(([t, re]) => t === type && re.test(n));
}

/** The page's column name: the stated ColumnName, else the breadcrumb tail that is not a detail marker. */
export function pageColumnName(page: Pick<PageFacts, 'columnName' | 'breadcrumb'>): string {
  if (page.columnName) return page.columnName;
  const crumbs = page.breadcrumb.filter((c) => !/^(正文|详情|内容|首页)$/.test(c.trim()));
  return crumbs[crumbs.length - 1] ?? '';
}

/** The type of the column a page sits in (page checks see no ColumnFacts). */
export function pageColumnType(page: Pick<PageFacts, 'columnName' | 'breadcrumb'>): ColumnType {
  return classifyColumn(pageColumnName(page));
}
