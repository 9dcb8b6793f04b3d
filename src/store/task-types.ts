// Rectification task tables (migration 0007), camelCase like the rest of the schema.
import type { Generated } from 'kysely';
import type { TaskStatus } from '../domain/tasks.js';

export interface TasksTable {
  id: Generated<number>;
  roundId: number | null;
  websiteId: number;
  unitId: number;
  indicator: string;
  indicatorName: string;
  kind: 'veto' | 'deduction';
  title: string;
  status: TaskStatus;
  deadline: string; // ISO
  deadlineYmd: string;
  deadlineEstimated: number; // 0/1
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  closedAt: string | null;
  closedHow: 'recheck' | 'inspector' | null;
  recheckState: 'queued' | 'running' | null;
  recheckOwner: string | null;
  recheckAt: string | null;
  needsInspector: number; // 0/1
  reopenCount: number;
  overdueNotifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaskItemsTable {
  id: Generated<number>;
  taskId: number;
  source: 'machine' | 'manual';
  findingId: number | null;
  scanId: number | null;
  checkId: string;
  url: string;
  target: string | null;
  evidence: string;
  message: string;
  advice: string;
  detail: string; // JSON
  result: 'still-present' | 'fixed' | 'cannot-recheck' | null;
  resultReason: string | null;
  resultAt: string | null;
}

export interface TaskEventsTable {
  id: Generated<number>;
  taskId: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
}

export interface TaskTables {
  tasks: TasksTable;
  taskItems: TaskItemsTable;
  taskEvents: TaskEventsTable;
}
