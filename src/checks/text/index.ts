// The four text checks, and the same checks over an attachment's extracted text.
import type { AttachmentFacts, CheckFinding } from '../../domain/index.js';
import type { CheckContext, PageCheck } from '../types.js';
import { privacyLeakCheck, privacyLeakFindings } from './privacy-leak.js';
import { sensitiveWordCheck, sensitiveWordFindings } from './sensitive-word.js';
import type { TextSource } from './shared.js';
import { typoCheck, typoFindings } from './typo.js';
import { wrongExpressionCheck, wrongExpressionFindings } from './wrong-expression.js';

export const textChecks: PageCheck[] = [typoCheck, wrongExpressionCheck, sensitiveWordCheck, privacyLeakCheck];

const attachmentRunners = [
  ['typo', typoFindings],
  ['wrong-expression', wrongExpressionFindings],
  ['sensitive-word', sensitiveWordFindings],
  ['privacy-leak', privacyLeakFindings],
] as const;

/** Findings carry the attachment's URL and `detail.linkedFrom`. Errors propagate to the runner, which reports them. */
export function runTextChecksOnAttachment(a: AttachmentFacts, ctx: CheckContext): CheckFinding[] {
  if (!a.text) return [];
  const source: TextSource = { url: a.url, title: '', text: a.text, linkedFrom: a.linkedFrom };
  const disabled = new Set(ctx.config.checks.disabled);
  const findings: CheckFinding[] = [];
  for (const [id, run] of attachmentRunners) {
    if (disabled.has(id)) continue;
    findings.push(...run(source, ctx));
  }
  return findings;
}

export { typoCheck, wrongExpressionCheck, sensitiveWordCheck, privacyLeakCheck };
