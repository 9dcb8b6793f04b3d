// The 通报 of a published round: its frozen snapshot, the supervisor's settings and draft (下步工作要求,
// number, date), the trend over earlier published rounds, rendered to DOCX, PDF or HTML. Renders run one at
// a time (each PDF or DOCX starts a Chromium), so a burst of downloads cannot flood the machine.
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../domain/dates.js';
import type { Requirement } from '../domain/notice.js';
import type { RoundSnapshot } from '../domain/round.js';
import { renderDocument, renderNotice, type NoticeFormat, type RenderedNotice, type RenderEnv } from '../report/notice/render.js';
import { buildYearlySite, buildYearlySupervision } from '../report/notice/yearly.js';
import { getWebsite } from '../store/inventory.js';
import type { NoticeOptions, TrendPoint } from '../report/notice/options.js';
import { conflict, notFound } from '../store/errors.js';
import { countNumberedNotices, getNoticeDraft, getNoticeSettings, listEarlierRequirements, listNoticeTemplates, type NoticeDraft, type NoticeTemplate, type EarlierRequirements } from '../store/notice.js';
import { getRound } from '../store/rounds.js';
import { getRoundSnapshot } from './rounds.js';
import type { UnitScope } from '../store/scope.js';
import type { Database } from '../store/types.js';

/** Rounds on the trend chart before the current one. */
export const TREND_ROUNDS = 5;

/** Paragraphs a supervisor starts from (the stored templates come after these). */
export const BUILTIN_TEMPLATES: Requirement[] = [
  { heading: '压实主体责任', body: '各地区、各部门要切实履行政府网站和政务新媒体主管主办责任，明确分管负责同志和工作人员，建立健全日常监测、内容审核、值班读网等制度，确保网站和新媒体安全、稳定、规范运行。' },
  { heading: '抓好问题整改', body: '对本次检查发现的问题，相关单位要逐项核实、立行立改，并于10个工作日内将整改情况报市政府办公室。对整改不及时、不到位的，将在下次通报中予以点名。' },
  { heading: '加强内容保障', body: '要及时发布和更新政务信息，确保栏目内容准确、及时、完整，坚决杜绝空白栏目、僵尸栏目，对长期不更新的栏目要及时整合或关停。' },
  { heading: '认真办理网民留言', body: '要高度重视「我为政府网站找错」平台网民留言办理工作，在规定时限内核实处理并答复，确保按时办结率达到100%。' },
  { heading: '强化安全防护', body: '要落实网络安全等级保护制度，加强网站和新媒体账号安全管理，定期开展安全检测和隐私信息排查，防范篡改、暗链和个人信息泄露等风险。' },
];

export async function noticeSnapshot(db: Kysely<Database>, scope: UnitScope, roundId: number): Promise<RoundSnapshot> {
  const round = await getRound(db, scope, roundId); // not found → 404
  if (round.status !== 'published') throw conflict('检查轮次尚未发布，发布后才能生成通报');
  return getRoundSnapshot(db, scope, roundId);
}

/** Verdict counts of up to TREND_ROUNDS published rounds before this one, oldest first. */
export async function trendBefore(db: Kysely<Database>, scope: UnitScope, snapshot: RoundSnapshot): Promise<TrendPoint[]> {
  const earlier = await db.selectFrom('rounds').select(['id']).where('status', '=', 'published')
    .where((eb) => eb.or([eb('year', '<', snapshot.year), eb.and([eb('year', '=', snapshot.year), eb('seq', '<', snapshot.seq)])]))
    .orderBy('year', 'desc').orderBy('seq', 'desc').limit(TREND_ROUNDS).execute();
  const points: TrendPoint[] = [];
  for (const { id } of earlier.reverse()) {
    const s = await getRoundSnapshot(db, scope, Number(id));
    const n = (v: string) => s.sites.filter((x) => x.verdict === v).length;
    points.push({ label: `${s.year}年第${s.seq}次`, total: s.sites.length, qualified: n('qualified'), unqualified: n('unqualified'), incomplete: n('incomplete') });
  }
  return points;
}

export async function noticeOptions(db: Kysely<Database>, scope: UnitScope, snapshot: RoundSnapshot, draft?: NoticeDraft): Promise<NoticeOptions> {
  const d = draft ?? (await getNoticeDraft(db, snapshot.id));
  return {
    settings: await getNoticeSettings(db),
    docNumber: d.docNumber,
    date: d.issuedOn ?? shanghaiDate(),
    requirements: d.requirements,
    trend: await trendBefore(db, scope, snapshot),
  };
}

let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export interface NoticeFile extends RenderedNotice {
  fileName: string;
}

export async function generateNotice(db: Kysely<Database>, scope: UnitScope, roundId: number, format: NoticeFormat, env: RenderEnv = {}): Promise<NoticeFile> {
  const snapshot = await noticeSnapshot(db, scope, roundId);
  const options = await noticeOptions(db, scope, snapshot);
  const rendered = await oneAtATime(() => renderNotice(snapshot, options, format, env));
  return { ...rendered, fileName: `${rendered.doc.title}.${format}` };
}

export interface NoticeEditorData {
  draft: NoticeDraft;
  templates: Array<NoticeTemplate | (Requirement & { id: null })>;
  earlier: EarlierRequirements[];
  published: boolean;
}

/** What the round page's 「下步工作要求」 editor shows. */
export async function noticeEditorData(db: Kysely<Database>, scope: UnitScope, roundId: number): Promise<NoticeEditorData> {
  const round = await getRound(db, scope, roundId).catch(() => undefined);
  if (!round) throw notFound('检查轮次');
  return {
    draft: await getNoticeDraft(db, roundId),
    templates: [...BUILTIN_TEMPLATES.map((t) => ({ ...t, id: null })), ...(await listNoticeTemplates(db))],
    earlier: await listEarlierRequirements(db, roundId),
    published: round.status === 'published',
  };
}

/** The year's published rounds, in order, as the caller's scope sees them. */
export async function yearSnapshots(db: Kysely<Database>, scope: UnitScope, year: number): Promise<RoundSnapshot[]> {
  const rows = await db.selectFrom('rounds').select('id').where('status', '=', 'published').where('year', '=', year).orderBy('seq').execute();
  const out: RoundSnapshot[] = [];
  for (const r of rows) out.push(await getRoundSnapshot(db, scope, Number(r.id)));
  return out;
}

export interface YearlyFile {
  title: string;
  body: Buffer;
  fileName: string;
}

/** 《政府网站与政务新媒体监管工作年度报表》 (supervisor), or with a website id that site's 《政府网站工作年度报表》. */
export async function generateYearly(db: Kysely<Database>, scope: UnitScope, year: number, format: NoticeFormat, websiteId?: number, env: RenderEnv = {}): Promise<YearlyFile> {
  const website = websiteId === undefined ? undefined : await getWebsite(db, scope, websiteId); // another unit's site → 404
  const rounds = await yearSnapshots(db, scope, year);
  const base = { office: (await getNoticeSettings(db)).office, date: shanghaiDate(), noticesIssued: await countNumberedNotices(db, year) };
  const doc = website
    ? buildYearlySite(year, website.id, rounds, { ...base, site: { name: website.name, url: website.url, unitName: website.unitName ?? '', kind: website.kind } })
    : buildYearlySupervision(year, rounds, base);
  const { body } = await oneAtATime(() => renderDocument(doc, [], format, env));
  return { title: doc.title, body, fileName: `${doc.title}.${format}` };
}
