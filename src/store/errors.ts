// Errors the query layer raises for the API to map onto HTTP statuses. Messages are Chinese (shown to users).
export type PlatformErrorCode = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'import_invalid';

export class PlatformError extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new PlatformError('not_found', `${what}不存在或无权访问`);
export const forbidden = (message = '无权执行此操作') => new PlatformError('forbidden', message);
export const conflict = (message: string) => new PlatformError('conflict', message);
export const invalid = (message: string, details?: unknown) => new PlatformError('invalid', message, details);

/** The database cannot be opened or written. Here, apart from the drivers, so that code which only names it (a
 *  scan without a database) does not load the query builder and the SQLite driver with it. */
export class StoreError extends Error {}
