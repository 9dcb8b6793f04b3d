// stale-column: a column that should update whose newest item is older than its type allows
// (news 2 weeks, 通知公告/政策文件 6 months, 人事/规划 1 year), or a 政府信息公开 column typed 'other' that should
// update (财政预决算, 行政执法公示 …) and is older than the "long not updated" limit (default 365 days, UNVERIFIED).
// Undated-only columns count as stale.
import { columnRule, daysBetween, isValidYmd, shanghaiDate, type CheckDetails, type ColumnFacts, type ColumnType } from '../../domain/index.js';
import type { CheckContext, SiteCheck } from '../types.js';
import { judgedNow, makeFinding } from './util.js';

/** Column types the rules expect to update; 'other' and the interaction kinds are not judged here. */
export const SHOULD_UPDATE_TYPES: ReadonlySet<ColumnType> = new Set(['news', 'notice', 'policy', 'personnel', 'planning']);

const TYPE_TEXT: Partial<Record<ColumnType, string>> = {
  news: '动态要闻类', notice: '通知公告类', policy: '政策文件类', personnel: '人事信息类', planning: '规划计划类',
};

interface Judged {
  limit: number;
  typeText: string;
  /** Extra detail: the update rule and 政务公开 category of a long-limit column. */
  extra: Pick<CheckDetails['stale-column'], 'update' | 'category' | 'limitUnverified'>;
}

/** The limit a column is judged by, or undefined when it is not expected to update. */
function judgement(col: ColumnFacts, ctx: CheckContext): Judged | undefined {
  if (SHOULD_UPDATE_TYPES.has(col.type)) {
    const limit = (ctx.config.checks.columnStaleDays as Record<string, number>)[col.type];
    return limit ? { limit, typeText: TYPE_TEXT[col.type] ?? '', extra: { update: 'typed' } } : undefined;
  }
  if (col.type !== 'other') return undefined;
  const rule = columnRule(col.name);
  if (rule.update !== 'long') return undefined;
  return {
    limit: ctx.config.checks.longNotUpdatedDays,
    typeText: `「${rule.category}」类`,
    extra: { update: 'long', category: rule.category, limitUnverified: true },
  };
}

export const staleColumnCheck: SiteCheck<'stale-column'> = {
  id: 'stale-column',
  scope: 'site',
  run(site, ctx) {
    const today = shanghaiDate(judgedNow(site, ctx));
    const out = [];
    for (const col of site.columns) {
      if (col.itemCount === 0) continue; // a blank column is the empty-column finding; never both
      const judged = judgement(col, ctx);
      if (!judged) continue;
      const { limit, typeText } = judged;
      const levelText = col.level === 1 ? '一级' : '二级';
      const base = { column: col.name, type: col.type, level: col.level, limitDays: limit, itemCount: col.itemCount, ...judged.extra };
      const advice =
        judged.extra.update === 'long'
          ? `${typeText}栏目属于应持续更新的政务公开栏目，超过 ${limit} 天（「长期未更新」期限，默认值未核实，可配置）无新信息即为长期未更新；请及时发布，确无内容的应合并或撤销`
          : `${typeText}栏目应在 ${limit} 天内更新，条目须注明发布时间；确无新内容的栏目应合并或撤销`;
      const newest = isValidYmd(col.newestDate) && col.newestDate <= today ? col.newestDate : undefined;
      if (!newest) {
        out.push(
          makeFinding({
            check: 'stale-column',
            url: col.url,
            evidence: `栏目「${col.name}」共 ${col.itemCount} 条信息，均未注明发布时间`,
            message: `${levelText}${typeText}栏目「${col.name}」信息均未注明发布时间，视为不更新`,
            advice,
            detail: { ...base, days: null, newest: null },
          }),
        );
        continue;
      }
      const days = daysBetween(newest, today) ?? 0;
      if (days <= limit) continue;
      out.push(
        makeFinding({
          check: 'stale-column',
          url: col.url,
          evidence: `栏目「${col.name}」最新信息日期：${newest}`,
          message:
            judged.extra.update === 'long'
              ? `${levelText}${typeText}栏目「${col.name}」已 ${days} 天未更新，属于长期未更新（期限 ${limit} 天）`
              : `${levelText}${typeText}栏目「${col.name}」已 ${days} 天未更新（超过 ${limit} 天）`,
          advice,
          detail: { ...base, days, newest },
        }),
      );
    }
    return out;
  },
};
