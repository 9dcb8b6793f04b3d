// Public surface of the store.
export { openStore, type Store, type StoreOptions, type CompareResult } from './store.js';
export { StoreError, parseStoreUrl, DEFAULT_SQLITE_PATH, type StoreDialect } from './connect.js';
export { findingFingerprint } from './codec.js';
export type { Database, PageRow, ScanSummaryRow, ScanStatus } from './types.js';
