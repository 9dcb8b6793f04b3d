// Mutation testing (a planted-fault check of the suite). `npm run mutate` runs the scorer and matcher set, which is
// quick; `npm run mutate -- --mutate 'src/checks/**/*.ts,src/text/**/*.ts'` widens it (slow on 2 cores).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  dryRunTimeoutMinutes: 20,
  mutate: ['src/rules/scorer.ts', 'src/rules/match.ts'],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 1,
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/data', 'node_modules', 'reports', 'web/dist', 'bench/out', '/corpus'], disableTypeChecks: 'src/**/*.ts',
  thresholds: { high: 85, low: 70, break: null },
};
