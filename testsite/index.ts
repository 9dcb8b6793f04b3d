// Public API of the synthetic government website used by tests, the demo and the benchmarks.
export { startTestSite, gzipBomb, EXTERNAL_HOST, SPAM_HOST, EVIL_HOST, NXDOMAIN_HOST, type TestSite } from './server.js';
export { createSite, listSpecialPages, ATTACHMENT_TYPES, type Site, type SpecialPage } from './site.js';
export { writeSiteToDir, fileForPath } from './write.js';
export { buildManifest, type PlantedDefect } from './manifest.js';
export { compareWithManifest, matchesPlanted } from './match.js';
export { PLANTED_WORDS, plantedStrings, idCheckChar, luhnValid } from './planted.js';
export {
  buildModel, COLUMN_DEFS, SITE_NAME, SITE_HOST, SITE_BARE_HOST, SITE_ID_CODE, ICP_TEXT, POLICE_TEXT, PLANTED_ATTACHMENTS,
  type TestSiteOptions, type TestSiteVariant, type SiteModel, type SpecialKind,
} from './model.js';
export type { Rendered, RenderRequest } from './render.js';
export { buildPdf, buildDocx, buildXlsx, buildPng } from './attachments.js';

import { buildModel, type TestSiteOptions } from './model.js';
import { listSpecialPages, type SpecialPage } from './site.js';
/** The special pages (GBK, wrongly declared charset, attachments) of a site built with these options. */
export function specialPages(opts: TestSiteOptions = {}): SpecialPage[] {
  return listSpecialPages(buildModel(opts));
}
