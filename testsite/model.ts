// The site model: columns, item counts, dates and the positions of planted defects. Everything is a pure
// function of (seed, pages, today, defects) so that any page can be rendered on demand, in O(1), at any size.
import type { ColumnType } from '../src/domain/index.js';

export interface TestSiteVariant {
  staleHome?: boolean; // home page's newest item 30 days old
  slowHomeMs?: number; // home page answers after this delay
  noSearch?: boolean; // no search form/page
  tampered?: boolean; // home page defaced
  ipv6?: boolean; // server also listens on ::1
}

export interface TestSiteOptions {
  pages?: number;
  seed?: number;
  today?: Date;
  defects?: boolean;
  variant?: TestSiteVariant;
  /** Planted defects that the site's webmaster has fixed: their articles are served clean (the switch the
   *  rectification re-check tests turn, e.g. through TestSite.reconfigure({ fixed: ['typo-zhenhan'] })). */
  fixed?: SpecialKind[];
}

export const SITE_NAME = '临江市人民政府';
export const SITE_HOST = 'www.linjiang.gov.cn';
export const SITE_BARE_HOST = 'linjiang.gov.cn';
export const SITE_ID_CODE = '2108000001';
export const ICP_TEXT = '辽ICP备12345678号';
export const POLICE_TEXT = '辽公网安备 21080202000001号';
export const ITEMS_PER_LIST_PAGE = 20;
/** Articles with index i % ATTACH_EVERY === 0 in attachment columns carry one attachment. */
const ATTACH_EVERY = 8;
const MIN_ITEMS = 6; // planted items sit at indices 1..5
const MAX_SPAN_DAYS = 2190; // about six years of history
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface ColumnDef {
  slug: string;
  name: string;
  type: ColumnType;
  weight: number;
  /** Days since its newest item when defects are planted (a stale column). */
  staleOffsetDays?: number;
  /** Empty when defects are planted. */
  emptyWhenDefective?: boolean;
  /** List and article pages are served GBK-encoded with `Content-Type: text/html` and a gb2312 meta. */
  gbk?: boolean;
  attachments?: boolean;
  source: string; // ContentSource
}

export const COLUMN_DEFS: readonly ColumnDef[] = [
  { slug: 'ywdt', name: '要闻动态', type: 'news', weight: 3, source: '临江市人民政府办公室' },
  { slug: 'bmdt', name: '部门动态', type: 'news', weight: 2, staleOffsetDays: 40, source: '临江市人民政府办公室' },
  { slug: 'tzgg', name: '通知公告', type: 'notice', weight: 1.5, staleOffsetDays: 243, attachments: true, source: '临江市人民政府办公室' },
  { slug: 'zcwj', name: '政策文件', type: 'policy', weight: 1, attachments: true, source: '临江市人民政府办公室' },
  { slug: 'zcjd', name: '政策解读', type: 'interpretation', weight: 1, source: '临江市发展和改革委员会' },
  { slug: 'rsxx', name: '人事信息', type: 'personnel', weight: 0.5, staleOffsetDays: 730, gbk: true, source: '临江市人力资源和社会保障局' },
  { slug: 'ghjh', name: '规划计划', type: 'planning', weight: 0.5, source: '临江市发展和改革委员会' },
  { slug: 'yjzj', name: '意见征集', type: 'consultation', weight: 0.5, source: '临江市司法局' },
  { slug: 'hdjl', name: '互动交流', type: 'interaction', weight: 1.5, source: '临江市人民政府办公室' },
  { slug: 'czzj', name: '财政资金', type: 'other', weight: 0.7, attachments: true, source: '临江市财政局' },
  { slug: 'tjsj', name: '统计数据', type: 'other', weight: 0.7, staleOffsetDays: 400, attachments: true, source: '临江市统计局' },
  { slug: 'jgzn', name: '机构职能', type: 'other', weight: 0.3, source: '临江市委编办' },
  { slug: 'ztzl', name: '专题专栏', type: 'other', weight: 0.3, emptyWhenDefective: true, source: '临江市人民政府办公室' },
];

