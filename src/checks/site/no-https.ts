// no-https: the site does not answer over HTTPS. No national mandate was found (rules-cn §3), so the rules
// engine scores it 0 by default; the finding still tells the operator.
import type { SiteCheck } from '../types.js';
import { describeOutcome } from './outcomes.js';
import { makeFinding } from './util.js';

export const noHttpsCheck: SiteCheck<'no-https'> = {
  id: 'no-https',
  scope: 'site',
  run(site) {
    const h = site.probe.https;
    if (!h.checked || h.outcome === 'ok') return [];
    const reason = describeOutcome(h.outcome, h.status);
    return [
      makeFinding({
        check: 'no-https',
        url: site.rootUrl,
        target: h.httpsUrl,
        evidence: `GET ${h.httpsUrl} → ${h.outcome} ${h.status}${h.error ? `（${h.error.slice(0, 120)}）` : ''}`,
        message: `网站未提供可用的 HTTPS 访问：${reason}`,
        advice: '为网站部署有效的 HTTPS 证书（国密或国际证书），并将 HTTP 访问跳转到 HTTPS',
        detail: { outcome: h.outcome, status: h.status, reason },
      }),
    ];
  },
};
