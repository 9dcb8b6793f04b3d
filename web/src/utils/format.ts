// Every date is shown in Asia/Shanghai, whatever the browser's zone.
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateTime.format(d).replace(/\//g, '-');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  // A calendar day (the API's trend dates are Beijing days already): shown as it is.
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateOnly.format(d).replace(/\//g, '-');
}

export function formatScore(score: number | null | undefined): string {
  return score == null ? '—' : (Math.round(score * 10) / 10).toString();
}

/** JSON for before/after in the audit log, shown as text. */
export function formatJson(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return JSON.stringify(value, null, 2);
}

/** Only http(s) URLs become links; anything else (javascript:, data:) stays plain text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The last `n` calendar days in Asia/Shanghai, oldest first, as YYYY-MM-DD. */
export function beijingDays(n: number, now = Date.now()): string[] {
  const today = Date.parse(`${new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
