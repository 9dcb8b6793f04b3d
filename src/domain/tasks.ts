// Rectification tasks (整改任务): the words the workflow, the store, the API and the dashboard share.
//
//   open ──answer──▶ answered ──re-check fixed / inspector verifies──▶ closed
//     ▲                 │
//     └── reopened ◀────┘ re-check still present / inspector rejects (the unit answers again)
//
// Overdue is not a status: a task past its deadline and not closed is overdue, whatever its status.

export type TaskStatus = 'open' | 'answered' | 'closed' | 'reopened';
export type TaskKind = 'veto' | 'deduction';

export type TaskEventAction =
  | 'create'
  | 'answer'
  | 'recheck-queued'
  | 'recheck-fixed'
  | 'recheck-still-present'
  | 'recheck-inconclusive'
  | 'verify'
  | 'reject'
  | 'overdue';

export type RecheckVerdict = 'still-present' | 'fixed' | 'cannot-recheck';
