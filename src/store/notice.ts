// The 通报's stored parts: the settings (office, 代字, addressees; settings key 'notice'), each round's draft
// (下步工作要求, document number numbered per year, 成文日期) and the paragraph templates. Every change
// writes an audit row in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings, type Requirement } from '../domain/notice.js';
import type { Database } from './types.js';
import { fromJson, toJson } from './codec.js';
import { writeAudit } from './audit.js';
import { conflict, notFound } from './errors.js';
import type { Actor } from './scope.js';

type Db = Kysely<Database> | Transaction<Database>;
const SETTINGS_KEY = 'notice';

export interface NoticeDraft {
  roundId: number;
  requirements: Requirement[];
  docNumber: { year: number; seq: number } | null;
  issuedOn: string | null;
  updatedAt: string | null;
}

export interface NoticeTemplate {
  id: number;
  heading: string;
  body: string;
  createdAt: string;
}

export interface EarlierRequirements {
  roundId: number;
  roundTitle: string;
  month: string;
  requirements: Requirement[];
}

export async function getNoticeSettings(db: Db): Promise<NoticeSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const stored = fromJson<Partial<NoticeSettings>>(row?.value, {});
  const out: Record<string, unknown> = { ...DEFAULT_NOTICE_SETTINGS };
  for (const [k, v] of Object.entries(stored ?? {})) if (k in DEFAULT_NOTICE_SETTINGS && typeof v === typeof out[k]) out[k] = v;
  return out as unknown as NoticeSettings;
}

export async function saveNoticeSettings(db: Kysely<Database>, actor: Actor, patch: Partial<NoticeSettings>): Promise<NoticeSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await getNoticeSettings(trx);
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && k in DEFAULT_NOTICE_SETTINGS)) } as NoticeSettings;
    await trx.insertInto('settings').values({ key: SETTINGS_KEY, value: toJson(after) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: toJson(after) })).execute();
    await writeAudit(trx, actor, 'update', 'notice-settings', null, before, after);
    return after;
  });
}

function toDraft(roundId: number, row: { requirements: string; docYear: number | null; docSeq: number | null; issuedOn: string | null; updatedAt: string } | undefined): NoticeDraft {
  return {
    roundId,
    requirements: fromJson<Requirement[]>(row?.requirements, []),
    docNumber: row?.docYear != null && row.docSeq != null ? { year: Number(row.docYear), seq: Number(row.docSeq) } : null,
    issuedOn: row?.issuedOn ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function getNoticeDraft(db: Db, roundId: number): Promise<NoticeDraft> {
  const row = await db.selectFrom('noticeDrafts').selectAll().where('roundId', '=', roundId).executeTakeFirst();
  return toDraft(roundId, row);
}

async function assertRound(db: Db, roundId: number): Promise<void> {
  const round = await db.selectFrom('rounds').select('id').where('id', '=', roundId).executeTakeFirst();
  if (!round) throw notFound('检查轮次');
}

/** Saves the 下步工作要求 and the 成文日期; the number is assigned separately, once. */
export async function saveNoticeDraft(db: Kysely<Database>, actor: Actor, roundId: number, input: { requirements: Requirement[]; issuedOn: string | null }): Promise<NoticeDraft> {
  return db.transaction().execute(async (trx) => {
    await assertRound(trx, roundId);
    const before = await getNoticeDraft(trx, roundId);
    const now = new Date().toISOString();
    const values = { requirements: toJson(input.requirements), issuedOn: input.issuedOn, updatedAt: now, updatedBy: actor.id };
    await trx.insertInto('noticeDrafts').values({ roundId, ...values })
      .onConflict((oc) => oc.column('roundId').doUpdateSet(values)).execute();
    const after = await getNoticeDraft(trx, roundId);
    await writeAudit(trx, actor, 'update', 'notice-draft', roundId, before, after);
    return after;
  });
}

/**
 * Gives the round's 通报 the next number of the year (〔YYYY〕N号), once: a numbered draft keeps its number.
 * The unique (year, seq) constraint settles two supervisors numbering at once; the loser retries.
 */
export async function assignNoticeNumber(db: Kysely<Database>, actor: Actor, roundId: number, year: number): Promise<NoticeDraft> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        await assertRound(trx, roundId);
        const before = await getNoticeDraft(trx, roundId);
        if (before.docNumber) return before;
        const max = await trx.selectFrom('noticeDrafts').select((eb) => eb.fn.max('docSeq').as('max')).where('docYear', '=', year).executeTakeFirst();
        const seq = Number(max?.max ?? 0) + 1;
        const now = new Date().toISOString();
        await trx.insertInto('noticeDrafts').values({ roundId, requirements: '[]', docYear: year, docSeq: seq, issuedOn: null, updatedAt: now, updatedBy: actor.id })
          .onConflict((oc) => oc.column('roundId').doUpdateSet({ docYear: year, docSeq: seq, updatedAt: now, updatedBy: actor.id })).execute();
        const after = await getNoticeDraft(trx, roundId);
        await writeAudit(trx, actor, 'number', 'notice-draft', roundId, before, after);
        return after;
      });
    } catch (e) {
      if (attempt === 2 || !/unique|duplicate/i.test(String((e as Error).message))) throw e;
    }
  }
  throw conflict('文号分配冲突，请重试');
}

/** Earlier rounds' 下步工作要求, newest first, for reuse in the editor. */
export async function listEarlierRequirements(db: Db, exceptRoundId: number, limit = 12): Promise<EarlierRequirements[]> {
  const rows = await db.selectFrom('noticeDrafts').innerJoin('rounds', 'rounds.id', 'noticeDrafts.roundId')
    .select(['noticeDrafts.roundId', 'rounds.title', 'rounds.month', 'noticeDrafts.requirements'])
    .where('noticeDrafts.roundId', '!=', exceptRoundId).where('noticeDrafts.requirements', '!=', '[]')
    .orderBy('rounds.year', 'desc').orderBy('rounds.seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ roundId: Number(r.roundId), roundTitle: r.title, month: r.month, requirements: fromJson<Requirement[]>(r.requirements, []) }));
}

export async function listNoticeTemplates(db: Db): Promise<NoticeTemplate[]> {
  const rows = await db.selectFrom('noticeTemplates').select(['id', 'heading', 'body', 'createdAt']).orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function countNoticeTemplates(db: Db): Promise<number> {
  const row = await db.selectFrom('noticeTemplates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function createNoticeTemplate(db: Kysely<Database>, actor: Actor, input: Requirement): Promise<NoticeTemplate> {
  return db.transaction().execute(async (trx) => {
    const createdAt = new Date().toISOString();
    const row = await trx.insertInto('noticeTemplates').values({ heading: input.heading, body: input.body, createdAt, createdBy: actor.id }).returning('id').executeTakeFirstOrThrow();
    const template = { id: Number(row.id), heading: input.heading, body: input.body, createdAt };
    await writeAudit(trx, actor, 'create', 'notice-template', template.id, null, template);
    return template;
  });
}

export async function deleteNoticeTemplate(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('noticeTemplates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('模板');
    await trx.deleteFrom('noticeTemplates').where('id', '=', id).execute();
    await writeAudit(trx, actor, 'delete', 'notice-template', id, before, null);
  });
}

/** 通报 numbered in a year (the 检查结果公开 figure of the yearly report). */
export async function countNumberedNotices(db: Db, year: number): Promise<number> {
  const row = await db.selectFrom('noticeDrafts').select((eb) => eb.fn.countAll().as('n')).where('docYear', '=', year).executeTakeFirst();
  return Number(row?.n ?? 0);
}
