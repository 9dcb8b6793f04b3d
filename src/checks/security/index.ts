// Security checks: 暗链, SEO spam, malicious redirects, cloaking and defacement (rules-cn §1.2 单项否决 matters).
import type { PageCheck, SiteCheck } from '../types.js';
import { cloakingCheck } from './cloaking.js';
import { defacementCheck } from './defacement.js';
import { hiddenLinkCheck, renderedHiddenLinkCheck } from './hidden-link.js';
import { maliciousRedirectPageCheck, maliciousRedirectSiteCheck } from './malicious-redirect.js';
import { seoSpamCheck } from './seo-spam.js';

export const securityPageChecks: PageCheck[] = [hiddenLinkCheck, seoSpamCheck, maliciousRedirectPageCheck];
export const securitySiteChecks: SiteCheck[] = [renderedHiddenLinkCheck, maliciousRedirectSiteCheck, cloakingCheck, defacementCheck];

export { makeBaseline } from './defacement.js';
export { SpamWordsMemo, provideSpamWordsMemo } from './spam.js';
export { rememberKeyPageWords } from './key-page-words.js';
