// consultation-period: an 意见征集 item open fewer than consultationMinDays (30) days without a stated reason
// (重大行政决策程序暂行条例: 一般不少于30日, a shorter period must be explained).
// Days are counted inclusively (1月1日至1月30日 = 30 days), the way notices themselves say 「共30天」; this is
// the lenient reading, so a notice that is compliant under either reading is never flagged.
import type { PageCheck } from '../types.js';
import { daysBetween, isValidYmd, mentionsColumnType, pageColumnName } from '../../domain/index.js';
import { isJudgeableHtmlPage, makeFinding } from './util.js';

const DATE = String.raw`(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?`;
const END_DATE = String.raw`(?:(\d{4})\s*[年\-/.]\s*)?(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?`;
const PERIOD = new RegExp(
  String.raw`(?:征集|征求意见|意见征集|反馈意见|意见反馈)(?:的)?(?:时间|期限|日期|时限|期)\s*(?:为|是|：|:)?\s*(?:自|从)?\s*${DATE}\s*(?:\d{1,2}[:：]\d{2}\s*)?(?:起\s*)?(?:至|到|—|－|–|-|~|～)\s*${END_DATE}`,
);
const DEADLINE = new RegExp(String.raw`(?:截止|截至)(?:时间|日期)?\s*(?:为|是|：|:)?\s*${DATE}`);
/** A stated reason for a short period. A plain 「起草说明」 is the draft's explanation, not a reason. */
const REASON = [
  /情况紧急|时间紧迫|时间紧急|工作紧急|任务紧急/,
  /因[^。；\n]{0,40}(?:紧急|急需|特殊|时限|时间要求)/,
  /(?:缩短|少于|不足)[^。；\n]{0,20}(?:原因|理由|说明)/,
  /(?:征集|征求意见)(?:期限|时间)[^。；\n]{0,20}(?:说明|原因|理由)/,
];

function ymd(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export interface ConsultationPeriod {
  from: string;
  to: string;
  days: number;
  evidence: string;
}

/** Finds the stated consultation period in a page's text (and its publish date for a 截止-only notice). */
export function findConsultationPeriod(text: string, pubDate?: string): ConsultationPeriod | undefined {
  const p = PERIOD.exec(text);
  if (p) {
    const from = ymd(p[1], p[2], p[3]);
    const to = ymd(p[4] ?? p[1], p[5], p[6]);
    const diff = daysBetween(from, to);
    if (diff !== undefined && diff >= 0) return { from, to, days: diff + 1, evidence: p[0] };
  }
  const d = DEADLINE.exec(text);
  if (d && isValidYmd(pubDate)) {
    const to = ymd(d[1], d[2], d[3]);
    const diff = daysBetween(pubDate, to);
    if (diff !== undefined && diff >= 0) return { from: pubDate, to, days: diff + 1, evidence: `发布日期 ${pubDate}；${d[0]}` };
  }
  return undefined;
}

export function hasStatedReason(text: string): boolean {
  return REASON.some((r) => r.test(text));
}

export const consultationPeriodCheck: PageCheck<'consultation-period'> = {
  id: 'consultation-period',
  scope: 'page',
  run(page, ctx) {
    if (!isJudgeableHtmlPage(page) || page.kind === 'home' || page.kind === 'list') return [];
    const column = pageColumnName(page);
    const isConsultation = (name: string) => mentionsColumnType(name, 'consultation');
    if (!isConsultation(column) && !page.breadcrumb.some(isConsultation)) return [];
    const minDays = ctx.config.checks.consultationMinDays;
    const period = findConsultationPeriod(page.text, page.pubDate);
    if (!period || period.days >= minDays) return [];
    if (hasStatedReason(page.text)) return [];
    return [
      makeFinding({
        check: 'consultation-period',
        url: page.url,
        evidence: period.evidence,
        message: `意见征集期限仅 ${period.days} 天（${period.from} 至 ${period.to}），少于 ${minDays} 天且未说明理由`,
        advice: `公开征求意见的期限一般不少于 ${minDays} 日；因情况紧急等原因需要缩短期限的，应在征求意见时予以说明`,
        detail: { days: period.days, from: period.from, to: period.to, minDays, column },
      }),
    ];
  },
};
