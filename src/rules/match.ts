// Evaluates catalogue matchers (check id + field conditions) against findings.
import type { CheckFinding } from '../domain/index.js';
import type { Condition, Matcher } from './schema.js';

/** Reads `check`, `url`, `target`, `evidence` or `detail.a.b` from a finding (as its check reported it). */
export function readPath(f: CheckFinding, path: string): unknown {
  let cur: unknown = f;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function testCondition(value: unknown, cond: Condition): boolean {
  if (cond === null || typeof cond !== 'object') return value === cond;
  if (Array.isArray(cond)) return cond.includes(value as never);
  if (cond.exists !== undefined && (value !== undefined && value !== null) !== cond.exists) return false;
  if (cond.in && !cond.in.includes(value as never)) return false;
  if (cond.notIn && cond.notIn.includes(value as never)) return false;
  if (cond.contains !== undefined && !((typeof value === 'string' || Array.isArray(value)) && value.includes(cond.contains))) return false;
  if (cond.notEmpty !== undefined && ((typeof value === 'string' || Array.isArray(value)) && value.length > 0) !== cond.notEmpty) return false;
  const num = typeof value === 'number' ? value : undefined;
  if (cond.gte !== undefined && !(num !== undefined && num >= cond.gte)) return false;
  if (cond.gt !== undefined && !(num !== undefined && num > cond.gt)) return false;
  if (cond.lte !== undefined && !(num !== undefined && num <= cond.lte)) return false;
  if (cond.lt !== undefined && !(num !== undefined && num < cond.lt)) return false;
  return true;
}

export function matches(f: CheckFinding, m: Matcher): boolean {
  const checks = Array.isArray(m.check) ? m.check : [m.check];
  if (!checks.includes(f.check)) return false;
  for (const [path, cond] of Object.entries(m.where ?? {})) {
    if (!testCondition(readPath(f, path), cond)) return false;
  }
  return true;
}

export function matchesAny(f: CheckFinding, ms: Matcher[]): boolean {
  return ms.some((m) => matches(f, m));
}

/** The key a finding counts under: a field's value, or the finding itself. */
export function distinctKey(f: CheckFinding, path: string | undefined, index: number): string {
  if (!path) return `#${index}`;
  const v = readPath(f, path);
  return v === undefined || v === null ? `#${index}` : `${path}=${String(v)}`;
}
