// Incomplete certificate chains, repaired the way a browser repairs them. Many government servers send
// their certificate without the intermediate that issued it; Node (like curl) then fails with
// UNABLE_TO_VERIFY_LEAF_SIGNATURE, while browsers fetch the issuer named in the certificate's AIA
// extension (caIssuers) and open the site. We do the same, within bounds, once per origin per scan:
//   peer certificate (unverified handshake) → AIA issuer(s), fetched and checked to have signed it →
//   a dispatcher that also knows those intermediates → the request is retried through it.
// Intermediates are not trust anchors (Node does not allow partial chains), so verification still has to
// reach a trusted root: a fetched certificate can complete a chain, never make an untrusted one trusted.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Dispatcher } from 'undici';
import type { TlsChainFact } from '../domain/index.js';
import type { LookupFunction } from './lookup.js';

/** How deep AIA is followed (leaf → intermediate → intermediate …); real chains need one or two. */
const MAX_AIA_DEPTH = 3;
/** Origins repaired per scan; past this a broken chain is only reported. */
const MAX_ORIGINS = 64;
const ISSUER_MAX_BYTES = 64 * 1024;

export interface ChainRepairDeps {
  lookup: LookupFunction;
  connectTimeoutMs: number;
  /** Fetches an AIA URL (bounded size and time, no repair of its own); undefined when it fails. */
  fetchIssuer(url: string, maxBytes: number): Promise<Buffer | undefined>;
  /** A dispatcher that trusts what the fetcher trusts, plus these intermediates (PEM). */
  makeDispatcher(intermediates: string[]): Dispatcher;
}

/** Did the handshake fail because the server sent no issuer for its certificate? */
export function isIncompleteChainCode(codes: readonly string[]): boolean {
  return codes.includes('UNABLE_TO_VERIFY_LEAF_SIGNATURE') || codes.includes('UNABLE_TO_GET_ISSUER_CERT');
}

export class ChainRepairs {
  private readonly attempts = new Map<string, Promise<Dispatcher | undefined>>();
  private readonly repaired = new Map<string, Dispatcher>(); // origin → dispatcher
  private readonly byChain = new Map<string, Dispatcher>(); // intermediates (PEM, joined) → dispatcher
  private readonly issuers = new Map<string, Promise<X509Certificate | string>>(); // AIA URL → cert or why not
  private readonly facts = new Map<string, TlsChainFact>();

  constructor(private readonly deps: ChainRepairDeps) {}

  /** The repaired dispatcher for an origin, once one exists. */
  dispatcherFor(origin: string): Dispatcher | undefined {
    return this.repaired.size === 0 ? undefined : this.repaired.get(origin);
  }

  /** Repairs the chain of `url`'s origin (once per origin; concurrent callers share the attempt). */
  repair(url: URL, firstUrl: string): Promise<Dispatcher | undefined> {
    const origin = url.origin;
    let attempt = this.attempts.get(origin);
    if (!attempt) {
      attempt = this.attempts.size < MAX_ORIGINS ? this.run(url, firstUrl) : Promise.resolve(undefined);
      this.attempts.set(origin, attempt);
    }
    return attempt;
  }

  /** The retry through the repaired dispatcher still failed: the chain was not what was missing. */
  failed(origin: string, error: string): void {
    this.repaired.delete(origin);
    const fact = this.facts.get(origin);
    if (fact) {
      fact.repaired = false;
      fact.error = error.slice(0, 200);
    }
  }

