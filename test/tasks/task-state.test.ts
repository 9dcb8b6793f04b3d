// The task state machine and the overdue rule, as tables.
import { describe, expect, it } from 'vitest';
import { allowedFrom, isTaskOverdue, nextStatus, recheckOutcome } from '../../src/workflows/task-state.js';

describe('task state machine', () => {
  it('moves open → answered → closed, and back to the unit through reopened', () => {
    expect(nextStatus('open', 'answer')).toBe('answered');
    expect(nextStatus('answered', 'recheck-fixed')).toBe('closed');
    expect(nextStatus('answered', 'recheck-still-present')).toBe('reopened');
    expect(nextStatus('reopened', 'answer')).toBe('answered');
    expect(nextStatus('answered', 'verify')).toBe('closed');
    expect(nextStatus('answered', 'reject')).toBe('reopened');
  });

  it('refuses what the machine does not draw: no answer on a closed task, no rejection of an unanswered one', () => {
    expect(nextStatus('closed', 'answer')).toBeUndefined();
    expect(nextStatus('answered', 'answer')).toBeUndefined();
    expect(nextStatus('open', 'reject')).toBeUndefined();
    expect(nextStatus('closed', 'verify')).toBeUndefined();
    expect(nextStatus('closed', 'recheck-still-present')).toBeUndefined();
    // An unanswered task that is still wrong stays as it was (it was never answered, so never reopened).
    expect(nextStatus('open', 'recheck-still-present')).toBe('open');
    expect(allowedFrom('reject')).toEqual(['answered']);
  });

  it('judges a task by all its items: one still present reopens, all fixed closes, else the inspector', () => {
    expect(recheckOutcome(['fixed', 'fixed'])).toBe('fixed');
    expect(recheckOutcome(['fixed', 'still-present', 'cannot-recheck'])).toBe('still-present');
    expect(recheckOutcome(['fixed', 'cannot-recheck'])).toBe('inconclusive');
    expect(recheckOutcome([])).toBe('inconclusive');
  });

  it('is overdue past the deadline until closed', () => {
    const deadline = '2026-10-09T15:59:59.999Z'; // end of 2026-10-09 in Shanghai
    expect(isTaskOverdue({ status: 'open', deadline }, new Date('2026-10-09T15:59:59.000Z'))).toBe(false);
    expect(isTaskOverdue({ status: 'open', deadline }, new Date('2026-10-09T16:00:00.000Z'))).toBe(true);
    expect(isTaskOverdue({ status: 'answered', deadline }, new Date('2026-10-10T00:00:00.000Z'))).toBe(true);
    expect(isTaskOverdue({ status: 'closed', deadline }, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
  });
});
