// Live job progress as server-sent events: the job object as JSON on every change, a comment every 15 s
// to keep proxies from closing the stream, and the end of the stream when the job is done or failed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Job } from '../store/jobs.js';
import type { JobQueue } from '../jobs/queue.js';

const finished = (j: Job) => j.status === 'done' || j.status === 'failed';

export async function streamJob(req: FastifyRequest, reply: FastifyReply, jobs: JobQueue, stored: Job): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const send = (job: Job) => {
    if (closed) return;
    res.write(`event: job\ndata: ${JSON.stringify(job)}\n\n`);
    if (finished(job)) close();
  };
  const unsubscribe = jobs.subscribe(stored.id, send);
  const ping = setInterval(() => !closed && res.write(': ping\n\n'), 15_000);
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribe();
    res.end();
  }
  req.raw.on('close', close);
  send((await jobs.get(stored.id)) ?? stored);
}
