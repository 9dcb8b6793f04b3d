// The rectification re-check: is one finding still on the site? It fetches the page again with the crawl's
// fetcher and re-runs the check that produced the finding, on that page only. A dead link is re-requested. A
// finding that only a whole-site scan or the browser can judge (freshness, transport, cloaking …) cannot be
// re-checked for one page: the inspector verifies it, and the result says so instead of guessing.
import type { ScanConfig } from '../config.js';
import type { CheckFinding, PageFacts } from '../domain/index.js';
import { createFetcher, type Fetcher } from '../crawl/fetch.js';
import { extractFacts } from '../crawl/extract/index.js';
import { isBrokenOutcome } from '../crawl/links.js';
import { normalizeUrl } from '../crawl/url.js';
import { allChecks } from '../checks/index.js';
import { FindingCollector, runPageChecks } from '../checks/runner.js';
import { runTextChecksOnAttachment } from '../checks/text/index.js';
import type { CheckContext, PageCheck } from '../checks/types.js';
import { AttachmentSandbox } from '../text/attachment-sandbox.js';

export type { RecheckVerdict } from '../domain/tasks.js';
import type { RecheckVerdict } from '../domain/tasks.js';

/** The finding as stored: what to look for again. */
export interface RecheckFinding {
  check: string;
  url: string;
  target?: string | null;
  evidence: string;
  detail?: Record<string, unknown>;
}

export interface RecheckResult {
  verdict: RecheckVerdict;
  /** 中文: what was seen (or why it could not be judged). */
  reason: string;
  /** The evidence seen now, when the defect is still there. */
  evidence?: string;
  checkedAt: string;
}

export interface RecheckOptions {
  /** The config of the scan that found it (hosts, timeouts, dictionaries, disabled checks). */
  config: ScanConfig;
  /** The site's home page, for page facts that depend on it (the home page's identifiers). */
  rootUrl: string;
  now?: Date;
}

type Plan =
  | { kind: 'page'; checks: PageCheck[] }
  | { kind: 'attachment' }
  | { kind: 'dead-link'; target: string }
  | { kind: 'inspector'; reason: string };

