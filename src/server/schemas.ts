// The API's zod schemas: request validation and the OpenAPI document both come from these.
import { z } from 'zod';
import { ACCOUNT_STATUSES, JOB_STATUSES, PLATFORMS, ROLES, UNIT_TYPES, WEBSITE_KINDS } from '../store/platform-types.js';

export const id = z.coerce.number().int().positive();
export const idParams = z.object({ id });
export const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }) });
export const ok = z.object({ ok: z.literal(true) });
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

const text = (max: number) => z.string().trim().max(max);
const name = z.string().trim().min(1, '不能为空').max(200);

export const unit = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  parentId: z.number().int().nullable(),
  code: z.string().nullable(),
  contact: z.string().nullable(),
  includeSubunits: z.boolean(),
});
export const unitInput = z.object({
  name,
  type: z.enum(UNIT_TYPES),
  parentId: z.number().int().positive().nullable().default(null),
  code: text(100).nullable().default(null),
  contact: text(200).nullable().default(null),
  includeSubunits: z.boolean().default(false),
});
export const unitPatch = z.object({
  name: name.optional(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: z.number().int().positive().nullable().optional(),
  code: text(100).nullable().optional(),
  contact: text(200).nullable().optional(),
  includeSubunits: z.boolean().optional(),
});

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  disabled: z.boolean(),
  email: z.string().nullable(),
});
/** A user's e-mail for notifications; '' or null: inbox only. */
export const userEmail = z.union([z.literal(''), z.string().trim().max(254).email('请输入有效的电子邮件地址')]).nullable();
export const username = z.string().trim().regex(/^[A-Za-z0-9_.-]{2,64}$/, '用户名只能包含字母、数字、下划线、点和短横线（2–64 个字符）');
export const userInput = z.object({
  username,
  displayName: text(100).default(''),
  role: z.enum(ROLES),
  unitId: z.number().int().positive().nullable().default(null),
  password: z.string().min(1).max(256),
  disabled: z.boolean().default(false),
  email: userEmail.default(null),
});
export const userPatch = z.object({
  displayName: text(100).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.number().int().positive().nullable().optional(),
  password: z.string().min(1).max(256).optional(),
  disabled: z.boolean().optional(),
  email: userEmail.optional(),
});
export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
});

export const verdict = z.enum(['qualified', 'unqualified']).nullable();
export const latestScan = z.object({
  id: z.number().int(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  verdict,
  score: z.number().nullable(),
  findings: z.number().int(),
});
export const website = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  name: z.string(),
  url: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: z.enum(WEBSITE_KINDS),
  siteCode: z.string(),
  icp: z.string(),
  subsites: z.array(z.string()),
  scheduleCron: z.string().nullable(),
  maxPages: z.number().int(),
  latestScan: latestScan.nullable(),
});
const cron = text(100).nullable();
const maxPages = z.number().int().min(1).max(1_000_000);
export const websiteInput = z.object({
  name,
  url: z.string().trim().min(1).max(2000),
  unitId: z.number().int().positive(),
  kind: z.enum(WEBSITE_KINDS).default('department'),
  siteCode: text(50).default(''),
  icp: text(100).default(''),
  subsites: z.array(text(253)).max(200).default([]),
  scheduleCron: cron.default(null),
  maxPages: maxPages.optional(),
});
export const websitePatch = z.object({
  name: name.optional(),
  url: z.string().trim().min(1).max(2000).optional(),
  unitId: z.number().int().positive().optional(),
  kind: z.enum(WEBSITE_KINDS).optional(),
  siteCode: text(50).optional(),
  icp: text(100).optional(),
  subsites: z.array(text(253)).max(200).optional(),
  scheduleCron: cron.optional(),
  maxPages: maxPages.optional(),
});
export const websiteQuery = z.object({
  ...paging,
  unitId: id.optional(),
  verdict: z.enum(['qualified', 'unqualified', 'unscanned']).optional(),
  check: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
});
export const scanItem = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  verdict,
  score: z.number().nullable(),
  findings: z.number().int(),
});

export const account = z.object({
  id: z.number().int(),
  platform: z.enum(PLATFORMS),
  name: z.string(),
  platformId: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
});
export const accountInput = z.object({
  platform: z.enum(PLATFORMS),
  name,
  platformId: text(200).default(''),
  unitId: z.number().int().positive(),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
});
export const accountPatch = accountInput.partial();

export const jobProgress = z.object({ pages: z.number(), queued: z.number(), errors: z.number(), phase: z.string().optional() });
export const job = z.object({
  id: z.number().int(),
  kind: z.string(),
  websiteId: z.number().int().nullable(),
  websiteName: z.string().nullable(),
  trigger: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: jobProgress,
  error: z.string().nullable(),
  scanId: z.number().int().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorId: z.number().int().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.any(),
  after: z.any(),
  ip: z.string().nullable(),
});

export const settings = z.object({
  defaultScheduleCron: z.string(),
  defaultMaxPages: z.number().int(),
  overlays: z.array(z.string()),
  probesPerDay: z.number().int(),
  probeTimeoutMs: z.number().int(),
  taskVetoDays: z.number().int(),
  taskDeductionDays: z.number().int(),
  messageForwardDays: z.number().int(),
  messageReplyDays: z.number().int(),
  messageRemindHours: z.number().int(),
  availableOverlays: z.array(z.string()),
  dictionaries: z.array(z.object({ name: z.string(), version: z.string(), entries: z.number().int() })),
});
export const settingsPatch = z.object({
  defaultScheduleCron: text(100).optional(),
  defaultMaxPages: maxPages.optional(),
  overlays: z.array(z.string().max(100)).max(20).optional(),
  // rules-cn §1.2: at least 20 probes a day, a probe fails after at least 15 s.
  probesPerDay: z.number().int().min(20, '每天探测次数不得少于 20 次（站点无法访问指标要求）').max(288, '每天探测次数不得多于 288 次').optional(),
  probeTimeoutMs: z.number().int().min(15_000, '探测超时不得短于 15 秒（站点无法访问指标要求）').max(60_000, '探测超时不得长于 60 秒').optional(),
  /** 整改期限（工作日）: 单项否决 and 扣分 problems. */
  taskVetoDays: z.number().int().min(1, '整改期限至少 1 个工作日').max(60, '整改期限不超过 60 个工作日').optional(),
  taskDeductionDays: z.number().int().min(1, '整改期限至少 1 个工作日').max(60, '整改期限不超过 60 个工作日').optional(),
  messageForwardDays: z.number().int().min(1).max(30).optional(),
  messageReplyDays: z.number().int().min(1).max(60).optional(),
  messageRemindHours: z.number().int().min(1).max(240).optional(),
});

export const overview = z.object({
  websites: z.number().int(),
  accounts: z.number().int(),
  qualified: z.number().int(),
  unqualified: z.number().int(),
  unscanned: z.number().int(),
  openFindings: z.number().int(),
  trend: z.array(z.object({ date: z.string(), avgScore: z.number().nullable(), qualified: z.number().int(), unqualified: z.number().int() })),
  worst: z.array(z.object({ websiteId: z.number().int(), name: z.string(), unitName: z.string(), score: z.number().nullable(), verdict: z.string().nullable(), openFindings: z.number().int() })),
});

export const inventoryKind = z.enum(['websites', 'accounts', 'units']);
