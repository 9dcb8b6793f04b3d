// When may a page's check results from an earlier scan stand for this one? Only when nothing they depend on
// has changed: the page (the server said 304), the check configuration, the dictionaries (leaders' terms
// included: a title is judged by the page's own date, not today's, so the day itself is not an input), the
// statistical typo check's character model, and the checks' code. The key is a hash of all of these; the
// personal-data check, which reads the clock (an ID number's birth date may not lie in the future), is run again
// on every page that holds an ID-length number.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanConfig } from '../config.js';
import type { CheckId, PageFacts } from '../domain/index.js';
import { privacyReadsClock } from '../text/privacy.js';
import type { Dictionaries } from '../text/dictionaries.js';
import { bundledCharModelHash } from '../text/charmodel.js';

/** Checks re-run on every page even when the rest is reused, because they read the clock. */
export const CLOCK_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['privacy-leak']);

/** Whether the clock checks could judge this page differently on another day. privacy-leak, the only one,
 *  reads the clock only for ID numbers in the title and text; a page without any judges the same every
 *  day, so its stored privacy-leak results stand like the rest (most pages: no re-run, no text needed). */
export function clockMatters(page: Pick<PageFacts, 'title' | 'text'>): boolean {
  return privacyReadsClock(page.title ?? '') || privacyReadsClock(page.text ?? '');
}

/** The folders whose code decides page findings (source or build, whichever is running). */
const CODE_DIRS = ['../checks', '../text', '../domain'].map((d) => fileURLToPath(new URL(d, import.meta.url)));

let codeHash: string | undefined;

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else if (/\.(ts|js)$/.test(name) && !name.endsWith('.d.ts')) hash.update(name).update(readFileSync(path));
  }
}

function checksCode(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  for (const dir of CODE_DIRS) hashTree(hash, dir);
  codeHash = hash.digest('hex');
  return codeHash;
}

function dictionaryContent(d: Dictionaries | undefined): string {
  if (!d) return 'no-dictionaries';
  const hash = createHash('sha256');
  hash.update(JSON.stringify(d.versions));
  for (const e of d.entries) hash.update(JSON.stringify(e));
  for (const l of d.leaders) hash.update(`${l.name}\t${l.title}\t${l.validFrom ?? ''}\t${l.validTo ?? ''}\n`);
  hash.update(JSON.stringify(d.allow)).update(JSON.stringify(d.institutions)).update(JSON.stringify([...d.homophones]));
  hash.update(JSON.stringify([...d.shapes]));
  return hash.digest('hex');
}

/** The key under which this scan's page check results are stored and looked up. */
export function pageCheckKey(cfg: ScanConfig, rootUrl: string, dictionaries: Dictionaries | undefined): string {
  return createHash('sha256')
    .update(checksCode())
    .update(rootUrl)
    .update(JSON.stringify(cfg.crawl.subsites))
    .update(JSON.stringify(cfg.checks))
    .update(dictionaryContent(dictionaries))
    // The statistical typo check's model is data, not code: a rebuilt model changes its suspects.
    .update(cfg.checks.statisticalTypos ? bundledCharModelHash() : 'no-charmodel')
    .digest('hex');
}

/** The key of an attachment's findings: the page checks' key, and what bounds the text read from the file. */
export function attachmentCheckKey(pageKey: string, cfg: ScanConfig, maxChars: number): string {
  return createHash('sha256').update(pageKey).update(JSON.stringify({ maxBytes: cfg.crawl.maxAttachmentBytes, maxChars })).digest('hex');
}
