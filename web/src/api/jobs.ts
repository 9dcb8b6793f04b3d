import { apiUrl, get, type Page } from './request';
import type { Job, JobStatus } from './types';

export const listJobs = (status?: JobStatus) => get<Page<Job>>('/jobs', { status });
export const getJob = (id: number | string) => get<Job>(`/jobs/${id}`, undefined, { silent: true });
/** Server-sent events of a job as it changes; the caller falls back to polling when the stream fails. */
export const jobEventsUrl = (id: number | string) => apiUrl(`/jobs/${id}/events`);
