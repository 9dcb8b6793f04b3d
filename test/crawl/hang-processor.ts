// A page processor that never returns for URLs containing "/hang" (a stand-in for a page that sends the
// parser or a check into an endless loop). Loaded by the parse-pool tests on a worker thread.
import type { PageFacts } from '../../src/domain/index.js';

export function createProcessor() {
  return {
    process(facts: PageFacts) {
      if (facts.url.includes('/hang')) for (;;) Math.random();
      return { checked: facts.url };
    },
  };
}
