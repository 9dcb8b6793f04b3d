// A page processor that reports what it reads from a table handed to it in its init (loaded by the parse-pool
// tests on a worker thread): shows whether the worker sees the caller's memory or a copy of it.
import type { PageFacts } from '../../src/domain/index.js';

export function createProcessor(init: { table: Int32Array }) {
  return {
    process(facts: PageFacts) {
      return { url: facts.url, first: init.table[0], shared: init.table.buffer instanceof SharedArrayBuffer };
    },
  };
}
