// no-ipv6: the site has no AAAA record, or cannot be reached over IPv6 (IPv6 改造, 功能设计).
import type { SiteCheck } from '../types.js';
import { describeOutcome } from './outcomes.js';
import { makeFinding } from './util.js';

export const noIpv6Check: SiteCheck<'no-ipv6'> = {
  id: 'no-ipv6',
  scope: 'site',
  run(site) {
    const v6 = site.probe.ipv6;
    const hasAaaa = v6.aaaa.length > 0;
    if (hasAaaa && v6.connected) return [];
    const message = !hasAaaa
      ? `域名 ${v6.host} 没有 IPv6 地址（AAAA 记录），网站不支持 IPv6 访问`
      : `域名 ${v6.host} 有 IPv6 地址，但通过 IPv6 无法访问网站（${describeOutcome(v6.outcome ?? 'error', 0)}）`;
    return [
      makeFinding({
        check: 'no-ipv6',
        url: site.rootUrl,
        evidence: hasAaaa ? `AAAA：${v6.aaaa.join(', ')}；IPv6 连接失败${v6.error ? `：${v6.error.slice(0, 120)}` : ''}` : `${v6.host} 无 AAAA 记录`,
        message,
        advice: '完成网站 IPv6 改造：为域名配置 AAAA 记录，确保首页及二、三级页面均可通过 IPv6 正常访问',
        detail: { aaaa: v6.aaaa.slice(0, 8), connected: v6.connected, ...(v6.outcome ? { outcome: v6.outcome } : {}) },
      }),
    ];
  },
};
