// Indexes for the platform's list routes (measured with npm run bench:api): the overview trend reads
// finished scans by time, and the website filter "latest scan has findings of check X" probes findings
// by scan and check.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('scans_status_finished').on('scans').columns(['status', 'finished_at']).execute();
  await db.schema.createIndex('findings_scan_check').on('findings').columns(['scan_id', 'check_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('findings_scan_check').ifExists().execute();
  await db.schema.dropIndex('scans_status_finished').ifExists().execute();
}
