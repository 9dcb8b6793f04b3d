// One fetch wrapper for the whole API: JSON in and out, the session cookie, the CSRF header on every
// state-changing request, and the server's { error: { code, message, details } } turned into ApiError.
import { ElMessage } from 'element-plus';
import { t } from '@/i18n';

export const API_BASE = 'api/v1';

export interface ApiErrorBody { code: string; message: string; details?: unknown }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

export interface Page<T> { items: T[]; total: number }
export type Query = Record<string, string | number | boolean | null | undefined | Array<string | number>>;

interface Hooks { csrfToken: () => string | null; onUnauthorized: () => void }
let hooks: Hooks = { csrfToken: () => null, onUnauthorized: () => undefined };
/** The user store registers how to read the CSRF token and what to do when the session ends. */
export function configureRequest(next: Hooks): void {
  hooks = next;
}

/** URL of an API path relative to the page, so the dashboard works under any mount point. */
export function apiUrl(path: string, query?: Query): string {
  const qs = toSearch(query);
  return `${new URL(`${API_BASE}${path}`, baseHref()).pathname}${qs ? `?${qs}` : ''}`;
}

function baseHref(): string {
  // The dashboard is served at /, /index.html or a sub-path; the API lives beside it.
  return new URL('.', window.location.href.split('#')[0]).href;
}

function toSearch(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else params.set(k, String(v));
  }
  return params.toString();
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Do not pop up a message on failure: the caller shows the error itself. */
  silent?: boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (UNSAFE.has(method)) {
    const token = hooks.csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    const err = new ApiError(0, 'network', t('error.network'));
    if (!opts.silent) ElMessage.error(err.message);
    throw err;
  }
  if (res.ok) return (res.status === 204 ? undefined : await readJson(res)) as T;
  const err = await toError(res);
  if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') hooks.onUnauthorized();
  if (!opts.silent && res.status !== 401) ElMessage.error(err.message);
  throw err;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

async function toError(res: Response): Promise<ApiError> {
  let body: { error?: ApiErrorBody; message?: string } | undefined;
  try {
    body = (await readJson(res)) as typeof body;
  } catch {
    body = undefined;
  }
  const e = body?.error;
  const fallback = res.status === 403 ? t('error.forbidden') : res.status === 401 ? t('error.session') : `HTTP ${res.status}`;
  return new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? body?.message ?? fallback, e?.details);
}

export const get = <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query });
export const post = <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body });
export const patch = <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body });
export const del = <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts);
