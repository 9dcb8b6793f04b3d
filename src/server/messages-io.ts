// Import of the 「我为政府网站找错」 messages the national platform forwards (its CSV/XLSX export), in the
// columns it uses (Chinese headers, common aliases). Every row is checked first and errors come back row
// by row in Chinese; then the whole file goes in, or nothing. A message already held (same 留言编号) is
// skipped and listed, so re-importing an overlapping export loses nothing and doubles nothing.
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { PlatformError } from '../store/errors.js';
import type { UnitScope } from '../store/scope.js';
import { heldExternalNos, MESSAGE_LIMITS, websitesForMatching } from '../store/messages.js';
import { CATEGORY_CODES, MESSAGE_CATEGORIES, hostOf, matchWebsite, receive, type Intake, type MessageCategory } from '../workflows/messages.js';
import { notify, type Mailer } from '../notify/index.js';
import { normHeader, readTable, type RowError } from './inventory-io.js';

interface Column {
  key: keyof Row;
  header: string;
  aliases: string[];
  required?: boolean;
  note: string;
}

interface Row {
  externalNo: string;
  receivedAt: string;
  siteName: string;
  siteUrl: string;
  pageUrl: string;
  category: string;
  title: string;
  content: string;
  contactName: string;
  contact: string;
}

export const MESSAGE_COLUMNS: Column[] = [
  { key: 'externalNo', header: '留言编号', aliases: ['编号', '留言号', '工单编号', '转办编号'], required: true, note: '国家平台的留言编号，用于去重' },
  { key: 'receivedAt', header: '留言时间', aliases: ['提交时间', '时间', '转办时间', '留言日期'], required: true, note: '如 2026-12-03 09:30（北京时间）' },
  { key: 'siteName', header: '网站名称', aliases: ['网站', '被纠错网站', '纠错网站'], note: '与「网站地址」至少填一项' },
  { key: 'siteUrl', header: '网站地址', aliases: ['网址', '网站网址', '网站域名', 'url'], note: '用于匹配主办单位' },
  { key: 'pageUrl', header: '问题页面', aliases: ['页面地址', '问题网址', '错误页面', '问题页面地址'], note: '' },
  { key: 'category', header: '问题类型', aliases: ['类型', '留言类型', '问题分类', '错误类型'], note: Object.values(MESSAGE_CATEGORIES).join('/') },
  { key: 'title', header: '留言标题', aliases: ['标题'], required: true, note: '' },
  { key: 'content', header: '留言内容', aliases: ['内容', '问题描述', '详细描述'], required: true, note: '' },
  { key: 'contactName', header: '留言人', aliases: ['姓名', '网民姓名', '联系人'], note: '不公开' },
  { key: 'contact', header: '联系方式', aliases: ['电话', '联系电话', '邮箱', '手机'], note: '不公开' },
];

const MAX_ROWS = 5000;

export interface MessageImportResult {
  imported: number;
  skipped: Array<{ row: number; externalNo: string; message: string }>;
  /** Rows whose site matched no registered website: imported without a unit, to be assigned at dispatch. */
  unmatched: number;
}

