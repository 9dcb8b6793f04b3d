// The rules engine: the indicator catalogue as data, overlays, the scorer, and indicator display info.
export { CatalogueError, bundledNames, loadCatalogue } from './catalogue.js';
export { describeIndicator, indicatorInfos, type IndicatorInfo } from './info.js';
export { INFO_INDICATOR, score, type ScoreOptions, type ScoreResult } from './scorer.js';
export type { Block, Catalogue, CatalogueData, Indicator, JudgedBy, Overlay } from './schema.js';
