// Rectification tasks (整改任务): src/server/routes/tasks.ts.
import { get, post, type Page, type Query } from './request';

export type TaskStatus = 'open' | 'answered' | 'closed' | 'reopened';
export type RecheckVerdict = 'still-present' | 'fixed' | 'cannot-recheck';

export interface Task {
  id: number; roundId: number | null; websiteId: number; websiteName: string; websiteUrl: string; unitId: number; unitName: string;
  indicator: string; indicatorName: string; kind: 'veto' | 'deduction'; title: string; status: TaskStatus;
  deadline: string; deadlineYmd: string; deadlineEstimated: boolean; overdue: boolean;
  answer: string | null; answeredAt: string | null; answeredBy: string | null; closedAt: string | null; closedHow: 'recheck' | 'inspector' | null;
  recheckState: 'queued' | 'running' | null; needsInspector: boolean; reopenCount: number; itemCount: number; createdAt: string; updatedAt: string;
}
export interface TaskItem {
  id: number; source: 'machine' | 'manual'; findingId: number | null; scanId: number | null; check: string; url: string; target: string | null;
  evidence: string; message: string; advice: string; detail: Record<string, unknown>;
  result: RecheckVerdict | null; resultReason: string | null; resultAt: string | null;
}
export interface TaskEvent { id: number; at: string; actor: string; action: string; fromStatus: string | null; toStatus: string | null; note: string }
export interface TaskDetail extends Task { items: TaskItem[]; events: TaskEvent[] }
export interface TaskCounts { total: number; open: number; answered: number; reopened: number; closed: number; overdue: number }

export const listTasks = (q: Query) => get<Page<Task>>('/tasks', q);
export const taskSummary = () => get<TaskCounts>('/tasks/summary', undefined, { silent: true });
export const getTask = (id: number) => get<TaskDetail>(`/tasks/${id}`);
export const answerTask = (id: number, answer: string) => post<Task>(`/tasks/${id}/answer`, { answer });
export const verifyTask = (id: number, note: string) => post<Task>(`/tasks/${id}/verify`, { note });
export const rejectTask = (id: number, note: string) => post<Task>(`/tasks/${id}/reject`, { note });
export const recheckTask = (id: number) => post<TaskDetail>(`/tasks/${id}/recheck`);
