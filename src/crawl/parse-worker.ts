// Parse worker: runs the page extractor off the crawl's main thread. One message in per page (input and
// whole body), one message out (the PageFacts, plus the pool's processor result for the page). The
// extractor guards hostile input itself; anything that still throws is reported back so the main thread
// can parse that page in-thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createExtractor } from './extract/index.js';
import { loadProcessor, runProcessor, type ParseRequest, type ParseReply, type ParseWorkerData } from './parse-pool.js';
import { LinkRunSender } from './link-runs.js';

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
const spec = (workerData as ParseWorkerData | undefined)?.processor;
// Loaded before "ready", so no page reaches this worker before its processor exists. A processor that
// cannot load leaves pages without extra; the caller then does that work itself.
const processor = spec ? await loadProcessor(spec) : undefined;
const linkRuns = new LinkRunSender();

port.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    const ex = createExtractor(req.input);
    // Buffer.from(ArrayBuffer) shares the transferred memory: no copy.
    ex.write(Buffer.from(req.body, 0, req.length));
    const { facts, extra } = runProcessor(processor, ex.end());
    // The links travel beside the facts, their repeated runs by number (link-runs.ts).
    const links = linkRuns.encode(facts.links);
    facts.links = [];
    reply = { id: req.id, facts, links, extra };
  } catch (err) {
    reply = { id: req.id, error: (err as Error)?.message ?? String(err) };
  }
  try {
    port.postMessage(reply);
  } catch {
    // An extra that cannot be cloned: the page still goes back, without it.
    port.postMessage({ ...reply, extra: undefined });
  }
});
const ready: ParseReply = { id: 0, ready: true };
port.postMessage(ready);
