// Matching scan findings against the manifest of planted defects (used by the tests and the demo).
import type { CheckFinding } from '../src/domain/index.js';
import type { PlantedDefect } from './manifest.js';

export function matchesPlanted(f: CheckFinding, d: PlantedDefect): boolean {
  if (f.check !== d.check || f.url !== d.url) return false;
  if (d.target !== undefined && f.target !== d.target) return false;
  if (d.evidence !== undefined && !f.evidence.includes(d.evidence) && !maskedFormOf(f, d.evidence)) return false;
  for (const [k, v] of Object.entries(d.detail ?? {})) {
    if (JSON.stringify((f.detail as Record<string, unknown>)[k]) !== JSON.stringify(v)) return false;
  }
  return true;
}

/** Planted defects no finding reports (`missed`), and findings no planted defect explains (`extra`). */
export function compareWithManifest<F extends CheckFinding>(findings: F[], manifest: PlantedDefect[]) {
  const missed = manifest.filter((d) => !findings.some((f) => matchesPlanted(f, d)));
  const extra = findings.filter((f) => !manifest.some((d) => d.check === f.check && d.url === f.url && (d.target === undefined || d.target === f.target)));
  return { missed, extra };
}

/** Privacy findings quote the number partly masked (a report must not spread the leak further): the planted
 *  number must fit the mask, e.g. 210802********0217 for 210802197806150217. */
function maskedFormOf(f: CheckFinding, planted: string): boolean {
  if (f.check !== 'privacy-leak' || typeof f.detail.masked !== 'string') return false;
  const masked = f.detail.masked;
  const digits = planted.replace(/[\s-]/g, '');
  if (masked.length !== digits.length) return false;
  return [...masked].every((ch, i) => ch === '*' || ch === digits[i]);
}
