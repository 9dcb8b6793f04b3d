// Keeps Chromium on a leash: host names resolve only to the mapped addresses (resolver rules), every
// request of a rendered tab passes a filter that fails hosts outside the map, and whatever is not for a
// mapped host goes to a proxy that refuses it (WebSockets and IP literals too, which no resolver rule
// covers). Several layers, so that a mistake in one still never reaches the internet.
import { createServer, type AddressInfo } from 'node:net';

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

/** The per-context proxy settings that send every request not for a mapped host (whatever its protocol —
 *  WebSockets, IP literals, requests of workers and frames in other processes) to a proxy that refuses it.
 *  Loopback is not exempt (Chromium exempts it unless told `<-loopback>`). Undefined without hostsOnly. */
export function refusingProxyRules(hosts: Record<string, string[]>, hostsOnly: boolean, proxyUrl: string): { proxyServer: string; proxyBypassList: string } | undefined {
  if (!hostsOnly) return undefined;
  const bypass = Object.keys(hosts).filter((h) => HOST_NAME.test(h) || IPV4.test(h) || /^\[[0-9a-f:]+\]$/i.test(h)).map((h) => h.toLowerCase());
  return { proxyServer: proxyUrl, proxyBypassList: ['<-loopback>', ...bypass].join(';') };
}

/** A local HTTP proxy that answers every request and tunnel with 403: where refusingProxyRules sends Chromium. */
export async function startRefusingProxy(): Promise<{ url: string; close(): void }> {
  const server = createServer((socket) => {
    socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    socket.on('error', () => undefined);
    socket.setTimeout(5_000, () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => void server.close() };
}
