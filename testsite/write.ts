// Writes every page of a site to a directory so nginx can serve the same URLs (benchmarks).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TestSiteOptions } from './model.js';
import { createSite } from './site.js';

/** Map a URL path to a file path under dir ('/' → index.html). */
export function fileForPath(dir: string, urlPath: string): string {
  const rel = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
  return join(dir, ...rel.split('/').filter(Boolean));
}

export async function writeSiteToDir(dir: string, opts: TestSiteOptions & { origin: string }): Promise<{ files: number; bytes: number }> {
  const site = createSite(opts);
  const made = new Set<string>();
  let files = 0;
  let bytes = 0;
  const batch: Array<Promise<void>> = [];
  const flush = async () => {
    await Promise.all(batch);
    batch.length = 0;
  };
  for (const path of site.allPaths()) {
    const r = site.render(path, { headers: {} });
    if (r.status !== 200) continue;
    const file = fileForPath(dir, path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    batch.push(writeFile(file, r.body));
    files++;
    bytes += r.body.length;
    if (batch.length >= 64) await flush();
  }
  await flush();
  return { files, bytes };
}