/** What a planted (or otherwise special) article carries. */
export type SpecialKind =
  | 'typo-zhenhan' | 'typo-jiezhi' | 'decoy-jiezhi' | 'wrong-guoming' | 'wrong-saohei' | 'sensitive-gambling'
  | 'privacy-table' | 'privacy-attachments' | 'hidden-link' | 'seo-spam' | 'malicious-redirect'
  | 'interp-missing' | 'dead-500' | 'dead-gone' | 'dead-nxdomain' | 'dead-attach'
  | 'missing-icp' | 'missing-dangzheng' | 'missing-jiucuo' | 'consult-15' | 'consult-30' | 'charset-wrong';

/** Planted article positions: column slug → index (0 = newest) → kind. Only with defects, except the
 *  entries in ALWAYS_SPECIAL which are clean pages that exist in every site. */
export const SPECIAL_ITEMS: ReadonlyArray<{ slug: string; index: number; kind: SpecialKind }> = [
  { slug: 'ywdt', index: 1, kind: 'typo-zhenhan' },
  { slug: 'ywdt', index: 2, kind: 'dead-500' },
  { slug: 'ywdt', index: 3, kind: 'missing-icp' },
  { slug: 'ywdt', index: 4, kind: 'sensitive-gambling' },
  { slug: 'ywdt', index: 5, kind: 'malicious-redirect' },
  { slug: 'bmdt', index: 1, kind: 'typo-jiezhi' },
  { slug: 'bmdt', index: 3, kind: 'wrong-guoming' },
  { slug: 'bmdt', index: 4, kind: 'wrong-saohei' },
  { slug: 'tzgg', index: 1, kind: 'decoy-jiezhi' },
  { slug: 'tzgg', index: 2, kind: 'privacy-table' },
  { slug: 'tzgg', index: 3, kind: 'privacy-attachments' },
  { slug: 'tzgg', index: 4, kind: 'hidden-link' },
  { slug: 'tzgg', index: 5, kind: 'seo-spam' },
  { slug: 'zcwj', index: 1, kind: 'interp-missing' },
  { slug: 'zcwj', index: 2, kind: 'dead-gone' },
  { slug: 'hdjl', index: 1, kind: 'dead-nxdomain' },
  { slug: 'czzj', index: 1, kind: 'dead-attach' },
  { slug: 'tjsj', index: 1, kind: 'missing-dangzheng' },
  { slug: 'jgzn', index: 1, kind: 'missing-jiucuo' },
  { slug: 'yjzj', index: 1, kind: 'consult-15' },
  { slug: 'yjzj', index: 2, kind: 'consult-30' },
  { slug: 'ghjh', index: 1, kind: 'charset-wrong' },
];
/** Special pages that are not defects: present in the clean site too. */
const ALWAYS_SPECIAL: ReadonlySet<SpecialKind> = new Set(['consult-30', 'charset-wrong', 'decoy-jiezhi']);

/** Planted attachments (ids below the generated range; 999 is the missing one). */
export const PLANTED_ATTACHMENTS = { pdf: '/attach/1001.pdf', xlsx: '/attach/1002.xlsx', missing: '/attach/999.pdf' } as const;
const GENERATED_ATTACH_BASE = 10_000;
const ATTACH_COLUMN_STRIDE = 1_000_000;
const ATTACH_EXTS = ['pdf', 'docx', 'xlsx'] as const;
export type AttachExt = (typeof ATTACH_EXTS)[number];

export interface ColumnModel {
  def: ColumnDef;
  index: number;
  count: number; // articles
  listPages: number; // ≥ 1 (an empty column still has its 暂无信息 page)
  newestOffsetDays: number;
  spanDays: number;
}

export interface ItemRef {
  col: ColumnModel;
  i: number;
  day: number; // days since epoch (Shanghai calendar)
  date: string; // YYYY-MM-DD
  time: string; // HH:mm
  path: string;
  special?: SpecialKind;
  attachment?: { id: number; ext: AttachExt; path: string };
}

