// Platform settings: a small key → JSON table with defaults in code.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.js';
import { fromJson, toJson } from './codec.js';
import { writeAudit } from './audit.js';
import type { Actor } from './scope.js';

export interface PlatformSettings {
  /** croner pattern in Asia/Shanghai; a website's own scheduleCron wins. */
  defaultScheduleCron: string;
  /** Page cap for a website without its own maxPages. A city portal is tens of thousands of pages. */
  defaultMaxPages: number;
  /** Rule overlays applied to every scan ('liaoning-2019' …). */
  overlays: string[];
  /** Working days a unit gets to fix a 单项否决 (veto) problem. UNVERIFIED default: 3. */
  taskVetoDays: number;
  /** Working days a unit gets to fix a 扣分 (deduction) problem. UNVERIFIED default: 10. */
  taskDeductionDays: number;
  /** Availability probes per site and day (rules-cn §1.2: at least 20; default 24, hourly). */
  probesPerDay: number;
  /** A probe fails when the home page has not opened within this (rules-cn §1.2: 15 s). */
  probeTimeoutMs: number;
  /** 「找错」 messages: working days to forward a message to its unit (UNVERIFIED national rule, rules-cn §6). */
  messageForwardDays: number;
  /** 「找错」 messages: working days for the unit to reply once forwarded (Liaoning: 3). */
  messageReplyDays: number;
  /** 「找错」 messages: hours before a deadline when the reminder goes out. */
  messageRemindHours: number;
}

/** The fewest probes a day the 站点无法访问 rule accepts (rules-cn §1.2). */
export const MIN_PROBES_PER_DAY = 20;

export const DEFAULT_SETTINGS: PlatformSettings = {
  defaultScheduleCron: '0 2 * * *', // nightly, 02:00
  defaultMaxPages: 100_000,
  overlays: [],
  // UNVERIFIED: no rule we hold fixes these; supervisors set their own on the settings page.
  taskVetoDays: 3,
  taskDeductionDays: 10,
  probesPerDay: 24,
  probeTimeoutMs: 15_000,
  messageForwardDays: 1,
  messageReplyDays: 3,
  messageRemindHours: 24,
};

type Db = Kysely<Database> | Transaction<Database>;

export async function getSettings(db: Db): Promise<PlatformSettings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) out[r.key] = fromJson(r.value, out[r.key]);
  return out as unknown as PlatformSettings;
}

export async function updateSettings(db: Kysely<Database>, actor: Actor, patch: Partial<PlatformSettings>): Promise<PlatformSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getSettings(trx);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || !(key in DEFAULT_SETTINGS)) continue;
      await trx
        .insertInto('settings')
        .values({ key, value: toJson(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: toJson(value) }))
        .execute();
    }
    const after = await getSettings(trx);
    await writeAudit(trx, actor, 'update', 'settings', null, before, after);
    return after;
  });
}
