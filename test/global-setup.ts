// Runs once before the suite: the system packages the tests need are found or installed (as root, with
// apt-get), and the run fails with a clear message when they cannot be, instead of skipping the browser
// tests quietly. GOVPATROL_SKIP_BROWSER=1 skips them on purpose (said loudly).
import type { TestProject } from 'vitest/node';
import { TEST_DEPS, ensureSystemDeps, missingMessage } from '../scripts/system-deps.js';
import { HEADLESS_SHELL } from '../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The scan's browser (the headless shell) for the browser tests; '' when they are skipped on purpose. */
    chromium: string;
  }
}

export default function setup(project: TestProject): void {
  const skipBrowser = process.env.GOVPATROL_SKIP_BROWSER === '1';
  if (skipBrowser) process.stderr.write('[system-deps] GOVPATROL_SKIP_BROWSER=1：跳过浏览器测试 / browser tests skipped on purpose\n');
  const deps = TEST_DEPS.filter((d) => !(skipBrowser && d.browser));
  const { missing } = ensureSystemDeps(deps);
  if (missing.length) throw new Error(missingMessage(missing, 'GOVPATROL_SKIP_BROWSER'));
  project.provide('chromium', skipBrowser ? '' : HEADLESS_SHELL);
}
