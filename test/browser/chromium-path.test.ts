// Which Chromium a scan renders with: Debian's headless shell when it is installed, full Chromium when it is
// not, and whatever the configuration names above both.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FULL_CHROMIUM, HEADLESS_SHELL, defaultChromiumPath, defaultConfig, mergeConfig } from '../../src/config.js';

describe('the default Chromium', () => {
  it('is the headless shell when it is installed', () => {
    expect(defaultChromiumPath((p) => p === HEADLESS_SHELL)).toBe(HEADLESS_SHELL);
  });

  it('falls back to full Chromium without the headless shell', () => {
    expect(defaultChromiumPath(() => false)).toBe(FULL_CHROMIUM);
  });

  it('is what a scan configuration gets unless it names another', () => {
    expect(defaultConfig().checks.chromiumPath).toBe(existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
    expect(mergeConfig(defaultConfig(), { checks: { chromiumPath: '/opt/chrome/chrome' } }).checks.chromiumPath).toBe('/opt/chrome/chrome');
  });
});
