// Child-process side of the attachment sandbox: parses one hostile file at a time and answers over IPC.
import { extractAttachmentText } from './attachments.js';

interface Job { id: number; body: Uint8Array; contentType: string; url: string; limits: { maxChars: number; timeoutMs: number } }

process.on('message', async (job: Job) => {
  const result = await extractAttachmentText(Buffer.from(job.body), job.contentType, job.url, job.limits);
  process.send?.({ id: job.id, result });
});
process.on('disconnect', () => process.exit(0));
