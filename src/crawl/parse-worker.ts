// Parse worker: runs the page extractor off the crawl's main thread. One message in per page (input and
// whole body), one message out (the PageFacts). The extractor guards hostile input itself; anything that
// still throws is reported back so the main thread can parse that page in-thread.
import { parentPort } from 'node:worker_threads';
import { createExtractor } from './extract/index.js';
import type { ParseRequest, ParseReply } from './parse-pool.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;

port.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    const ex = createExtractor(req.input);
    // Buffer.from(ArrayBuffer) shares the transferred memory: no copy.
    ex.write(Buffer.from(req.body, 0, req.length));
    reply = { id: req.id, facts: ex.end() };
  } catch (err) {
    reply = { id: req.id, error: (err as Error)?.message ?? String(err) };
  }
  port.postMessage(reply);
});
const ready: ParseReply = { id: 0, ready: true };
port.postMessage(ready);
