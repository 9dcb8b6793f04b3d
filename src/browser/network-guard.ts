// Keeps Chromium on a leash: host names resolve only to the mapped addresses (resolver rules) and
// every request passes a route filter that aborts hosts outside the map. Both layers, so that a
// mistake in one still never reaches the internet.

const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

/** `--host-resolver-rules` value: MAP each mapped host to its first address; with hostsOnly, nothing else resolves. */
export function hostResolverRules(hosts: Record<string, string[]>, hostsOnly: boolean): string {
  const rules: string[] = [];
  for (const [host, ips] of Object.entries(hosts)) {
    const ip = ips.find((a) => IPV4.test(a) || IPV6.test(a));
    // Names and addresses go into a command-line switch: refuse anything that could smuggle a rule.
    if (!ip || !HOST_NAME.test(host)) continue;
    rules.push(`MAP ${host.toLowerCase()} ${IPV6.test(ip) && ip.includes(':') ? `[${ip}]` : ip}`);
  }
  if (hostsOnly) rules.push('MAP * ~NOTFOUND');
  return rules.join(', ');
}

/** Request filter: http(s)/ws(s) only, and with hostsOnly only to mapped hosts. */
export function requestAllowed(url: string, hosts: Record<string, string[]>, hostsOnly: boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true; // in-page content, no network
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return false;
  if (!hostsOnly) return true;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  return Object.keys(hosts).some((h) => h.toLowerCase() === host);
}
