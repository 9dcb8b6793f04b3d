// The site-level check family: availability, links, freshness, identifiers, transport, consultation, 解读.
import type { Check } from '../types.js';
import { availabilityCheck } from './availability.js';
import { consultationPeriodCheck } from './consultation-period.js';
import { deadLinkCheck } from './dead-link.js';
import { emptyColumnCheck } from './empty-column.js';
import { interpretationMissingCheck } from './interpretation-missing.js';
import { missingIdentifierCheck } from './missing-identifier.js';
import { noHttpsCheck } from './no-https.js';
import { noIpv6Check } from './no-ipv6.js';
import { noSearchCheck } from './no-search.js';
import { oversizedPageCheck } from './oversized-page.js';
import { tlsChainCheck } from './tls-chain.js';
import { soft404Check } from './soft-404.js';
import { staleColumnCheck } from './stale-column.js';
import { staleHomepageCheck } from './stale-homepage.js';

export const siteLevelChecks: Check[] = [
  availabilityCheck,
  deadLinkCheck,
  soft404Check,
  staleHomepageCheck,
  staleColumnCheck,
  emptyColumnCheck,
  missingIdentifierCheck,
  noSearchCheck,
  noHttpsCheck,
  noIpv6Check,
  consultationPeriodCheck,
  interpretationMissingCheck,
  oversizedPageCheck,
  tlsChainCheck,
];

export {
  availabilityCheck, consultationPeriodCheck, deadLinkCheck, emptyColumnCheck, interpretationMissingCheck,
  missingIdentifierCheck, noHttpsCheck, noIpv6Check, noSearchCheck, oversizedPageCheck, soft404Check, tlsChainCheck, staleColumnCheck, staleHomepageCheck,
};
