// The tests a mutation run of the rules uses: fast, no servers or browsers (a mutant is judged by these alone,
// survivor means these tests miss the fault).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/rules/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
