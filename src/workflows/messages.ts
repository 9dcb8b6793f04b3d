// 「我为政府网站找错」 messages (rules-cn §6): intake from the public form and from the national platform's
// exports, dispatch to the unit that owns the named site, deadlines in Chinese working days (forwarding
// within messageForwardDays, the reply within messageReplyDays of forwarding), reminders and overdue
// notices, the reply published on a public page found by tracking number, and the monthly statistics.
//
//   received ──dispatch──▶ dispatched ──answer──▶ answered ──publish──▶ published
//       │                    ▲   │                   │
//       │                    └───┼──── return ───────┘
//       └────────────────────────┴──── reject / invalid (with a reason) ──▶ rejected · invalid
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MessageStats } from '../domain/round.js';
import { shanghaiDate } from '../domain/dates.js';
import { addWorkingDays } from '../calendar/working-days.js';
import type { Database } from '../store/types.js';
import type { MessageSource, MessageStatus } from '../store/message-types.js';
import { SYSTEM_ACTOR, type Actor, type UnitScope } from '../store/scope.js';
import { conflict, invalid, notFound } from '../store/errors.js';
import { writeAudit } from '../store/audit.js';
import { getSettings, type PlatformSettings } from '../store/settings.js';
import * as store from '../store/messages.js';
import type { MessageRow } from '../store/messages.js';
import { notify, type Mailer, type Recipients } from '../notify/index.js';

export const MESSAGE_CATEGORIES = {
  'dead-link': '链接无法访问',
  stale: '内容更新不及时',
  typo: '错别字或表述错误',
  inaccurate: '信息不准确',
  service: '办事服务不实用',
  interaction: '互动回应差',
  other: '其他',
} as const;
export type MessageCategory = keyof typeof MESSAGE_CATEGORIES;
export const CATEGORY_CODES = Object.keys(MESSAGE_CATEGORIES) as [MessageCategory, ...MessageCategory[]];

export const STATUS_LABELS: Record<MessageStatus, string> = {
  received: '待转办', dispatched: '办理中', answered: '已答复待发布', published: '已发布', rejected: '不予受理', invalid: '无效留言',
};

/** The public form's bounds (the store's caps are looser, for imports). */
export const PUBLIC_LIMITS = { title: 100, content: 2000, contactName: 50, contact: 100, url: 500 } as const;

const SUPERVISORS: Recipients = { roles: ['supervisor'] };
const CLOSED: MessageStatus[] = ['published', 'rejected', 'invalid'];

export interface MessageView extends MessageRow {
  categoryLabel: string;
  /** The deadline of the current step (forwarding or reply), null once there is none. */
  dueAt: string | null;
  forwardOverdue: boolean;
  replyOverdue: boolean;
  overdue: boolean;
}

export interface WorkflowOptions {
  mailer?: Mailer;
  now?: Date;
}

// ---------- deadlines and overdue (pure) ----------

/** Forwarding was (or is) late: dispatched after its deadline, or still undispatched past it. */
export function forwardLate(m: Pick<MessageRow, 'status' | 'forwardDeadline' | 'dispatchedAt' | 'closedAt'>, now: Date): boolean {
  const done = m.dispatchedAt ?? (m.status === 'received' ? now.toISOString() : m.closedAt);
  return done != null && done > m.forwardDeadline;
}

/** The reply was (or is) late: answered after its deadline, or still unanswered past it. */
export function replyLate(m: Pick<MessageRow, 'status' | 'replyDeadline' | 'repliedAt' | 'closedAt'>, now: Date): boolean {
  if (!m.replyDeadline) return false;
  const done = m.status === 'dispatched' ? now.toISOString() : m.repliedAt ?? m.closedAt;
  return done != null && done > m.replyDeadline;
}

export function view(m: MessageRow, now: Date): MessageView {
  const dueAt = m.status === 'received' ? m.forwardDeadline : m.status === 'dispatched' ? m.replyDeadline : null;
  const fLate = forwardLate(m, now);
  const rLate = replyLate(m, now);
  return {
    ...m,
    categoryLabel: MESSAGE_CATEGORIES[m.category as MessageCategory] ?? m.category,
    dueAt,
    forwardOverdue: fLate,
    replyOverdue: rLate,
    overdue: fLate || rLate,
  };
}