const TEXT_CHECKS = new Set(['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const GONE_STATUSES = new Set([404, 410]);

/** Re-checks findings of one site, sharing one fetcher (keep-alive) and one fetch per page. */
export async function recheckFindings(findings: RecheckFinding[], opts: RecheckOptions): Promise<RecheckResult[]> {
  const session = new RecheckSession(opts);
  try {
    const out: RecheckResult[] = [];
    for (const f of findings) out.push(await session.recheck(f));
    return out;
  } finally {
    await session.close();
  }
}

export async function recheckFinding(finding: RecheckFinding, opts: RecheckOptions): Promise<RecheckResult> {
  const [result] = await recheckFindings([finding], opts);
  return result!;
}

/** How a finding of this check can be judged again for one page. */
export function recheckPlan(f: RecheckFinding): Plan {
  const detail = f.detail ?? {};
  if (f.check === 'dead-link') {
    return f.target ? { kind: 'dead-link', target: f.target } : { kind: 'inspector', reason: '失效链接记录缺少目标地址，需检查员核实' };
  }
  if (detail.via === 'browser' || detail.via === 'script-injected') {
    return { kind: 'inspector', reason: '该问题由浏览器渲染发现，单页复查无法重现，需检查员核实' };
  }
  if (typeof detail.linkedFrom === 'string' && TEXT_CHECKS.has(f.check)) return { kind: 'attachment' };
  const checks = allChecks.filter((c): c is PageCheck => c.id === f.check && c.scope === 'page');
  if (checks.length > 0) return { kind: 'page', checks };
  return { kind: 'inspector', reason: `「${f.check}」是站点级检查，无法只复查一个页面，需检查员核实或在下次全站扫描中确认` };
}

/** One re-check run: a fetcher, a check context, the pages fetched so far. */
class RecheckSession {
  private readonly fetcher: Fetcher;
  private readonly ctx: CheckContext;
  private readonly pages = new Map<string, Promise<FetchedPage>>();
  private sandbox?: AttachmentSandbox;

  constructor(private readonly opts: RecheckOptions) {
    this.fetcher = createFetcher(opts.config.crawl);
    this.ctx = { config: opts.config, now: opts.now ?? new Date(), rootUrl: opts.rootUrl, resources: new Map() };
  }

  async recheck(f: RecheckFinding): Promise<RecheckResult> {
    const plan = recheckPlan(f);
    try {
      switch (plan.kind) {
        case 'inspector':
          return this.result('cannot-recheck', plan.reason);
        case 'dead-link':
          return await this.recheckDeadLink(f, plan.target);
        case 'attachment':
          return await this.recheckAttachment(f);
        case 'page':
          return await this.recheckPage(f, plan.checks);
      }
    } catch (err) {
      return this.result('cannot-recheck', `复查出错：${(err as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.sandbox?.close();
    await this.fetcher.close();
  }

  private result(verdict: RecheckVerdict, reason: string, evidence?: string): RecheckResult {
    return { verdict, reason, ...(evidence === undefined ? {} : { evidence }), checkedAt: new Date().toISOString() };
  }

  private page(url: string): Promise<FetchedPage> {
    let p = this.pages.get(url);
    if (!p) {
      p = fetchPage(this.fetcher, url, this.opts);
      this.pages.set(url, p);
    }
    return p;
  }

  /** The page is fetched and parsed again; the same check runs on it; the same finding is looked for. */
  private async recheckPage(f: RecheckFinding, checks: PageCheck[]): Promise<RecheckResult> {
    const page = await this.page(f.url);
    if (page.kind !== 'parsed') return this.unreachable(page);
    const out = new FindingCollector(1000);
    runPageChecks(checks, page.facts, this.ctx, out);
    if (out.errors.length) return this.result('cannot-recheck', `检查出错：${out.errors[0]!.message}`);
    return this.judge(f, out.findings);
  }

  /** The attachment is fetched again and its text read in the sandbox, like the scan does. */
  private async recheckAttachment(f: RecheckFinding): Promise<RecheckResult> {
    const r = await this.fetcher.fetch(f.url);
    if (r.outcome !== 'ok' || !r.body) {
      if (GONE_STATUSES.has(r.status)) return this.result('fixed', `附件已删除（HTTP ${r.status}）`);
      return this.result('cannot-recheck', `附件无法访问：${r.error ?? `HTTP ${r.status}`}`);
    }
    this.sandbox ??= new AttachmentSandbox();
    const text = await this.sandbox.extract(r.body, r.contentType, f.url, { maxChars: 500_000, timeoutMs: 20_000 });
    if (text.error) return this.result('cannot-recheck', `附件内容无法读取：${text.error}`);
    const findings = runTextChecksOnAttachment({ url: f.url, linkedFrom: String(f.detail?.linkedFrom ?? ''), ...text }, this.ctx);
    return this.judge(f, findings.filter((x) => x.check === f.check));
  }

  /** Fixed when the page no longer links the target, or the target answers now. */
  private async recheckDeadLink(f: RecheckFinding, target: string): Promise<RecheckResult> {
    const page = await this.page(f.url);
    if (page.kind === 'parsed' && !linksTo(page.facts, target)) return this.result('fixed', `页面已不再链接 ${target}`);
    if (page.kind === 'gone') return this.result('fixed', `含该链接的页面已删除（HTTP ${page.status}）`);
    const r = await this.fetcher.check(target);
    if (isBrokenOutcome(r.outcome, r.status)) {
      return this.result('still-present', `链接仍无法访问：${r.error ?? `HTTP ${r.status}`}`, target);
    }
    return this.result('fixed', `链接现在可以访问（HTTP ${r.status}）`);
  }

  private judge(f: RecheckFinding, now: CheckFinding[]): RecheckResult {
    const same = now.find((x) => sameFinding(f, x));
    if (same) return this.result('still-present', `问题仍然存在：${same.message}`, same.evidence);
    return this.result('fixed', '重新抓取页面并复查，未再发现该问题');
  }

  private unreachable(page: Exclude<FetchedPage, { kind: 'parsed' }>): RecheckResult {
    if (page.kind === 'gone') return this.result('fixed', `问题页面已删除（HTTP ${page.status}）`);
    return this.result('cannot-recheck', page.reason);
  }
}

type FetchedPage =
  | { kind: 'parsed'; facts: PageFacts }
  | { kind: 'gone'; status: number }
  | { kind: 'failed'; reason: string };

async function fetchPage(fetcher: Fetcher, url: string, opts: RecheckOptions): Promise<FetchedPage> {
  const r = await fetcher.fetch(url);
  if (GONE_STATUSES.has(r.status)) return { kind: 'gone', status: r.status };
  if (r.outcome !== 'ok' || !r.body) return { kind: 'failed', reason: `页面无法访问：${r.error ?? `HTTP ${r.status}`}` };
  if (r.unfinished) return { kind: 'failed', reason: '页面过大或未在时限内传完，无法复查' };
  if (r.contentType && !HTML_TYPES.has(r.contentType)) return { kind: 'failed', reason: `页面不是 HTML（${r.contentType}）` };
  const isHome = normalizeUrl(url) === normalizeUrl(opts.rootUrl);
  const facts = extractFacts(
    {
      url, finalUrl: r.finalUrl || url, depth: isHome ? 0 : 1, isHome, contentTypeHeader: r.headers['content-type'] ?? '',
      fetch: { ...r, body: undefined }, maxTextChars: opts.config.crawl.maxTextChars, now: opts.now,
    },
    r.body,
  );
  return { kind: 'parsed', facts };
}

function linksTo(facts: PageFacts, target: string): boolean {
  const want = normalizeUrl(target) ?? target;
  return facts.links.some((l) => l.url === want || l.url === target);
}

/** What makes a finding "the same one" per check: the word, the mark, the kind of leak — not the exact
 *  surrounding text, which changes when the page around it is edited. */
function identity(check: string, detail: Record<string, unknown> | undefined, evidence: string): string {
  const d = detail ?? {};
  switch (check) {
    case 'typo':
    case 'wrong-expression':
      return String(d.found ?? evidence);
    case 'sensitive-word':
      return String(d.word ?? d.found ?? evidence);
    case 'privacy-leak':
      return `${d.type}:${d.masked ?? evidence}`;
    case 'missing-identifier':
      return String(d.which);
    case 'seo-spam':
      return String(d.where);
    case 'interpretation-missing':
      return String(d.kind);
    case 'malicious-redirect':
      return String(d.via);
    case 'hidden-link':
    case 'consultation-period':
      return check; // one per page: present or not
    default:
      return evidence;
  }
}

function sameFinding(original: RecheckFinding, now: CheckFinding): boolean {
  if (now.check !== original.check) return false;
  return identity(original.check, original.detail, original.evidence) === identity(now.check, now.detail as Record<string, unknown>, now.evidence);
}
