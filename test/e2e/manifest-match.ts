// Test helpers over the synthetic site's manifest matching (testsite/match.ts).
import type { Finding } from '../../src/domain/index.js';
import type { PlantedDefect } from '../../testsite/index.js';
export { compareWithManifest as compare, matchesPlanted as matches } from '../../testsite/index.js';

export function describe(list: Array<Finding | PlantedDefect>): string {
  return list.map((x) => `${x.check} @ ${x.url}${x.target ? ' → ' + x.target : ''}${'evidence' in x && x.evidence ? ` «${String(x.evidence).slice(0, 60)}»` : ''}`).join('\n');
}
