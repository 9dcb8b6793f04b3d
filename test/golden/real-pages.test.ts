// Golden findings of every page-level check on the eight saved real government pages. A change in what the
// checks report on real pages shows up here as a diff to read, not as a silent drift.
// Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run test/golden — then READ the diff, and keep
// each golden file's `notes` saying why any finding that is not a true problem of that page is still listed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/index.js';
import { enabledChecks, FindingCollector, runPageChecks } from '../../src/checks/runner.js';
import type { CheckContext } from '../../src/checks/types.js';
import { defaultConfig } from '../../src/config.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import type { CheckFinding } from '../../src/domain/index.js';
import { input } from '../crawl/extract-helpers.js';
import { REAL_PAGES_DIR, REAL_PAGE_URLS } from '../real-pages.js';

const GOLDEN_DIR = resolve(import.meta.dirname, 'real-pages');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Fixed clock: the same as the extraction tests, so date-based checks give the same answer every day. */
const NOW = new Date('2025-12-01T00:00:00Z');

interface GoldenFinding {
  check: string;
  url: string;
  target?: string;
  evidence: string;
  /** Everything the check observed except its advice prose (advice wording may change without a behaviour change). */
  detail: Record<string, unknown>;
}
interface GoldenFile {
  page: string;
  url: string;
  /** Why a listed finding is kept even though it is not (or not clearly) a true problem of the page. */
  notes: string[];
  findings: GoldenFinding[];
}

function context(rootUrl: string): CheckContext {
  return { config: defaultConfig(), now: NOW, rootUrl, resources: new Map() };
}

function comparable(f: CheckFinding): GoldenFinding {
  const { advice: _advice, ...detail } = f.detail as unknown as Record<string, unknown>;
  const out: GoldenFinding = { check: f.check, url: f.url, evidence: f.evidence, detail: sortKeys(detail) };
  if (f.target !== undefined) out.target = f.target;
  return out;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** Stable order: by check, then target, then evidence, then the whole record. */
function sorted(list: GoldenFinding[]): GoldenFinding[] {
  const key = (f: GoldenFinding) => [f.check, f.target ?? '', f.evidence, JSON.stringify(f.detail)].join('\u0000');
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function findingsOf(file: string, url: string): { findings: GoldenFinding[]; errors: unknown[] } {
  const isHome = file.includes('-home');
  const facts = extractFacts(input(url, { isHome, depth: isHome ? 0 : 1, now: NOW }), readFileSync(REAL_PAGES_DIR + file));
  const ctx = context(new URL('/', url).href);
  const { page } = enabledChecks(allChecks, ctx);
  const out = new FindingCollector(1000);
  runPageChecks(page, facts, ctx, out);
  return { findings: sorted(out.findings.map(comparable)), errors: out.errors };
}

describe('page checks on the real government pages match the golden findings', () => {
  it('every real page has a golden file', () => {
    for (const file of Object.keys(REAL_PAGE_URLS)) {
      expect(existsSync(goldenPath(file)) || UPDATE, `${file} has no golden file; run UPDATE_GOLDEN=1`).toBe(true);
    }
  });

  for (const [file, url] of Object.entries(REAL_PAGE_URLS)) {
    it(file, () => {
      const { findings, errors } = findingsOf(file, url);
      expect(errors).toEqual([]);
      const path = goldenPath(file);
      const old: GoldenFile | undefined = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GoldenFile) : undefined;
      if (UPDATE) {
        const golden: GoldenFile = { page: file, url, notes: old?.notes ?? [], findings };
        writeFileSync(path, JSON.stringify(golden, null, 2) + '\n');
        return;
      }
      expect(old, `missing ${path}`).toBeDefined();
      expect(old!.url).toBe(url);
      expect(findings).toEqual(old!.findings);
    });
  }
});

function goldenPath(file: string): string {
  return resolve(GOLDEN_DIR, file.replace(/\.html$/, '.json'));
}
