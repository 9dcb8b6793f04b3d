// Column type of a page from its column name and breadcrumb. Page checks see no ColumnFacts, so they classify
// the page's own column with the same vocabulary as the crawl's column model.
import type { PageFacts } from '../../domain/index.js';

export type PageColumnKind = 'policy' | 'interpretation' | 'consultation' | 'other';

const INTERPRETATION = /解读/;
const CONSULTATION = /意见征集|征求意见|征集/;
const POLICY = /政策文件|规范性文件|政府文件|部门文件|政府令|规章|文件/;

export function classifyColumnName(name: string): PageColumnKind {
  // Order matters: 「政策文件解读」 is a 解读 column, 「文件征求意见」 a consultation column.
  if (INTERPRETATION.test(name)) return 'interpretation';
  if (CONSULTATION.test(name)) return 'consultation';
  if (POLICY.test(name)) return 'policy';
  return 'other';
}

/** The page's column name: the stated ColumnName, else the breadcrumb tail that is not a detail marker. */
export function pageColumnName(page: PageFacts): string {
  if (page.columnName) return page.columnName;
  const crumbs = page.breadcrumb.filter((c) => !/^(正文|详情|内容|首页)$/.test(c.trim()));
  return crumbs[crumbs.length - 1] ?? '';
}

export function pageColumnKind(page: PageFacts): PageColumnKind {
  return classifyColumnName(pageColumnName(page));
}

/** Only judge real HTML pages that answered 200 (errors are dead-link / availability matters). */
export function isJudgeableHtmlPage(page: PageFacts): boolean {
  const html = page.contentType === '' || page.contentType === 'text/html' || page.contentType === 'application/xhtml+xml';
  return page.status === 200 && page.outcome === 'ok' && html;
}
