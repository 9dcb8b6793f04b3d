// Writing a finished scan in the format asked for.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScanOutcome } from '../scan/scan.js';
import { renderText } from '../report/text.js';
import { renderHtml } from '../report/html.js';

export type Format = 'text' | 'json' | 'html';

export function renderOutcome(outcome: ScanOutcome, format: Format, opts: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return JSON.stringify(outcome.report, null, 2) + '\n';
    case 'html':
      return renderHtml(outcome.report, { screenshots: outcome.screenshots, crawlNotes: outcome.crawlNotes, indicatorInfo: outcome.indicatorInfo });
    default:
      // The crawl notes and check errors travel in the report's coverage.
      return renderText(outcome.report, { color: opts.color });
  }
}

export function writeOut(path: string, content: string): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}
