// Tiny raw HTTP client for the test site: sets the Host header, never resolves names, bounded in time.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawGet(
  port: number,
  host: string,
  path: string,
  opts: { headers?: Record<string, string>; timeoutMs?: number; maxBytes?: number; address?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: opts.address ?? '127.0.0.1', port, path, headers: { host: `${host}:${port}`, ...opts.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (d: Buffer) => {
          chunks.push(d);
          size += d.length;
          if (opts.maxBytes && size >= opts.maxBytes) {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
      },
    );
    // Total deadline, not idle time: /bad/slow-drip is never idle for long.
    const deadline = setTimeout(() => req.destroy(new Error('timeout')), opts.timeoutMs ?? 5000);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', reject);
    req.end();
  });
}
