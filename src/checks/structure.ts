// The page checks that read only a page's structure (scripts, dates, columns, identifiers): no dictionary, no
// character model, no normalised text. A thread can run them without loading any of the text checks' tables,
// so with one parse worker they are its share of the page checks (scan/page-work.ts).
import type { PageCheck } from './types.js';
import { consultationPeriodCheck } from './site/consultation-period.js';
import { interpretationMissingCheck } from './site/interpretation-missing.js';
import { missingIdentifierCheck } from './site/missing-identifier.js';
import { maliciousRedirectPageCheck } from './security/malicious-redirect.js';

export const structurePageChecks: PageCheck[] = [missingIdentifierCheck, consultationPeriodCheck, interpretationMissingCheck, maliciousRedirectPageCheck];
