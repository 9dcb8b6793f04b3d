// How the rules weigh what a check saw: checks report no severity, so tests that care about the weight run
// the findings through the national catalogue, the one place that decides it.
import type { CheckFinding, Finding } from '../../src/domain/index.js';
import { loadCatalogue, score } from '../../src/rules/index.js';

const national = loadCatalogue('national-2019');

export function judge(findings: CheckFinding[]): Finding[] {
  return score(findings, { catalogue: national, portal: false, noExternalService: false }).findings;
}
