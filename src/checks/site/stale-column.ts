// stale-column: a column that should update whose newest item is older than its type allows
// (news 2 weeks, 通知公告/政策文件 6 months, 人事/规划 1 year). Undated-only columns count as stale.
import { daysBetween, isValidYmd, shanghaiDate, type ColumnType } from '../../domain/index.js';
import type { SiteCheck } from '../types.js';
import { judgedNow, makeFinding } from './util.js';

/** Column types the rules expect to update; 'other' and the interaction kinds are not judged here. */
export const SHOULD_UPDATE_TYPES: ReadonlySet<ColumnType> = new Set(['news', 'notice', 'policy', 'personnel', 'planning']);

const TYPE_TEXT: Partial<Record<ColumnType, string>> = {
  news: '动态要闻类', notice: '通知公告类', policy: '政策文件类', personnel: '人事信息类', planning: '规划计划类',
};

export const staleColumnCheck: SiteCheck = {
  id: 'stale-column',
  scope: 'site',
  run(site, ctx) {
    const today = shanghaiDate(judgedNow(site, ctx));
    const limits = ctx.config.checks.columnStaleDays as Record<string, number>;
    const out = [];
    for (const col of site.columns) {
      if (!SHOULD_UPDATE_TYPES.has(col.type)) continue;
      if (col.itemCount === 0) continue; // a blank column is the empty-column finding; never both
      const limit = limits[col.type];
      if (!limit) continue;
      const levelText = col.level === 1 ? '一级' : '二级';
      const typeText = TYPE_TEXT[col.type] ?? '';
      const base = { column: col.name, type: col.type, level: col.level, limitDays: limit, itemCount: col.itemCount };
      const advice = `${typeText}栏目应在 ${limit} 天内更新，条目须注明发布时间；确无新内容的栏目应合并或撤销`;
      const newest = isValidYmd(col.newestDate) && col.newestDate <= today ? col.newestDate : undefined;
      if (!newest) {
        out.push(
          makeFinding({
            check: 'stale-column',
            severity: 'major',
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
          severity: 'major',
          url: col.url,
          evidence: `栏目「${col.name}」最新信息日期：${newest}`,
          message: `${levelText}${typeText}栏目「${col.name}」已 ${days} 天未更新（超过 ${limit} 天）`,
          advice,
          detail: { ...base, days, newest },
        }),
      );
    }
    return out;
  },
};
