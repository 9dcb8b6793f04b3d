// One scan's settings. Every threshold the rules call UNVERIFIED is here with its documented default,
// so a deployment can override it from a JSON file (`--config FILE`). Unknown keys are rejected.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const FULL_CHROMIUM = '/usr/bin/chromium';

/** The browser a scan renders with unless configured: the headless shell if it is installed, else full Chromium. */
export function defaultChromiumPath(exists: (path: string) => boolean = existsSync): string {
  return exists(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM;
}

const crawl = z.strictObject({
  maxPages: z.number().int().positive().default(5000),
  maxDepth: z.number().int().nonnegative().default(20),
  /** Hard cap on distinct URLs queued per site (crawl-trap bound). */
  maxUrlsPerSite: z.number().int().positive().default(200_000),
  /** Same path with different query strings: at most this many are crawled (query-string explosions). */
  maxQueryVariantsPerPath: z.number().int().positive().default(50),
  concurrency: z.number().int().positive().default(16),
  perHostConcurrency: z.number().int().positive().default(8),
  /** Minimum gap between two requests to the same host, in ms (politeness). */
  perHostDelayMs: z.number().int().nonnegative().default(0),
  requestTimeoutMs: z.number().int().positive().default(15_000), // total time per request, not only idle
  connectTimeoutMs: z.number().int().positive().default(10_000),
  maxRedirects: z.number().int().nonnegative().default(10),
  maxBodyBytes: z.number().int().positive().default(5 * 1024 * 1024), // after decompression
  maxAttachmentBytes: z.number().int().positive().default(20 * 1024 * 1024),
  retries: z.number().int().nonnegative().default(2),
  maxRetryAfterMs: z.number().int().nonnegative().default(30_000),
  respectRobots: z.boolean().default(false),
  useSitemaps: z.boolean().default(true),
  /** With a store: ask for pages the previous scan kept with an ETag or Last-Modified conditionally, and judge
   *  the unchanged ones (304) on their stored facts. Findings are the same as a full scan's. */
  incremental: z.boolean().default(true),
  /** Hosts treated as part of the site besides the start host and its www/non-www twin. */
  subsites: z.array(z.string()).default([]),
  userAgent: z.string().default('Mozilla/5.0 (compatible; govpatrol/0.1; +https://github.com/govpatrol)'),
  /** Check external links too (HEAD, falling back to GET). */
  checkExternalLinks: z.boolean().default(true),
  /** Test hook and air-gapped deployments: host → IP addresses, used instead of DNS. */
  hosts: z.record(z.string(), z.array(z.string())).default({}),
  /** With `hosts`: a host missing from the map fails as a DNS error instead of asking the resolver.
   *  Tests, the demo and benchmarks set it so that nothing ever leaves loopback. */
  hostsOnly: z.boolean().default(false),
  /** PEM files of extra trusted root certificates (a private or government CA; tests), beside Node's bundled roots. */
  caFiles: z.array(z.string()).default([]),
  /** Keep the frontier on disk (SQLite) once the queue grows past this many URLs. */
  frontierMemoryLimit: z.number().int().positive().default(50_000),
  maxTextChars: z.number().int().positive().default(200_000),
  /** Worker threads that parse HTML off the main thread; 0 parses in-thread. Unset: min(2, cores − 1). */
  parseWorkers: z.number().int().nonnegative().max(16).optional(),
  /** A page still being parsed on a worker after this long hangs the parser: the worker is replaced and the
   *  page named in the crawl notes (with 0 workers pages parse in-thread and cannot be interrupted). */
  parseTimeoutMs: z.number().int().positive().default(20_000),
});

const checks = z.strictObject({
  /** Check ids to skip entirely. */
  disabled: z.array(z.string()).default([]),
  availabilityThresholdMs: z.number().int().positive().default(15_000), // rules-cn §1.2: ≥15 s is a failed probe
  availabilityProbes: z.number().int().positive().default(3),
  homepageStaleDays: z.number().int().positive().default(14), // 首页不更新: 2 weeks
  /** Days a column may go without a new item, by column type (rules-cn §1.3, 2015 普查 rule). */
  columnStaleDays: z
    .strictObject({
      news: z.number().int().positive().default(14),
      notice: z.number().int().positive().default(183),
      policy: z.number().int().positive().default(183),
      personnel: z.number().int().positive().default(365),
      planning: z.number().int().positive().default(365),
      interpretation: z.number().int().positive().default(183),
      consultation: z.number().int().positive().default(365),
      interaction: z.number().int().positive().default(183),
    })
    .prefault({}),
  /** "Long not updated" (长期未更新) for 政府信息公开 columns typed 'other' that should update (财政预决算,
   *  行政执法公示, 重点领域 …): veto clause (2). UNVERIFIED default, docs/rules.md §5. */
  longNotUpdatedDays: z.number().int().positive().default(365),
  consultationMinDays: z.number().int().positive().default(30),
  maxFindingsPerCheck: z.number().int().positive().default(2000),
  /** Dictionary directory (typo, wrong-expression, sensitive lists); default: the bundled dict/. */
  dictionaryDir: z.string().optional(),
  /** Statistical typo suspects (src/text/slips.ts) beside the list: reported as typo, method 'statistical'. */
  statisticalTypos: z.boolean().default(true),
  /** Browser pass (Chromium): render the home page and a sample of pages. */
  browser: z.boolean().default(true),
  browserSample: z.number().int().nonnegative().default(1),
  /** Default: Debian's chromium-headless-shell when installed (the same engine without the desktop browser's
   *  parts: about half the memory and CPU per scan), else the full /usr/bin/chromium. */
  chromiumPath: z.string().default(() => defaultChromiumPath()),
  /** Pages fetched as Baiduspider and with a search-engine Referer (cloaking). */
  cloakingSample: z.number().int().nonnegative().default(5),
  /** Defacement: a key page whose text bigram similarity to its baseline falls below this has changed a lot. */
  defacementSimilarity: z.number().min(0).max(1).default(0.5),
  /** Attachments whose text is extracted for privacy and wording checks. */
  attachments: z.boolean().default(true),
  maxAttachments: z.number().int().nonnegative().default(200),
  /** Time one attachment's text extraction may take (its own child process) before it is a failed check. */
  attachmentTimeoutMs: z.number().int().positive().default(10_000),
});

const rules = z.strictObject({
  /** Indicator catalogue: 'national-2019' or a path to a JSON catalogue. */
  catalogue: z.string().default('national-2019'),
  /** Overlays applied in order: a name ('liaoning-2019') or a path to a JSON overlay. */
  overlays: z.array(z.string()).default([]),
  /** 政府门户网站: 加分 indicators apply. */
  portal: z.boolean().default(false),
  /** 国务院部门 without external service: 办事服务 is skipped and the rest rescaled ×4/3. */
  noExternalService: z.boolean().default(false),
});

export const scanConfigSchema = z
  .object({
    crawl: crawl.prefault({}),
    checks: checks.prefault({}),
    rules: rules.prefault({}),
  })
  .strict();

export type ScanConfig = z.infer<typeof scanConfigSchema>;
export type ScanConfigInput = z.input<typeof scanConfigSchema>;

export function defaultConfig(): ScanConfig {
  return scanConfigSchema.parse({});
}

export class ConfigError extends Error {}

/** Parses a config object; errors name the offending key in Chinese. */
export function parseConfig(input: unknown): ScanConfig {
  const result = scanConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(根)'}：${i.message}`).join('；');
    throw new ConfigError(`配置无效：${issues}`);
  }
  return result.data;
}

export function loadConfigFile(path: string): ScanConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`无法读取配置文件 ${path}：${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`配置文件 ${path} 不是合法的 JSON：${(err as Error).message}`);
  }
  return parseConfig(json);
}

/** Deep-merges plain objects (arrays and scalars replace). Used for CLI flags over a config file. */
export function mergeConfig(base: ScanConfig, patch: ScanConfigInput): ScanConfig {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === undefined) return a;
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
      for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
      return out;
    }
    return b;
  };
  return parseConfig(merge(base, patch));
}