// ---------- tracking numbers and site matching ----------

const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I
const TRACKING_RANDOM = 8; // 32^8 ≈ 1.1e12 per day: not guessable at the lookup's rate limit

/** ZC + the Shanghai date + 8 random characters, e.g. ZC20261203-7KQ4M2XH. */
export function newTrackingNo(now = new Date()): string {
  let tail = '';
  for (let i = 0; i < TRACKING_RANDOM; i++) tail += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `ZC${shanghaiDate(now).replaceAll('-', '')}-${tail}`;
}

export const TRACKING_NO = /^ZC\d{8}-[23456789A-HJ-NP-Z]{8}$/;

export function hostOf(url: string): string | undefined {
  const trimmed = url.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

const bareHost = (h: string) => h.replace(/^www\./, '');

export interface SiteCandidate {
  id: number;
  name: string;
  url: string;
  subsites: string;
  unitId: number;
}

/** The registered website a message names: by id, else by host (its own or a sub-site's), else by exact name. */
export function matchWebsite(sites: SiteCandidate[], named: { websiteId?: number | null; url?: string; name?: string }): SiteCandidate | undefined {
  if (named.websiteId) return sites.find((s) => s.id === named.websiteId);
  const host = named.url ? hostOf(named.url) : undefined;
  if (host) {
    const own = sites.find((s) => { const h = hostOf(s.url); return h !== undefined && bareHost(h) === bareHost(host); });
    if (own) return own;
    const sub = sites.find((s) => subsitesOf(s).some((x) => bareHost(x) === bareHost(host)));
    if (sub) return sub;
  }
  const name = named.name?.trim();
  return name ? sites.find((s) => s.name === name) : undefined;
}

function subsitesOf(s: SiteCandidate): string[] {
  try {
    const list = JSON.parse(s.subsites) as unknown;
    return Array.isArray(list) ? list.map((x) => hostOf(String(x))).filter((x): x is string => Boolean(x)) : [];
  } catch {
    return [];
  }
}

async function uniqueTrackingNo(db: Kysely<Database>, now: Date): Promise<string> {
  for (;;) {
    const no = newTrackingNo(now);
    if (!(await store.trackingNoTaken(db, no))) return no;
  }
}

// ---------- intake ----------

export interface PublicSubmission {
  websiteId?: number | null;
  siteUrl?: string;
  pageUrl?: string;
  category: MessageCategory;
  title: string;
  content: string;
  contactName?: string;
  contact?: string;
}

export interface Intake {
  source: MessageSource;
  externalNo: string | null;
  site: SiteCandidate | undefined;
  siteName: string;
  siteUrl: string;
  pageUrl: string;
  category: MessageCategory;
  title: string;
  content: string;
  contactName: string;
  contact: string;
  receivedAt: Date;
}

/** A message from the public form. The site is one from the public list, or named by its address. */
export async function submitPublicMessage(db: Kysely<Database>, actor: Actor, input: PublicSubmission, opts: WorkflowOptions = {}): Promise<{ trackingNo: string }> {
  const site = await namedSite(db, input);
  const now = opts.now ?? new Date();
  const [created] = await receive(db, actor, [{
    source: 'public', externalNo: null, site, siteName: site?.name ?? '', siteUrl: site?.url ?? (input.siteUrl ?? '').trim(),
    pageUrl: (input.pageUrl ?? '').trim(), category: input.category, title: input.title.trim(), content: input.content.trim(),
    contactName: (input.contactName ?? '').trim(), contact: (input.contact ?? '').trim(), receivedAt: now,
  }], now);
  await notify(db, SUPERVISORS, {
    title: '新的「我为政府网站找错」留言',
    body: `收到留言 ${created!.trackingNo}：「${input.title.trim()}」（${site?.name ?? input.siteUrl ?? ''}），请在转办时限内转办。`,
    link: `/messages/${created!.id}`,
  }, opts.mailer);
  return { trackingNo: created!.trackingNo };
}

async function namedSite(db: Kysely<Database>, input: PublicSubmission): Promise<SiteCandidate | undefined> {
  const sites = await store.websitesForMatching(db);
  if (input.websiteId) {
    const site = matchWebsite(sites, { websiteId: input.websiteId });
    if (!site) throw invalid('所选网站不存在，请重新选择');
    return site;
  }
  const url = (input.siteUrl ?? '').trim();
  if (!url) throw invalid('请选择网站，或填写网站地址');
  if (!/^https?:\/\//i.test(url) || !hostOf(url)) throw invalid('网站地址应以 http:// 或 https:// 开头');
  return matchWebsite(sites, { url });
}

/** Writes received messages in one transaction with their events and audit rows. */
export async function receive(db: Kysely<Database>, actor: Actor, intakes: Intake[], now = new Date()): Promise<Array<{ id: number; trackingNo: string }>> {
  const settings = await getSettings(db);
  const numbers: string[] = [];
  for (const i of intakes) numbers.push(await uniqueTrackingNo(db, i.receivedAt));
  return db.transaction().execute(async (trx) => {
    const out: Array<{ id: number; trackingNo: string }> = [];
    for (const [k, i] of intakes.entries()) {
      const forward = addWorkingDays(i.receivedAt, settings.messageForwardDays);
      const stamp = now.toISOString();
      const id = await store.insertMessage(trx, {
        trackingNo: numbers[k]!, source: i.source, externalNo: i.externalNo, websiteId: i.site?.id ?? null, siteName: i.siteName,
        siteUrl: i.siteUrl, pageUrl: i.pageUrl, unitId: i.site?.unitId ?? null, category: i.category, title: i.title, content: i.content,
        contactName: i.contactName, contact: i.contact, status: 'received', reason: null, receivedAt: i.receivedAt.toISOString(),
        forwardDeadline: forward.deadline, forwardDeadlineEstimated: forward.estimated ? 1 : 0, dispatchedAt: null, replyDeadline: null,
        replyDeadlineEstimated: 0, reply: null, repliedAt: null, repliedBy: null, publishedAt: null, closedAt: null, createdAt: stamp, updatedAt: stamp,
      });
      await store.addMessageEvent(trx, { messageId: id, actor: actor.username, action: i.source === 'public' ? 'submit' : 'import', fromStatus: null, toStatus: 'received', note: i.externalNo });
      await writeAudit(trx, actor, i.source === 'public' ? 'submit' : 'import', 'message', id, null, { trackingNo: numbers[k], source: i.source, externalNo: i.externalNo, websiteId: i.site?.id ?? null, title: i.title });
      out.push({ id, trackingNo: numbers[k]! });
    }
    return out;
  });
}

// ---------- the steps ----------

async function transition(
  db: Kysely<Database>,
  scope: UnitScope,
  id: number,
  step: { action: string; from: MessageStatus[]; to: MessageStatus; note?: string | null; patch: (m: MessageRow, s: PlatformSettings) => store.MessagePatch; check?: (m: MessageRow) => void },
): Promise<MessageRow> {
  const settings = await getSettings(db);
  return db.transaction().execute(async (trx) => {
    const before = await store.getMessage(trx, scope, id);
    if (!step.from.includes(before.status)) throw conflict(`留言当前状态为「${STATUS_LABELS[before.status]}」，不能执行此操作`);
    step.check?.(before);
    await store.updateMessageRow(trx, id, { ...step.patch(before, settings), status: step.to });
    await store.addMessageEvent(trx, { messageId: id, actor: scope.actor.username, action: step.action, fromStatus: before.status, toStatus: step.to, note: step.note ?? null });
    const after = await store.getMessage(trx, scope, id);
    await writeAudit(trx, scope.actor, step.action, 'message', id, auditView(before), auditView(after));
    return after;
  });
}

/** The audit keeps the workflow fields, not the sender's contact details. */
function auditView(m: MessageRow) {
  const { contact: _c, contactName: _n, content: _t, ...rest } = m;
  return rest;
}

/** Forwards a message to a unit (the site's owner by default); again while dispatched, to another unit. */
export async function dispatchMessage(db: Kysely<Database>, scope: UnitScope, id: number, input: { unitId?: number | null; note?: string }, opts: WorkflowOptions = {}): Promise<MessageView> {
  const now = opts.now ?? new Date();
  const unitId = await targetUnit(db, scope, id, input.unitId);
  const m = await transition(db, scope, id, {
    action: 'dispatch', from: ['received', 'dispatched'], to: 'dispatched', note: input.note,
    patch: (before, s) => {
      const reply = addWorkingDays(now, s.messageReplyDays);
      return {
        unitId, dispatchedAt: before.dispatchedAt ?? now.toISOString(), replyDeadline: reply.deadline, replyDeadlineEstimated: reply.estimated ? 1 : 0,
        replyRemindedAt: null, replyOverdueAt: null,
      };
    },
  });
  await notify(db, { unitId }, {
    title: '「我为政府网站找错」留言待办理',
    body: `留言 ${m.trackingNo}「${m.title}」已转办贵单位，请于 ${shanghaiDate(new Date(m.replyDeadline!))} 前答复。`,
    link: `/messages/${m.id}`,
  }, opts.mailer);
  return view(m, now);
}

async function targetUnit(db: Kysely<Database>, scope: UnitScope, id: number, given: number | null | undefined): Promise<number> {
  const current = await store.getMessage(db, scope, id);
  const unitId = given ?? current.unitId;
  if (unitId == null) throw invalid('未能识别留言所指网站的主办单位，请选择承办单位');
  scope.assertUnit(unitId);
  const unit = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw notFound('单位');
  return unitId;
}

/** The unit records its reply (and may edit it until published). */
export async function answerMessage(db: Kysely<Database>, scope: UnitScope, id: number, input: { reply: string }, opts: WorkflowOptions = {}): Promise<MessageView> {
  const now = opts.now ?? new Date();
  const reply = input.reply.trim();
  const m = await transition(db, scope, id, {
    action: 'answer', from: ['dispatched', 'answered'], to: 'answered',
    check: () => { if (!reply) throw invalid('答复内容不能为空'); },
    patch: (before) => ({ reply, repliedBy: scope.actor.username, repliedAt: before.status === 'answered' ? before.repliedAt : now.toISOString() }),
  });
  await notify(db, SUPERVISORS, { title: '找错留言已答复，待发布', body: `${m.unitName ?? ''}已答复留言 ${m.trackingNo}「${m.title}」，请审核后发布。`, link: `/messages/${m.id}` }, opts.mailer);
  return view(m, now);
}

/** The supervisor sends an answer back to the unit (the reply stays as a draft; the deadline does not move). */
export async function returnMessage(db: Kysely<Database>, scope: UnitScope, id: number, input: { note: string }, opts: WorkflowOptions = {}): Promise<MessageView> {
  const note = input.note.trim();
  if (!note) throw invalid('请填写退回原因');
  const m = await transition(db, scope, id, { action: 'return', from: ['answered'], to: 'dispatched', note, patch: () => ({ repliedAt: null }) });
  await notify(db, { unitId: m.unitId! }, { title: '找错留言答复被退回', body: `留言 ${m.trackingNo} 的答复被退回：${note}`, link: `/messages/${m.id}` }, opts.mailer);
  return view(m, opts.now ?? new Date());
}

/** Publishes the reply on the public page. */
export async function publishMessage(db: Kysely<Database>, scope: UnitScope, id: number, opts: WorkflowOptions = {}): Promise<MessageView> {
  const now = opts.now ?? new Date();
  const m = await transition(db, scope, id, { action: 'publish', from: ['answered'], to: 'published', patch: () => ({ publishedAt: now.toISOString(), closedAt: now.toISOString() }) });
  return view(m, now);
}

/** Closes a message without a reply: not for this platform (rejected) or not a real message (invalid). */
export async function closeMessage(db: Kysely<Database>, scope: UnitScope, id: number, input: { status: 'rejected' | 'invalid'; reason: string }, opts: WorkflowOptions = {}): Promise<MessageView> {
  const now = opts.now ?? new Date();
  const reason = input.reason.trim();
  if (!reason) throw invalid('请填写原因');
  const m = await transition(db, scope, id, {
    action: input.status === 'rejected' ? 'reject' : 'invalidate', from: ['received', 'dispatched', 'answered'], to: input.status, note: reason,
    patch: () => ({ reason, closedAt: now.toISOString() }),
  });
  return view(m, now);
}

export async function getMessageView(db: Kysely<Database>, scope: UnitScope, id: number, now = new Date()) {
  const m = await store.getMessage(db, scope, id);
  return { ...view(m, now), events: await store.messageEvents(db, id) };
}

export async function listMessageViews(db: Kysely<Database>, scope: UnitScope, f: store.MessageFilter, now = new Date()) {
  const page = await store.listMessages(db, scope, f, now.toISOString());
  return { items: page.items.map((m) => view(m, now)), total: page.total };
}

// ---------- the public page ----------

export interface PublicMessage {
  trackingNo: string;
  siteName: string;
  category: string;
  title: string;
  content: string;
  /** 已受理 · 办理中 · 已答复 · 不予受理 · 无效留言 */
  status: string;
  receivedAt: string;
  reply: string | null;
  replyUnit: string | null;
  repliedAt: string | null;
  publishedAt: string | null;
  reason: string | null;
}

const PUBLIC_STATUS: Record<MessageStatus, string> = {
  received: '已受理', dispatched: '办理中', answered: '办理中', published: '已答复', rejected: '不予受理', invalid: '无效留言',
};

/** What the sender sees by tracking number: never the contact details, the reply only once published. */
export async function lookupPublic(db: Kysely<Database>, trackingNo: string): Promise<PublicMessage | undefined> {
  const m = await store.findByTrackingNo(db, trackingNo.trim().toUpperCase());
  if (!m) return undefined;
  const published = m.status === 'published';
  return {
    trackingNo: m.trackingNo,
    siteName: m.websiteName ?? (m.siteName || m.siteUrl),
    category: MESSAGE_CATEGORIES[m.category as MessageCategory] ?? '其他',
    title: m.title,
    content: m.content,
    status: PUBLIC_STATUS[m.status],
    receivedAt: m.receivedAt,
    reply: published ? m.reply : null,
    replyUnit: published ? m.unitName : null,
    repliedAt: published ? m.repliedAt : null,
    publishedAt: m.publishedAt,
    reason: m.status === 'rejected' || m.status === 'invalid' ? m.reason : null,
  };
}

// ---------- reminders and overdue notices ----------

export interface SweepResult {
  reminded: number;
  overdue: number;
}

/**
 * For every open message: a reminder once the current step's deadline is within messageRemindHours, and an
 * overdue notice once it has passed, each sent once (the row records it before the notice goes out, so two
 * processes sweeping at once do not both send).
 */
export async function sweepMessageDeadlines(db: Kysely<Database>, opts: WorkflowOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);
  const result: SweepResult = { reminded: 0, overdue: 0 };
  for (const m of await store.openMessages(db)) {
    const step = m.status === 'received' ? forwardStep(m) : replyStep(m);
    if (!step.deadline) continue;
    const due = Date.parse(step.deadline);
    if (now.getTime() > due && !m[step.overdueField]) {
      if (await claim(db, m.id, step.overdueField, now)) {
        result.overdue++;
        await recordSweepEvent(db, m, 'overdue', `${step.name}已超期`);
        const notice = { title: `找错留言${step.name}已超期`, body: `留言 ${m.trackingNo}「${m.title}」已超过${step.name}时限（${shanghaiDate(new Date(due))}）。`, link: `/messages/${m.id}` };
        for (const to of step.overdueTo) await notify(db, to, notice, opts.mailer);
      }
    } else if (now.getTime() <= due && due - now.getTime() <= settings.messageRemindHours * 3_600_000 && !m[step.remindField]) {
      if (await claim(db, m.id, step.remindField, now)) {
        result.reminded++;
        await recordSweepEvent(db, m, 'remind', `${step.name}即将到期`);
        const notice = { title: `找错留言${step.name}即将到期`, body: `留言 ${m.trackingNo}「${m.title}」须于 ${shanghaiDate(new Date(due))} 前${step.name}。`, link: `/messages/${m.id}` };
        for (const to of step.remindTo) await notify(db, to, notice, opts.mailer);
      }
    }
  }
  return result;
}

type SweepField = 'forwardRemindedAt' | 'forwardOverdueAt' | 'replyRemindedAt' | 'replyOverdueAt';

function forwardStep(m: MessageRow) {
  return { name: '转办', deadline: m.forwardDeadline, remindField: 'forwardRemindedAt' as SweepField, overdueField: 'forwardOverdueAt' as SweepField, remindTo: [SUPERVISORS], overdueTo: [SUPERVISORS] };
}

function replyStep(m: MessageRow) {
  const unit: Recipients = m.unitId != null ? { unitId: m.unitId } : {};
  return {
    name: '答复', deadline: m.replyDeadline, remindField: 'replyRemindedAt' as SweepField, overdueField: 'replyOverdueAt' as SweepField,
    remindTo: [unit], overdueTo: [unit, SUPERVISORS],
  };
}

async function claim(db: Kysely<Database>, id: number, field: SweepField, now: Date): Promise<boolean> {
  const res = await db.updateTable('messages').set({ [field]: now.toISOString() }).where('id', '=', id).where(field, 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function recordSweepEvent(db: Kysely<Database>, m: MessageRow, action: string, note: string): Promise<void> {
  await store.addMessageEvent(db, { messageId: m.id, actor: SYSTEM_ACTOR.username, action, fromStatus: m.status, toStatus: m.status, note });
}

// ---------- statistics ----------

/**
 * 找错 statistics for a month (messages received in it, Asia/Shanghai), as of `now`: null when the platform
 * holds no message for the month. Invalid messages (spam) are not counted as received.
 * - answered: a reply was recorded (answered or published); answeredOnTime: by the reply deadline.
 * - overdue: the reply late or still missing past its deadline, or the forwarding late.
 * - open: still waiting on forwarding or on the reply.
 * byUnit counts the messages forwarded to each unit. `unitIds` (null: all) narrows everything to the
 * messages forwarded to those units (a unit operator's view).
 */
export async function messageStats(db: Kysely<Database>, month: string, now = new Date(), unitIds: number[] | null = null): Promise<MessageStats | null> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalid(`月份格式应为 YYYY-MM：${month}`);
  const all = await store.messagesOfMonth(db, month);
  // A unit operator's statistics: only the messages of its units (the API passes its scope's units).
  const rows = unitIds === null ? all : all.filter((m) => m.unitId != null && m.dispatchedAt != null && unitIds.includes(m.unitId));
  if (!rows.length) return null;
  const counted = rows.filter((m) => m.status !== 'invalid');
  const stats: MessageStats = { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, open: 0, byUnit: [] };
  const units = new Map<number, MessageStats['byUnit'][number]>();
  for (const m of counted) {
    const f = facts(m, now);
    stats.received++;
    if (f.answered) stats.answered++;
    if (f.onTime) stats.answeredOnTime++;
    if (f.overdue) stats.overdue++;
    if (f.open) stats.open++;
    if (m.unitId == null || m.dispatchedAt == null) continue; // per unit: what was forwarded to it
    const u = units.get(m.unitId) ?? { unitId: m.unitId, unitName: m.unitName ?? '', received: 0, answeredOnTime: 0, overdue: 0 };
    u.received++;
    if (f.onTime) u.answeredOnTime++;
    if (f.overdue) u.overdue++;
    units.set(m.unitId, u);
  }
  stats.byUnit = [...units.values()].sort((a, b) => b.overdue - a.overdue || b.received - a.received || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  return stats;
}

function facts(m: MessageRow, now: Date) {
  const answered = (m.status === 'answered' || m.status === 'published') && m.repliedAt != null;
  return {
    answered,
    onTime: answered && m.replyDeadline != null && m.repliedAt! <= m.replyDeadline,
    overdue: replyLate(m, now) || forwardLate(m, now),
    open: m.status === 'received' || m.status === 'dispatched',
  };
}

export { CLOSED as CLOSED_STATUSES };
