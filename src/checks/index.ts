// The check catalogue: every check registered in one place (as in GSA's site-scanning engine).
// Page checks run on each page as it streams past; site checks run once on the site's aggregate facts.
import type { Check } from './types.js';
import { siteLevelChecks } from './site/index.js';
import { textChecks } from './text/index.js';
import { securityPageChecks, securitySiteChecks } from './security/index.js';

export const allChecks: Check[] = [...siteLevelChecks, ...textChecks, ...securityPageChecks, ...securitySiteChecks];

export function checkById(id: string): Check | undefined {
  return allChecks.find((c) => c.id === id);
}
