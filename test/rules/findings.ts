// Builds findings the way the checks emit them (no severity, no indicator), for the scorer's worked examples.
import type { CheckFinding, CheckId } from '../../src/domain/index.js';

let n = 0;
/** `detail` is loose on purpose: the scorer reads only the fields a rule names, and tests give just those. */
export function f(check: CheckId, detail: Record<string, unknown> = {}, over: { url?: string; target?: string } = {}): CheckFinding {
  n += 1;
  return {
    check,
    url: over.url ?? `http://www.example.gov.cn/p/${n}.html`,
    evidence: 'x',
    message: '测试',
    detail: { advice: '整改', ...detail },
    ...(over.target ? { target: over.target } : {}),
  } as CheckFinding;
}

export const homeDeadLink = (i: number) =>
  f('dead-link', { location: 'home', internal: true, status: 404, outcome: 'http-error' }, { url: 'http://www.example.gov.cn/', target: `http://www.example.gov.cn/bad/${i}.html` });
export const pageDeadLink = (i: number, page = 1) =>
  f('dead-link', { location: 'page', internal: true, status: 404, outcome: 'http-error' }, { url: `http://www.example.gov.cn/a/${page}.html`, target: `http://www.example.gov.cn/bad/p${i}.html` });
export const staleColumn = (name: string, type: string, level: 1 | 2, url = `http://www.example.gov.cn/${encodeURIComponent(name)}/`) =>
  f('stale-column', { column: name, type, level, days: 400, newest: '2023-01-01' }, { url });
export const emptyColumn = (name: string, url = `http://www.example.gov.cn/${encodeURIComponent(name)}/`) => f('empty-column', { column: name }, { url });
