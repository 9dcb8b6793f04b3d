// availability: the home page could not be opened, or a probe took ≥ the threshold (rules-cn §1.2: ≥ 15 s is a
// failed probe). Reports the failed share so the rules engine can apply the ≥ 5 % veto.
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';
import { describeOutcome } from './outcomes.js';

export const availabilityCheck: SiteCheck<'availability'> = {
  id: 'availability',
  scope: 'site',
  run(site, ctx) {
    const thresholdMs = ctx.config.checks.availabilityThresholdMs;
    const probe = site.probe.availability;
    const attempts = probe.attempts;
    const url = probe.url || site.rootUrl;
    const isFailed = (a: { outcome: string; status: number; ms: number }) =>
      a.outcome !== 'ok' || a.status < 200 || a.status >= 400 || a.ms >= thresholdMs;
    const failed = attempts.filter(isFailed).length;
    const homeUnreachable = site.home === undefined || site.home.outcome !== 'ok' || site.home.status >= 400;
    if (failed === 0 && !(homeUnreachable && attempts.length === 0)) return [];

    // Report the worst attempt: a non-answer before a slow answer.
    const worst =
      attempts.find((a) => a.outcome !== 'ok' || a.status >= 400) ??
      [...attempts].sort((a, b) => b.ms - a.ms)[0] ??
      (site.home ? { outcome: site.home.outcome, status: site.home.status, ms: site.home.ms } : { outcome: 'error' as const, status: 0, ms: 0 });
    const unreachable = attempts.length > 0 ? attempts.every((a) => a.outcome !== 'ok' || a.status >= 400) : true;
    const total = Math.max(attempts.length, 1);
    const failedCount = attempts.length > 0 ? failed : 1;
    const seconds = (worst.ms / 1000).toFixed(1);
    const cause = unreachable
      ? `首页无法访问（${describeOutcome(worst.outcome, worst.status)}）`
      : worst.outcome === 'ok' && worst.ms >= thresholdMs
        ? `首页打开耗时 ${seconds} 秒，超过 ${thresholdMs / 1000} 秒`
        : `首页有探测失败（${describeOutcome(worst.outcome, worst.status)}）`;
    return [
      makeFinding({
        check: 'availability',
        url,
        evidence: attempts.length
          ? attempts.map((a, i) => `第${i + 1}次：${a.outcome} ${a.status} ${a.ms}ms`).join('；')
          : `${worst.outcome} ${worst.status}`,
        message: `${cause}；${total} 次探测中 ${failedCount} 次失败（失败比例 ${Math.round((failedCount / total) * 100)}%）`,
        advice:
          '排查服务器、网络与域名解析，确保首页在 15 秒内可打开；连续监测一周每天不少于 20 次探测、失败比例达 5% 即单项否决，应配置冗余与监控告警',
        detail: { status: worst.status, ms: worst.ms, outcome: worst.outcome, failed: failedCount, attempts: total, thresholdMs, unreachable },
      }),
    ];
  },
};