export interface SiteModel {
  seed: number;
  pages: number;
  defects: boolean;
  variant: TestSiteVariant;
  todayDay: number;
  today: string; // YYYY-MM-DD
  columns: ColumnModel[];
  bySlug: Map<string, ColumnModel>;
  specials: Map<string, SpecialKind>; // `${slug}:${i}`
  /** Planted defects switched off (TestSiteOptions.fixed). */
  fixed: ReadonlySet<SpecialKind>;
  fixedPaths: string[];
  pathCount: number;
}

/** Small deterministic integer hash (FNV-1a mixed with murmur finaliser steps). */
export function hash32(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) {
    h ^= p | 0;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export function shanghaiDay(d: Date): number {
  return Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

export function dayToDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 2024年3月5日 */
export function dayToChinese(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

function columnCount(def: ColumnDef, k: number, defects: boolean): number {
  if (def.emptyWhenDefective && defects) return 0;
  const weight = def.slug === 'zcjd' ? COLUMN_DEFS.find((c) => c.slug === 'zcwj')!.weight : def.weight;
  return Math.max(MIN_ITEMS, Math.round(weight * k));
}

function attachmentsIn(count: number): number {
  return Math.ceil(count / ATTACH_EVERY);
}

function totalFor(k: number, defects: boolean, fixed: number): number {
  let total = fixed;
  for (const def of COLUMN_DEFS) {
    const n = columnCount(def, k, defects);
    total += n + Math.max(1, Math.ceil(n / ITEMS_PER_LIST_PAGE));
    if (def.attachments) total += attachmentsIn(n);
  }
  return total;
}

export function buildModel(opts: TestSiteOptions = {}): SiteModel {
  const pages = Math.min(1_000_000, Math.max(100, Math.round(opts.pages ?? 300)));
  const seed = (opts.seed ?? 1) | 0;
  const defects = opts.defects ?? true;
  const variant = opts.variant ?? {};
  const todayDay = shanghaiDay(opts.today ?? new Date());
  const fixedPaths = ['/', '/robots.txt', '/sitemap.xml', '/wzdt.html', '/lxwm.html', '/images/red.png', '/images/jiucuo.png'];
  if (defects) fixedPaths.push(PLANTED_ATTACHMENTS.pdf, PLANTED_ATTACHMENTS.xlsx);

  // Find the per-weight scale whose total page count is closest to the request (monotone in k).
  let lo = 0;
  let hi = pages;
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (totalFor(mid, defects, fixedPaths.length) < pages) lo = mid;
    else hi = mid;
  }
  const k = Math.abs(totalFor(lo, defects, fixedPaths.length) - pages) <= Math.abs(totalFor(hi, defects, fixedPaths.length) - pages) ? lo : hi;

  const columns: ColumnModel[] = COLUMN_DEFS.map((def, index) => {
    const count = columnCount(def, k, defects);
    const freshOffset = 1 + (hash32(seed, index, 7) % 3);
    return {
      def,
      index,
      count,
      listPages: Math.max(1, Math.ceil(count / ITEMS_PER_LIST_PAGE)),
      newestOffsetDays: defects && def.staleOffsetDays ? def.staleOffsetDays : freshOffset,
      spanDays: Math.min(MAX_SPAN_DAYS, Math.max(30, count * 7)),
    };
  });
  const fixed = new Set(opts.fixed ?? []);
  const specials = new Map<string, SpecialKind>();
  for (const s of SPECIAL_ITEMS) {
    if (fixed.has(s.kind)) continue; // fixed: the article at that position is an ordinary one
    if (defects || ALWAYS_SPECIAL.has(s.kind)) specials.set(`${s.slug}:${s.index}`, s.kind);
  }
  const pathCount = totalFor(k, defects, fixedPaths.length);
  return {
    seed, pages, defects, variant, todayDay, today: dayToDate(todayDay), columns,
    bySlug: new Map(columns.map((c) => [c.def.slug, c])), specials, fixed, fixedPaths, pathCount,
  };
}

export function columnPath(col: ColumnModel, page = 0): string {
  return page === 0 ? `/col/${col.def.slug}/index.html` : `/col/${col.def.slug}/index_${page}.html`;
}

export function itemDaysBack(col: ColumnModel, i: number): number {
  return col.newestOffsetDays + Math.floor((i * col.spanDays) / Math.max(1, col.count));
}

/** First index whose item is at least `days` old (items are newest first), or col.count. */
export function firstItemOlderThan(col: ColumnModel, days: number): number {
  let lo = 0;
  let hi = col.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (itemDaysBack(col, mid) >= days) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function item(m: SiteModel, col: ColumnModel, i: number): ItemRef {
  const day = m.todayDay - itemDaysBack(col, i);
  const date = dayToDate(day);
  const h = hash32(m.seed, col.index, i, 11);
  const time = `${String(8 + (h % 10)).padStart(2, '0')}:${String((h >>> 8) % 60).padStart(2, '0')}`;
  const path = `/col/${col.def.slug}/${date.slice(0, 4)}${date.slice(5, 7)}/t${date.replace(/-/g, '')}_${i + 1}.html`;
  const special = m.specials.get(`${col.def.slug}:${i}`);
  let attachment: ItemRef['attachment'];
  if (col.def.attachments && i % ATTACH_EVERY === 0) {
    const id = GENERATED_ATTACH_BASE + col.index * ATTACH_COLUMN_STRIDE + i;
    const ext = ATTACH_EXTS[(col.index + i / ATTACH_EVERY) % 3];
    attachment = { id, ext, path: `/attach/${id}.${ext}` };
  }
  return { col, i, day, date, time, path, special, attachment };
}

export function findItemByPath(m: SiteModel, path: string): ItemRef | undefined {
  const match = /^\/col\/([a-z]+)\/(\d{6})\/t(\d{8})_(\d+)\.html$/.exec(path);
  if (!match) return undefined;
  const col = m.bySlug.get(match[1]);
  const i = Number(match[4]) - 1;
  if (!col || !Number.isSafeInteger(i) || i < 0 || i >= col.count) return undefined;
  const ref = item(m, col, i);
  return ref.path === path ? ref : undefined;
}

/** Generated attachment by path, with the article that links it. */
export function findAttachment(m: SiteModel, path: string): { ext: AttachExt; id: number; from: ItemRef } | undefined {
  const match = /^\/attach\/(\d+)\.(pdf|docx|xlsx)$/.exec(path);
  if (!match) return undefined;
  const id = Number(match[1]);
  if (id < GENERATED_ATTACH_BASE) return undefined;
  const col = m.columns[Math.floor((id - GENERATED_ATTACH_BASE) / ATTACH_COLUMN_STRIDE)];
  const i = (id - GENERATED_ATTACH_BASE) % ATTACH_COLUMN_STRIDE;
  if (!col || i >= col.count) return undefined;
  const ref = item(m, col, i);
  if (!ref.attachment || ref.attachment.path !== path) return undefined;
  return { ext: ref.attachment.ext, id, from: ref };
}

export function specialItem(m: SiteModel, kind: SpecialKind): ItemRef {
  const s = SPECIAL_ITEMS.find((x) => x.kind === kind)!;
  return item(m, m.bySlug.get(s.slug)!, s.index);
}

/** Every path the site serves (not /bad/, not /search), lazily: a million-page site never materialises. */
export function* allPaths(m: SiteModel): Iterable<string> {
  yield* m.fixedPaths;
  for (const col of m.columns) {
    for (let p = 0; p < col.listPages; p++) yield columnPath(col, p);
    for (let i = 0; i < col.count; i++) {
      const ref = item(m, col, i);
      yield ref.path;
      if (ref.attachment) yield ref.attachment.path;
    }
  }
}
