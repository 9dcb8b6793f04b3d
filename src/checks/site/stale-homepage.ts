// stale-homepage: the home page's newest dated item is older than the window (2 weeks). A home page that shows
// no dates at all counts as not updated (rules-cn §1.2: 未注明信息发布时间的视为不更新).
import type { SiteCheck } from '../types.js';
import { daysBetween, shanghaiDate } from '../../domain/index.js';
import { judgedNow, makeFinding, newestDate } from './util.js';

export const staleHomepageCheck: SiteCheck<'stale-homepage'> = {
  id: 'stale-homepage',
  scope: 'site',
  run(site, ctx) {
    const home = site.home;
    // An unreachable home page is the availability check's finding, not a staleness one.
    if (!home || home.outcome !== 'ok' || home.status !== 200) return [];
    const limit = ctx.config.checks.homepageStaleDays;
    const today = shanghaiDate(judgedNow(site, ctx));
    const newest = newestDate([...home.listDates, home.pubDate], today);
    const advice = `首页应及时更新，每 ${limit} 天内至少发布新信息，并在信息条目旁注明发布时间（未注明发布时间的视为不更新）`;
    if (!newest) {
      return [
        makeFinding({
          check: 'stale-homepage',
          url: home.url,
          evidence: `首页未发现任何注明发布时间的信息（标题：${home.title}）`,
          message: '首页信息均未注明发布时间，视为首页不更新',
          advice,
          detail: { days: null, newest: null, limitDays: limit },
        }),
      ];
    }
    const days = daysBetween(newest, today) ?? 0;
    if (days <= limit) return [];
    return [
      makeFinding({
        check: 'stale-homepage',
        url: home.url,
        evidence: `首页最新信息日期：${newest}`,
        message: `首页已 ${days} 天未更新（最新信息发布于 ${newest}，超过 ${limit} 天）`,
        advice,
        detail: { days, newest, limitDays: limit },
      }),
    ];
  },
};
