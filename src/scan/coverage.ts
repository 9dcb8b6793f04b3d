// What the scan could and could not judge, per check: a report must never look clean because a check did
// not run. A check id may have a page part and a site part (hidden-link: the static HTML and the browser
// render); the id is 'partial' when one part ran and the other could not.
import type { CheckCoverage, CheckId, ScanCoverage, SiteFacts } from '../domain/index.js';
import type { Check, SiteCheck, SiteInput } from '../checks/types.js';
import type { FindingCollector } from '../checks/runner.js';

/** Why each optional site input is missing from this scan (absent: the input is there). */
export type MissingInputs = Partial<Record<SiteInput, string>>;

export interface InputState {
  browserEnabled: boolean; // config asks for the browser pass
  chromiumFound: boolean;
  chromiumPath: string;
  stored: boolean; // the scan has a store (baselines can exist)
  aborted: boolean;
}

const CHECK_ERROR_EXAMPLES = 20;

/** The optional site inputs this scan lacks, each with the reason in Chinese. */
export function missingInputs(site: Pick<SiteFacts, 'rendered' | 'variants' | 'baselines'>, s: InputState): MissingInputs {
  const missing: MissingInputs = {};
  if (!s.browserEnabled) missing.rendered = '浏览器渲染未运行：已关闭（--no-browser 或 checks.browser=false）';
  else if (!s.chromiumFound) missing.rendered = `浏览器渲染未运行：未找到 Chromium（${s.chromiumPath}）`;
  else if (!site.rendered.length) missing.rendered = `浏览器渲染未运行：${s.aborted ? '扫描被中断' : '首页无法访问，没有可渲染的页面'}`;
  if (!site.variants.length) missing.variants = `以百度蜘蛛和搜索来路复查未运行：${s.aborted ? '扫描被中断' : '首页无法访问'}`;
  if (!s.stored) missing.baselines = '基线比对未运行：未保存扫描结果（--no-store），没有上次的基线';
  else if (!site.baselines.length) missing.baselines = '基线比对未运行：首次扫描，尚无基线（本次结果将作为下次比对的基线）';
  return missing;
}

/** Splits the site checks into those whose inputs are there and those skipped, with the reason. */
export function partitionSiteChecks(checks: SiteCheck[], missing: MissingInputs): { runnable: SiteCheck[]; skipped: Map<Check, string> } {
  const runnable: SiteCheck[] = [];
  const skipped = new Map<Check, string>();
  for (const check of checks) {
    const lacking = (check.needs ?? []).find((input) => missing[input]);
    if (lacking) skipped.set(check, missing[lacking]!);
    else runnable.push(check);
  }
  return { runnable, skipped };
}

export interface CoverageInput {
  /** Every registered check (disabled ones included: they are listed as skipped). */
  all: Check[];
  disabled: ReadonlySet<string>;
  /** Parts that could not run, with the reason. */
  skipped: ReadonlyMap<Check, string>;
  /** Pages the page checks ran on. */
  pagesChecked: number;
  found: FindingCollector;
  /** Browser renders that failed: errors of the checks that read the renders. */
  renderErrors: { count: number; first?: string };
  crawlNotes: string[];
}

function coverageOf(id: CheckId, parts: Check[], input: CoverageInput): CheckCoverage {
  if (input.disabled.has(id)) return { status: 'skipped', reason: '已在配置中停用（checks.disabled）' };
  const skippedParts = parts.filter((p) => input.skipped.has(p) || (p.scope === 'page' && input.pagesChecked === 0));
  const ran = parts.filter((p) => !skippedParts.includes(p));
  const skipReason = skippedParts.map((p) => input.skipped.get(p) ?? '没有抓取到可检查的页面')[0];
  const readsRenders = ran.some((p) => p.scope === 'site' && p.needs?.includes('rendered'));
  const errors = (input.found.errorCounts.get(id) ?? 0) + (readsRenders ? input.renderErrors.count : 0);
  const entry: CheckCoverage = { status: 'ran' };
  if (!ran.length) Object.assign(entry, { status: 'skipped', reason: skipReason });
  else if (errors) Object.assign(entry, { status: 'failed', reason: input.found.firstErrors.get(id) ?? input.renderErrors.first });
  else if (skippedParts.length) Object.assign(entry, { status: 'partial', reason: skipReason });
  if (errors) entry.errors = errors;
  if (ran.some((p) => p.scope === 'page')) entry.pages = input.pagesChecked;
  const dropped = input.found.dropped.get(id);
  if (dropped) entry.dropped = dropped;
  return entry;
}

export function buildCoverage(input: CoverageInput): ScanCoverage {
  const byId = new Map<CheckId, Check[]>();
  for (const check of input.all) byId.set(check.id, [...(byId.get(check.id) ?? []), check]);
  const checks: Record<string, CheckCoverage> = {};
  for (const [id, parts] of byId) checks[id] = coverageOf(id, parts, input);
  let count = 0;
  for (const n of input.found.errorCounts.values()) count += n;
  return {
    complete: Object.values(checks).every((c) => c.status === 'ran'),
    checks,
    crawlNotes: input.crawlNotes,
    checkErrors: { count: count + input.renderErrors.count, examples: input.found.errors.slice(0, CHECK_ERROR_EXAMPLES) },
  };
}
