// DNS for the fetcher: a `lookup` for net/tls.connect that honours the `crawl.hosts` map and
// `crawl.hostsOnly`. With hostsOnly an unmapped host fails as ENOTFOUND without asking any resolver,
// which keeps tests, the demo and benchmarks on loopback.
import dns from 'node:dns';
import { isIP } from 'node:net';

export interface LookupAddress {
  address: string;
  family: 4 | 6;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: dns.LookupOptions | number | LookupCallback, callback?: LookupCallback) => void;

/** Lower-cased host without brackets or trailing dot. */
export function normaliseHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  const err = new Error(`getaddrinfo ENOTFOUND ${hostname}`) as NodeJS.ErrnoException;
  err.code = 'ENOTFOUND';
  err.syscall = 'getaddrinfo';
  (err as NodeJS.ErrnoException & { hostname?: string }).hostname = hostname;
  return err;
}

/** Builds the host map once: host → addresses with their family, in configured order. */
export function buildHostMap(hosts: Record<string, string[]>): Map<string, LookupAddress[]> {
  const map = new Map<string, LookupAddress[]>();
  for (const [host, ips] of Object.entries(hosts)) {
    const list: LookupAddress[] = [];
    for (const ip of ips) {
      const bare = normaliseHost(ip);
      const family = isIP(bare);
      if (family === 4 || family === 6) list.push({ address: bare, family });
    }
    map.set(normaliseHost(host), list);
  }
  return map;
}

/** Addresses a host maps to: from the map, or `undefined` when the map does not know the host. */
export function mappedAddresses(map: Map<string, LookupAddress[]>, host: string): LookupAddress[] | undefined {
  return map.get(normaliseHost(host));
}

export function createLookup(hosts: Record<string, string[]>, hostsOnly: boolean): LookupFunction {
  const map = buildHostMap(hosts);
  return function lookup(hostname, optionsOrCb, maybeCb) {
    const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb) as LookupCallback;
    const options: dns.LookupOptions =
      typeof optionsOrCb === 'number' ? { family: optionsOrCb } : typeof optionsOrCb === 'object' && optionsOrCb ? optionsOrCb : {};
    const host = normaliseHost(hostname);
    const literal = isIP(host);
    let addresses: LookupAddress[] | undefined;
    if (literal === 4 || literal === 6) addresses = [{ address: host, family: literal }];
    else addresses = map.get(host);

    if (addresses === undefined && !hostsOnly) {
      dns.lookup(hostname, options as dns.LookupAllOptions, callback as unknown as (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void);
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? addresses?.filter((a) => a.family === options.family) : addresses;
    process.nextTick(() => {
      if (!wanted || wanted.length === 0) return callback(notFound(hostname), options.all ? [] : '');
      if (options.all) return callback(null, wanted.slice());
      callback(null, wanted[0].address, wanted[0].family);
    });
  };
}
