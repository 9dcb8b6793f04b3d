// Turning command-line flags into a ScanConfig. Bad input is a usage error (exit 2) with a Chinese message.
import { InvalidArgumentError } from 'commander';
import { defaultConfig, loadConfigFile, mergeConfig, type ScanConfig, type ScanConfigInput } from '../config.js';

export function positiveInt(label: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
      throw new InvalidArgumentError(`${label} 必须是正整数，收到「${value}」`);
    }
    return n;
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--resolve host=ip[,ip]` (like curl's --resolve) → the crawl.hosts map. */
export function parseResolve(entries: string[]): Record<string, string[]> {
  const hosts: Record<string, string[]> = {};
  for (const entry of entries) {
    const m = /^([^=\s]+)=([^\s]*)$/.exec(entry);
    if (!m) throw new InvalidArgumentError(`--resolve 格式应为 主机名=IP，收到「${entry}」`);
    hosts[m[1].toLowerCase()] = m[2] ? m[2].split(',').filter(Boolean) : [];
  }
  return hosts;
}

export interface ScanFlags {
  maxPages?: number;
  concurrency?: number;
  depth?: number;
  config?: string;
  respectRobots?: boolean;
  /** --full: download every page again (no conditional requests against the previous scan). */
  full?: boolean;
  browser?: boolean;
  resolve?: string[];
  hostsOnly?: boolean;
  portal?: boolean;
  subsite?: string[];
  externalLinks?: boolean;
}

export function buildConfig(flags: ScanFlags): ScanConfig {
  const base = flags.config ? loadConfigFile(flags.config) : defaultConfig();
  const crawl: NonNullable<ScanConfigInput['crawl']> = {};
  if (flags.maxPages) crawl.maxPages = flags.maxPages;
  if (flags.concurrency) {
    crawl.concurrency = flags.concurrency;
    crawl.perHostConcurrency = flags.concurrency;
  }
  if (flags.depth) crawl.maxDepth = flags.depth;
  if (flags.respectRobots) crawl.respectRobots = true;
  if (flags.full) crawl.incremental = false;
  if (flags.resolve?.length) crawl.hosts = { ...base.crawl.hosts, ...parseResolve(flags.resolve) };
  if (flags.hostsOnly) crawl.hostsOnly = true;
  if (flags.subsite?.length) crawl.subsites = flags.subsite;
  if (flags.externalLinks === false) crawl.checkExternalLinks = false;
  const checks: NonNullable<ScanConfigInput['checks']> = {};
  if (flags.browser === false) checks.browser = false;
  const rules: NonNullable<ScanConfigInput['rules']> = {};
  if (flags.portal) rules.portal = true;
  return mergeConfig(base, { crawl, checks, rules });
}