  list(): TlsChainFact[] {
    return [...this.facts.values()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.byChain.values()].map((d) => d.close().catch(() => undefined)));
  }

  private async run(url: URL, firstUrl: string): Promise<Dispatcher | undefined> {
    let leaf: X509Certificate;
    try {
      leaf = await this.peerCertificate(url);
    } catch {
      return undefined; // the server is gone or speaks no TLS: the fetch's own error stands
    }
    const fact: TlsChainFact = { origin: url.origin, url: firstUrl, missingIssuer: dn(leaf.issuer), subject: dn(leaf.subject), repaired: false };
    this.facts.set(url.origin, fact);
    const chain = await this.issuersOf(leaf, fact);
    if (chain.length === 0) return undefined;
    const pems = chain.map((c) => c.toString());
    const key = pems.join('\n');
    let dispatcher = this.byChain.get(key);
    if (!dispatcher) {
      dispatcher = this.deps.makeDispatcher(pems);
      this.byChain.set(key, dispatcher);
    }
    this.repaired.set(url.origin, dispatcher);
    fact.repaired = true;
    return dispatcher;
  }

  /** The intermediates above `leaf`, each fetched from its child's AIA URL and checked to have signed it. */
  private async issuersOf(leaf: X509Certificate, fact: TlsChainFact): Promise<X509Certificate[]> {
    const chain: X509Certificate[] = [];
    let child = leaf;
    for (let depth = 0; depth < MAX_AIA_DEPTH; depth++) {
      const aia = caIssuerUrls(child)[0];
      if (!aia) {
        if (depth === 0) fact.error = '证书中没有 AIA 签发机构地址（caIssuers），无法补全证书链';
        break;
      }
      if (depth === 0) fact.aiaUrl = aia;
      const got = await this.issuer(aia);
      if (typeof got === 'string') {
        if (depth === 0) fact.error = got;
        break;
      }
      if (!child.checkIssued(got) || !child.verify(got.publicKey)) {
        if (depth === 0) fact.error = `AIA 地址取得的证书（${dn(got.subject)}）并非该证书的签发机构`;
        break;
      }
      if (got.checkIssued(got)) break; // a root: trust comes from the store, never from a download
      chain.push(got);
      child = got;
    }
    return chain;
  }

  private issuer(aiaUrl: string): Promise<X509Certificate | string> {
    let p = this.issuers.get(aiaUrl);
    if (!p) {
      p = this.deps.fetchIssuer(aiaUrl, ISSUER_MAX_BYTES).then((body) => {
        if (!body) return `无法从 AIA 地址取得签发机构证书：${aiaUrl.slice(0, 200)}`;
        try {
          return new X509Certificate(body); // DER or PEM; PKCS#7 bundles are not read
        } catch {
          return 'AIA 地址返回的内容不是可识别的证书（DER/PEM）';
        }
      });
      this.issuers.set(aiaUrl, p);
    }
    return p;
  }

  /** The server's certificate, from a handshake that does not verify it (only to read who issued it). */
  private peerCertificate(url: URL): Promise<X509Certificate> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host,
        port: Number(url.port || 443),
        servername: isIP(host) ? undefined : host,
        rejectUnauthorized: false,
        lookup: this.deps.lookup,
      });
      const timer = setTimeout(() => done(new Error('timeout')), this.deps.connectTimeoutMs);
      const done = (err: Error | null, cert?: X509Certificate) => {
        clearTimeout(timer);
        socket.destroy();
        if (cert) resolve(cert);
        else reject(err ?? new Error('no certificate'));
      };
      socket.once('secureConnect', () => done(null, socket.getPeerX509Certificate()));
      socket.once('error', (err) => done(err));
    });
  }
}

/** caIssuers URLs (http/https) from a certificate's Authority Information Access extension. */
export function caIssuerUrls(cert: X509Certificate): string[] {
  const out: string[] = [];
  for (const line of (cert.infoAccess ?? '').split('\n')) {
    const m = /^CA Issuers - URI:(\S+)$/.exec(line.trim());
    if (m && /^https?:\/\//i.test(m[1])) out.push(m[1]);
  }
  return out;
}

/** "CN=x\nO=y" → "CN=x, O=y". */
function dn(name: string): string {
  return name.split('\n').filter(Boolean).join(', ').slice(0, 300);
}
