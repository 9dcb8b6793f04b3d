// The scan's page checks as a parse-pool processor, every one of them (the 'all' share, see page-work.ts): the
// pool loads this module on each parse worker (and in-thread when a page is parsed there), so the checks run
// right after extraction, off the main thread. Each thread builds its own CheckContext (text engine, spam
// scanner) once; per-page results are plain data.
import type { PageFacts } from '../domain/index.js';
import type { PageProcessor } from '../crawl/parse-pool.js';
import { allChecks } from '../checks/index.js';
import { processorOver, type PageCheckResult, type PageProcessorInit } from './page-work.js';

export type { PageCheckResult, PageProcessorInit } from './page-work.js';

export function createProcessor(init: PageProcessorInit): PageProcessor & { process(facts: PageFacts): PageCheckResult } {
  return processorOver(allChecks, init);
}
