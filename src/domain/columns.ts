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

// 政府信息公开 columns whose names borrow a typed column's word: 「行政执法公示」 is enforcement records, not a
// 通知公告 column; it updates on the long limit (columnRule).
const NOT_TYPED = /执法公示|行政执法|双随机/;
// A link named after an organisation (「市退役军人事务局」「市自然资源和规划局」) leads to that unit's pages, not to a
// column of the words inside its name.
const ORGANISATION = /(?:局|委|办|办公室|委员会|中心|人民政府|政府|法院|检察院|研究院|管委会|协会|联合会|社|署|厅|部)$/;

/** The type of a column from its name (whitespace ignored); 'other' when no vocabulary matches. */
export function classifyColumn(name: string): ColumnType {
  const n = name.replace(/\s+/g, '');
  if (NOT_TYPED.test(n) || ORGANISATION.test(n)) return 'other';
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

/**
 * How a column is expected to update:
 * - 'typed': its type has its own limit (动态要闻 2 weeks, 通知公告/政策文件 6 months, 人事/规划 1 year …);
 * - 'long': a 政府信息公开 column that never ends (财政预决算, 行政执法公示, 重点领域信息公开 …), typed 'other',
 *   judged against the configurable "long not updated" limit (veto clause (2): 应更新但长期未更新的栏目);
 * - 'static': a column that describes rather than reports (机构职能, 公开指南, 联系我们) and is not expected to update;
 * - 'unknown': a name outside the taxonomy; not judged.
 */
export type ColumnUpdate = 'typed' | 'long' | 'static' | 'unknown';

export interface ColumnRule {
  type: ColumnType;
  update: ColumnUpdate;
  /** The 政务公开 category the name belongs to (「财政预决算」「重点领域信息公开」 …), for 'long' and 'static'. */
  category?: string;
}

// Checked before the 'long' categories: 「政府信息公开指南」 describes, it does not report.
const STATIC_CATEGORIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['政府信息公开指南与制度', /公开指南|公开制度|公开目录|依申请公开|申请公开|公开指引|公开须知/],
  ['机构职能', /机构职能|机构职责|机构设置|职能|职责|领导信息|领导之窗|领导简介|领导分工|内设机构|机构概况|组织机构|单位简介|简介|概况|历史沿革/],
  ['网站服务', /联系我们|联系方式|网站地图|网站声明|隐私|帮助|表格下载|下载中心|办事指南|服务指南/],
];

// 2017《政府网站发展指引》 and the 政府信息公开 directories of 2019 onwards (条例 art. 20–21, 重点领域): columns whose
// content keeps coming. Order matters only for the category label.
const LONG_CATEGORIES: ReadonlyArray<readonly [string, RegExp]> = [
  ['政府信息公开年报', /年报|年度报告|工作报告|年度报表|工作报表/],
  ['政府公报', /公报/],
  ['规范性文件清理', /修订废止|废止|清理结果|文件清理/],
  ['法定主动公开内容', /法定主动公开|主动公开内容|法定公开|主动公开/],
  ['重点领域信息公开', /重点领域|领域信息|重大建设项目|重大项目|社会公益事业|公益事业|回应关切/],
  ['财政预决算', /预决算|预算|决算|财政信息|财政资金|财政收支|财政财务|三公经费|政府债务|专项资金/],
  ['行政执法公示', /执法公示|行政执法|双随机|行政处罚|行政许可|行政检查|行政强制|执法信息|执法结果|执法监督/],
  ['统计信息', /统计/],
  ['审计信息', /审计/],
  ['建议提案办理', /建议提案|提案办理|建议办理|代表建议|委员提案|提案答复|建议答复/],
  ['政府会议', /常务会议|全体会议|政府会议|会议纪要|会议信息/],
  ['应急管理', /应急|突发事件|安全生产|防汛|防灾|减灾/],
  ['政府采购与公共资源', /采购|招标|招投标|公共资源|中标/],
  ['民生领域', /社会救助|社会保障|社保|就业|教育|医疗|卫生健康|住房保障|保障性住房|扶贫|乡村振兴|环境保护|生态环境|环境质量|食品药品|食品安全|价格|收费|征地|征收|拆迁|国有土地|养老|医保|退役军人/],
  ['权责清单', /权责清单|权力清单|责任清单|清单/],
  ['督查督办', /督查|督办|考核/],
  ['工作进展', /进展|落实情况|工作情况|执行情况|实施情况|推进情况|办理情况/],
];

/** The update rule of a column from its name (whitespace ignored). */
export function columnRule(name: string): ColumnRule {
  const type = classifyColumn(name);
  if (type !== 'other') return { type, update: 'typed' };
  const n = name.replace(/\s+/g, '');
  if (ORGANISATION.test(n)) return { type, update: 'unknown' };
  for (const [category, re] of STATIC_CATEGORIES) if (re.test(n)) return { type, update: 'static', category };
  for (const [category, re] of LONG_CATEGORIES) if (re.test(n)) return { type, update: 'long', category };
  return { type, update: 'unknown' };
}
