import type { CheckFinding, PageFacts } from '../../domain/index.js';
import type { PageCheck, CheckContext } from '../types.js';
import { pageSource, privacyMatches, shorten, where, type TextSource } from './shared.js';

const TYPE_NAMES: Record<string, string> = {
  'id-card': '身份证号码',
  'id-card-15': '15位身份证号码',
  mobile: '手机号码',
  'bank-card': '银行卡号',
};

export function privacyLeakFindings(source: TextSource, ctx: CheckContext, page?: PageFacts): CheckFinding<'privacy-leak'>[] {
  return privacyMatches(source, ctx, page).map(({ first, field, count }) => ({
    check: 'privacy-leak',
    url: source.url,
    evidence: shorten(first.evidence),
    message: `${where(field, source)}公开了未脱敏的${TYPE_NAMES[first.type]}「${first.masked}」`,
    detail: {
      type: first.type,
      masked: first.masked,
      field,
      start: first.start, // exact offsets in the field's text, so an operator can find it without the number being copied here
      end: first.end,
      count,
      ...(source.linkedFrom ? { linkedFrom: source.linkedFrom } : {}),
      advice: `请立即对${TYPE_NAMES[first.type]}去标识化处理（如 ${first.masked}），同时清理搜索引擎快照与附件历史版本。`,
    },
  }));
}

export const privacyLeakCheck: PageCheck<'privacy-leak'> = {
  id: 'privacy-leak',
  scope: 'page',
  run: (page, ctx) => privacyLeakFindings(pageSource(page), ctx, page),
};
