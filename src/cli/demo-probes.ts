// The demo's availability probe history: hourly probes of every demo site over the last DAYS days, generated
// deterministically (the same pattern relative to the start time, no randomness) and written through the
// store. One site fails 3 probes in every 50 consecutive hours (6%), so any rolling week holds 9 to 12
// failures in its 168 probes (5.4%–7.1%) and its 站点无法访问 veto fires; the others are clean.
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { insertProbes, type ProbeRecord } from '../store/probes.js';

const HOUR_MS = 3_600_000;
/** Longer than a week, so a round cut off at the end of last month still finds a full window. */
export const DEMO_PROBE_DAYS = 40;

export interface DemoProbeSite {
  websiteId: number;
  /** Fails 6% of its probes. */
  failing: boolean;
}

/** The probe of hour `h` before `now` for one site (site index `i` sets its minute inside the hour). */
function demoProbe(site: DemoProbeSite, i: number, h: number, now: number): ProbeRecord {
  const at = now - h * HOUR_MS + ((i * 617 + 97) % 3000) * 1000 - HOUR_MS; // a fixed minute per site, always in the past
  const fails = site.failing && (h * 7 + i) % 50 < 3;
  const ms = 60 + ((h * 37 + i * 53) % 240); // 60–299 ms, varied but reproducible
  if (!fails) return { websiteId: site.websiteId, at: new Date(at).toISOString(), ok: true, status: 200, ms };
  return h % 2 === 0
    ? { websiteId: site.websiteId, at: new Date(at).toISOString(), ok: false, status: 0, ms: 15_000, error: '首页 15 秒内未打开' }
    : { websiteId: site.websiteId, at: new Date(at).toISOString(), ok: false, status: 503, ms: 40 + (h % 90), error: '首页返回 HTTP 503' };
}

/** Writes DEMO_PROBE_DAYS days of hourly probes for each site, ending before `now`. */
export async function seedDemoProbes(db: Kysely<Database>, sites: readonly DemoProbeSite[], now: Date = new Date()): Promise<number> {
  const rows: ProbeRecord[] = [];
  sites.forEach((site, i) => {
    for (let h = 0; h < DEMO_PROBE_DAYS * 24; h++) rows.push(demoProbe(site, i, h, now.getTime()));
  });
  await insertProbes(db, rows);
  return rows.length;
}
