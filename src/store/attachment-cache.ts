// The incremental-rescan cache of attachments (migration 0011): per site and URL, the validators of an attachment
// whose text a scan read, the page it was found on, and the text check findings on it. A rescan asks for the
// attachment conditionally, and a 304 stands for its download, its text extraction (a child process) and the
// text checks. Measured on the bench site: 200 attachments a scan, whose checks loaded the typo check's character
// model and built the text engine on a rescan that needed neither for anything else.
import type { Kysely } from 'kysely';
import type { CheckFinding } from '../domain/index.js';
import type { Database } from './types.js';
import { chunks, cleanText, LIMITS } from './codec.js';
import { storedValidators, type CachedValidators } from './page-cache.js';

export interface AttachmentCacheEntry {
  url: string;
  validators: CachedValidators;
  /** The page the attachment was found on: its findings name it. */
  linkedFrom: string;
  findings: CheckFinding[];
}

interface StoredAttachment {
  validators: CachedValidators;
  linkedFrom: string;
  findings: CheckFinding[];
}

/** One site's stored attachments whose findings were computed under one check key (check-key.ts). */
export class SiteAttachmentCache {
  private constructor(
    private readonly db: Kysely<Database>,
    private readonly siteId: number,
    private readonly checkKey: string,
    private readonly stored: Map<string, StoredAttachment>,
  ) {}

  static async open(db: Kysely<Database>, siteId: number, checkKey: string): Promise<SiteAttachmentCache> {
    const rows = await db
      .selectFrom('attachmentCache')
      .select(['url', 'etag', 'lastModified', 'linkedFrom', 'findings'])
      .where('siteId', '=', siteId)
      .where('checkKey', '=', checkKey)
      .execute();
    const stored = new Map<string, StoredAttachment>();
    for (const r of rows) {
      const findings = parseFindings(r.findings);
      const validators = storedValidators(r);
      // A damaged row is not offered: after a 304 there would be no file to read instead.
      if (findings && (r.etag || r.lastModified)) stored.set(r.url, { validators, linkedFrom: r.linkedFrom, findings });
    }
    return new SiteAttachmentCache(db, siteId, checkKey, stored);
  }

  /** The validators to ask with, when the stored findings can stand for this scan's: the attachment was found on
   *  the same page (the findings name it). */
  validators(url: string, linkedFrom: string): CachedValidators | undefined {
    const s = this.stored.get(url);
    return s && s.linkedFrom === linkedFrom ? s.validators : undefined;
  }

  /** The stored findings of an attachment the server said is unchanged. */
  findings(url: string): CheckFinding[] | undefined {
    return this.stored.get(url)?.findings;
  }

  /** Stores (or replaces) attachments whose text this scan read, with their findings. */
  async save(scanId: number, entries: AttachmentCacheEntry[]): Promise<void> {
    const at = new Date().toISOString();
    const rows = entries.map((e) => ({
      siteId: this.siteId,
      url: cleanText(e.url, LIMITS.url),
      etag: e.validators.etag ?? null,
      lastModified: e.validators.lastModified ?? null,
      linkedFrom: cleanText(e.linkedFrom, LIMITS.url),
      checkKey: this.checkKey,
      findings: JSON.stringify(e.findings),
      scanId,
      updatedAt: at,
    }));
    for (const part of chunks(rows, 100)) {
      await this.db
        .insertInto('attachmentCache')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['siteId', 'url']).doUpdateSet((eb) => ({
            etag: eb.ref('excluded.etag'),
            lastModified: eb.ref('excluded.lastModified'),
            linkedFrom: eb.ref('excluded.linkedFrom'),
            checkKey: eb.ref('excluded.checkKey'),
            findings: eb.ref('excluded.findings'),
            scanId: eb.ref('excluded.scanId'),
            updatedAt: eb.ref('excluded.updatedAt'),
          })),
        )
        .execute();
    }
  }

  /** Drops the site's stored attachments a complete scan neither read nor reused (gone, changed beyond reading,
   *  or past the attachment cap), and rows of other check keys. */
  async dropAllBut(kept: Set<string>): Promise<void> {
    const rows = await this.db.selectFrom('attachmentCache').select('url').where('siteId', '=', this.siteId).execute();
    const stale = rows.map((r) => r.url).filter((url) => !kept.has(url));
    for (const part of chunks(stale)) await this.db.deleteFrom('attachmentCache').where('siteId', '=', this.siteId).where('url', 'in', part).execute();
  }
}

function parseFindings(json: string): CheckFinding[] | undefined {
  try {
    const findings = JSON.parse(json) as unknown;
    return Array.isArray(findings) ? (findings as CheckFinding[]) : undefined;
  } catch {
    return undefined;
  }
}