export async function messageTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('找错留言');
  ws.addRow(MESSAGE_COLUMNS.map((c) => c.header));
  ws.addRow(['GOV2026120300001', '2026-12-03 09:30', '某市人民政府网', 'http://www.example.gov.cn/', 'http://www.example.gov.cn/xxgk/1.html', '链接无法访问', '首页「政策文件」链接打不开', '点击首页政策文件栏目显示404。', '张先生', '138****0000']);
  const notes = ws.addRow(MESSAGE_COLUMNS.map((c) => `${c.required ? '必填。' : ''}${c.note}`));
  notes.font = { italic: true, color: { argb: 'FF888888' } };
  ws.columns.forEach((col) => { col.width = 22; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importMessages(db: Kysely<Database>, scope: UnitScope, filename: string, body: Buffer, mailer?: Mailer): Promise<MessageImportResult> {
  const sheet = mapColumns(await readTable(filename, body));
  if (sheet.errors.length) fail(sheet.errors);
  const sites = await websitesForMatching(db);
  const held = await heldExternalNos(db, 'national', sheet.rows.map((r) => r.values.externalNo).filter(Boolean));
  const errors: RowError[] = [];
  const intakes: Intake[] = [];
  const skipped: MessageImportResult['skipped'] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of sheet.rows) {
    const intake = checkRow(line, values, errors, sites);
    if (!intake) continue;
    const first = seen.get(intake.externalNo!);
    if (first !== undefined) errors.push({ row: line, column: '留言编号', message: `留言编号「${intake.externalNo}」与第 ${first} 行重复` });
    else if (held.has(intake.externalNo!)) skipped.push({ row: line, externalNo: intake.externalNo!, message: '该留言已导入过，已跳过' });
    else intakes.push(intake);
    seen.set(intake.externalNo!, first ?? line);
  }
  if (errors.length) fail(errors);
  await receive(db, scope.actor, intakes);
  if (intakes.length) {
    await notify(db, { roles: ['supervisor'] }, { title: '已导入国家平台转办的找错留言', body: `导入 ${intakes.length} 条留言，请在转办时限内转办。`, link: '/messages' }, mailer);
  }
  return { imported: intakes.length, skipped, unmatched: intakes.filter((i) => !i.site).length };
}

function fail(errors: RowError[]): never {
  errors.sort((a, b) => a.row - b.row);
  throw new PlatformError('import_invalid', `导入找错留言失败：共 ${errors.length} 处错误，未导入任何数据`, errors);
}

function mapColumns(table: string[][]): { rows: Array<{ line: number; values: Row }>; errors: RowError[] } {
  const errors: RowError[] = [];
  const header = (table[0] ?? []).map((h) => normHeader(String(h ?? '')));
  const index = new Map<keyof Row, number>();
  for (const col of MESSAGE_COLUMNS) {
    const names = [col.header, ...col.aliases].map(normHeader);
    const at = header.findIndex((h) => h !== '' && names.includes(h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) errors.push({ row: 1, column: col.header, message: `缺少必需的列「${col.header}」` });
  }
  if (!index.has('siteName') && !index.has('siteUrl')) errors.push({ row: 1, column: '网站名称', message: '缺少「网站名称」或「网站地址」列' });
  if (table.length === 0) errors.push({ row: 1, column: '', message: '文件是空的' });
  const rows: Array<{ line: number; values: Row }> = [];
  for (let i = 1; i < table.length; i++) {
    const raw = table[i] ?? [];
    if (raw.every((c) => String(c ?? '').trim() === '')) continue;
    const values = Object.fromEntries(MESSAGE_COLUMNS.map((c) => [c.key, index.has(c.key) ? String(raw[index.get(c.key)!] ?? '').trim() : ''])) as unknown as Row;
    rows.push({ line: i + 1, values });
  }
  if (rows.length > MAX_ROWS) errors.push({ row: MAX_ROWS + 2, column: '', message: `一次最多导入 ${MAX_ROWS} 条留言，请拆分文件` });
  return { rows, errors };
}

const TOO_LONG: Array<[keyof Row, string, number]> = [
  ['externalNo', '留言编号', MESSAGE_LIMITS.no], ['title', '留言标题', MESSAGE_LIMITS.title], ['content', '留言内容', MESSAGE_LIMITS.content],
  ['siteName', '网站名称', MESSAGE_LIMITS.name], ['siteUrl', '网站地址', MESSAGE_LIMITS.url], ['pageUrl', '问题页面', MESSAGE_LIMITS.url],
  ['contactName', '留言人', MESSAGE_LIMITS.name], ['contact', '联系方式', MESSAGE_LIMITS.contact],
];

function checkRow(line: number, v: Row, errors: RowError[], sites: Awaited<ReturnType<typeof websitesForMatching>>): Intake | undefined {
  const before = errors.length;
  const err = (column: string, message: string) => errors.push({ row: line, column, message });
  if (!v.externalNo) err('留言编号', '留言编号不能为空');
  if (!v.title) err('留言标题', '留言标题不能为空');
  if (!v.content) err('留言内容', '留言内容不能为空');
  if (!v.siteName && !v.siteUrl) err('网站名称', '网站名称与网站地址至少填一项');
  if (v.siteUrl && !hostOf(v.siteUrl)) err('网站地址', `网站地址「${v.siteUrl.slice(0, 80)}」无法识别`);
  for (const [key, column, max] of TOO_LONG) if (v[key].length > max) err(column, `${column}超过 ${max} 个字符`);
  const receivedAt = parseChinaTime(v.receivedAt);
  if (!receivedAt) err('留言时间', `留言时间「${v.receivedAt.slice(0, 40)}」无法识别，应为 YYYY-MM-DD HH:mm`);
  else if (receivedAt.getTime() > Date.now() + 3_600_000) err('留言时间', '留言时间晚于当前时间');
  else if (receivedAt.getUTCFullYear() < 2000) err('留言时间', '留言时间早于 2000 年');
  const category = categoryOf(v.category);
  if (v.category && !category) err('问题类型', `问题类型「${v.category.slice(0, 40)}」无法识别，应为：${Object.values(MESSAGE_CATEGORIES).join('、')}`);
  if (errors.length > before) return undefined;
  const site = matchWebsite(sites, { url: v.siteUrl, name: v.siteName });
  return {
    source: 'national', externalNo: v.externalNo, site, siteName: v.siteName || site?.name || '', siteUrl: v.siteUrl || site?.url || '',
    pageUrl: v.pageUrl, category: category ?? 'other', title: v.title, content: v.content, contactName: v.contactName, contact: v.contact,
    receivedAt: receivedAt!,
  };
}

function categoryOf(text: string): MessageCategory | undefined {
  if (!text) return 'other';
  const t = normHeader(text);
  const exact = CATEGORY_CODES.find((c) => c === text || normHeader(MESSAGE_CATEGORIES[c]) === t);
  if (exact) return exact;
  // The national platform words its categories a little differently; match on the key words.
  if (/链接|打不开|无法访问|404/.test(text)) return 'dead-link';
  if (/更新|过时|不及时/.test(text)) return 'stale';
  if (/错别字|错字|表述|文字/.test(text)) return 'typo';
  if (/不准确|错误信息|信息有误/.test(text)) return 'inaccurate';
  if (/服务|办事/.test(text)) return 'service';
  if (/互动|回应|答复/.test(text)) return 'interaction';
  if (/其他|其它/.test(text)) return 'other';
  return undefined;
}

const TIME = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：时](\d{1,2})(?:分|[:：])?(?:(\d{1,2})秒?)?(?:\.\d+)?)?$/;

/** A time as the sheet writes it, read as Beijing time (an ISO instant with a zone is taken as is). */
export function parseChinaTime(text: string): Date | undefined {
  const s = text.trim();
  if (!s) return undefined;
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && s.includes('T')) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : new Date(t);
  }
  const m = TIME.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return undefined;
  return new Date(ms - 8 * 3_600_000);
}
