import { apiUrl, get, type Page } from './request';
import type { Job, JobStatus } from './types';

export const listJobs = (q: { status?: JobStatus; websiteId?: number | string } = {}) => get<Page<Job>>('/jobs', q, { silent: true });
export const getJob = (id: number | string) => get<Job>(`/jobs/${id}`, undefined, { silent: true });
/** Server-sent events of a job as it changes; the caller falls back to polling when the stream fails. */
export const jobEventsUrl = (id: number | string) => apiUrl(`/jobs/${id}/events`);
