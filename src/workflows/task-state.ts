// The rectification task's state machine (domain/tasks.ts draws it) and the overdue rule, as pure functions:
// the store applies a transition only from the status this table allows, in one conditional update.
import type { RecheckVerdict, TaskStatus } from '../domain/tasks.js';

export type TaskTransition = 'answer' | 'recheck-fixed' | 'recheck-still-present' | 'verify' | 'reject';

const NEXT: Record<TaskTransition, Partial<Record<TaskStatus, TaskStatus>>> = {
  // The unit says what it did (again, after a reopen).
  answer: { open: 'answered', reopened: 'answered' },
  // The machine saw every item fixed: closed, whoever asked for the re-check.
  'recheck-fixed': { open: 'closed', answered: 'closed', reopened: 'closed' },
  // Still there: an answer was wrong (reopened); an unanswered task just stays as it was.
  'recheck-still-present': { open: 'open', answered: 'reopened', reopened: 'reopened' },
  // The inspector's word: a fix seen on the site closes the task, answered or not.
  verify: { open: 'closed', answered: 'closed', reopened: 'closed' },
  reject: { answered: 'reopened' },
};

/** The status after the transition, or undefined when it is not allowed from `from`. */
export function nextStatus(from: TaskStatus, t: TaskTransition): TaskStatus | undefined {
  return NEXT[t][from];
}

/** The statuses a transition may start from. */
export function allowedFrom(t: TaskTransition): TaskStatus[] {
  return Object.keys(NEXT[t]) as TaskStatus[];
}

/** Past its deadline (an ISO instant) and not closed. */
export function isTaskOverdue(task: { status: TaskStatus; deadline: string }, now: Date = new Date()): boolean {
  return task.status !== 'closed' && task.deadline < now.toISOString();
}

/** The task's verdict from its items' re-checks: every item fixed closes it, one still present reopens it,
 *  anything the machine could not judge leaves it to the inspector. */
export function recheckOutcome(verdicts: RecheckVerdict[]): 'fixed' | 'still-present' | 'inconclusive' {
  if (verdicts.includes('still-present')) return 'still-present';
  if (verdicts.length > 0 && verdicts.every((v) => v === 'fixed')) return 'fixed';
  return 'inconclusive';
}
