// The structure checks as a parse-pool processor (the 'split' share, see page-work.ts): a worker loading this
// module loads none of the text checks or their tables.
import type { PageFacts } from '../domain/index.js';
import type { PageProcessor } from '../crawl/parse-pool.js';
import { structurePageChecks } from '../checks/structure.js';
import { processorOver, type PageCheckResult, type PageProcessorInit } from './page-work.js';

export function createProcessor(init: PageProcessorInit): PageProcessor & { process(facts: PageFacts): PageCheckResult } {
  return processorOver(structurePageChecks, { ...init, share: 'split' });
}
