// Inventory import and export in the columns offices already keep (Chinese headers), as XLSX (exceljs)
// or CSV (csv-parse). Every row is validated first and errors are reported row by row in Chinese;
// the import then goes in one transaction, whole or not at all.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { PlatformError } from '../store/errors.js';
import type { UnitScope } from '../store/scope.js';
import * as inv from '../store/inventory.js';
import { getSettings } from '../store/settings.js';
import { writeAudit } from '../store/audit.js';
import { UNIT_TYPES, PLATFORMS, type AccountPlatform, type UnitType } from '../store/platform-types.js';
import { cronProblem } from '../jobs/scheduler.js';

export type InventoryKind = 'websites' | 'accounts' | 'units';
export interface RowError {
  row: number;
  column: string;
  message: string;
}

interface Column {
  key: string;
  header: string; // as written in the template
  aliases: string[];
  required?: boolean;
  note: string;
}

const UNIT_TYPE_LABELS: Record<UnitType, string> = { 'city-dept': '市政府部门', county: '县(市)区政府', park: '园区管委会', direct: '直属单位', other: '其他' };
const PLATFORM_LABELS: Record<AccountPlatform, string> = { wechat: '微信', weibo: '微博', douyin: '抖音', toutiao: '今日头条', kuaishou: '快手', bilibili: '哔哩哔哩', app: '移动客户端', other: '其他' };
const KIND_LABELS = { portal: '门户', department: '部门' } as const;
const STATUS_LABELS = { active: '正常', closed: '已关停' } as const;

export const COLUMNS: Record<InventoryKind, Column[]> = {
  websites: [
    { key: 'unit', header: '单位名称', aliases: ['主办单位', '责任单位', '所属单位'], required: true, note: '必须是已登记的单位' },
    { key: 'name', header: '网站名称', aliases: [], required: true, note: '' },
    { key: 'url', header: '网址', aliases: ['网站地址', '首页地址', 'url'], required: true, note: '如 http://www.example.gov.cn/' },
    { key: 'kind', header: '网站类型(门户/部门)', aliases: ['网站类型', '类型'], note: '门户 或 部门，默认部门' },
    { key: 'siteCode', header: '网站标识码', aliases: ['标识码'], note: '10 位数字' },
    { key: 'icp', header: 'ICP备案号', aliases: ['备案号', 'icp'], note: '' },
    { key: 'subsites', header: '子站', aliases: ['子站点', '子站域名'], note: '多个用分号或换行分隔' },
    { key: 'scheduleCron', header: '扫描计划', aliases: ['定时规则'], note: 'cron 规则，留空用平台默认（每晚）' },
    { key: 'maxPages', header: '最大页数', aliases: ['页数上限'], note: '留空用平台默认' },
  ],
  accounts: [
    { key: 'unit', header: '单位名称', aliases: ['主办单位', '责任单位', '所属单位'], required: true, note: '必须是已登记的单位' },
    { key: 'platform', header: '平台', aliases: ['平台类型', '账号类型'], required: true, note: Object.values(PLATFORM_LABELS).join('/') },
    { key: 'name', header: '账号名称', aliases: ['名称'], required: true, note: '' },
    { key: 'platformId', header: '平台账号ID', aliases: ['账号id', '微信号', '账号'], note: '' },
    { key: 'status', header: '状态', aliases: ['运维状态'], note: '正常 或 已关停，默认正常' },
  ],
  units: [
    { key: 'name', header: '单位名称', aliases: [], required: true, note: '' },
    { key: 'type', header: '单位类型', aliases: ['类型'], required: true, note: Object.values(UNIT_TYPE_LABELS).join('/') },
    { key: 'parent', header: '上级单位', aliases: [], note: '已登记的单位或本表前面的单位，留空为顶级' },
    { key: 'code', header: '单位代码', aliases: ['统一社会信用代码', '代码'], note: '' },
    { key: 'contact', header: '联系人', aliases: ['联系方式'], note: '' },
    { key: 'includeSubunits', header: '含下级单位', aliases: [], note: '是/否：本单位用户能否看到下级单位的数据' },
  ],
};

const KIND_NAMES: Record<InventoryKind, string> = { websites: '网站', accounts: '新媒体账号', units: '单位' };

export const normHeader = (h: string) =>
  h.replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\(.*\)/, '').replace(/[\s*＊:：]/g, '').toLowerCase();

// ---------- reading ----------

/** The first sheet of an .xlsx, or a .csv, as rows of cell texts (shared with the 找错 import). */
export async function readTable(filename: string, body: Buffer): Promise<string[][]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) {
    try {
      return parseCsv(body, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    } catch (err) {
      throw new PlatformError('import_invalid', `CSV 文件无法解析：${(err as Error).message}`, []);
    }
  }
  if (!lower.endsWith('.xlsx')) throw new PlatformError('import_invalid', '只支持 .xlsx 或 .csv 文件', []);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch (err) {
    throw new PlatformError('import_invalid', `XLSX 文件无法读取：${(err as Error).message}`, []);
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v == null) return '';
  // A date cell: exceljs gives the sheet's wall-clock time as a UTC Date; keep it as written (YYYY-MM-DD HH:mm:ss).
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'object' && v !== null && 'hyperlink' in v) return String((v as { text?: unknown; hyperlink: string }).text ?? (v as { hyperlink: string }).hyperlink);
  try {
    return cell.text ?? String(v);
  } catch {
    return String(v);
  }
}

interface Sheet {
  rows: Array<{ line: number; values: Record<string, string> }>;
  errors: RowError[];
}

function mapColumns(kind: InventoryKind, table: string[][]): Sheet {
  const cols = COLUMNS[kind];
  const errors: RowError[] = [];
  const header = (table[0] ?? []).map((h) => normHeader(String(h ?? '')));
  const index = new Map<string, number>();
  for (const col of cols) {
    const names = [col.header, ...col.aliases].map(normHeader);
    const at = header.findIndex((h) => h !== '' && names.includes(h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) errors.push({ row: 1, column: col.header, message: `缺少必需的列「${col.header}」` });
  }
  const rows: Sheet['rows'] = [];
  for (let i = 1; i < table.length; i++) {
    const raw = table[i] ?? [];
    if (raw.every((c) => String(c ?? '').trim() === '')) continue; // blank lines are not rows
    const values: Record<string, string> = {};
    for (const [key, at] of index) values[key] = String(raw[at] ?? '').trim();
    rows.push({ line: i + 1, values });
  }
  if (table.length === 0) errors.push({ row: 1, column: '', message: '文件是空的' });
  return { rows, errors };
}

const byLabel = <T extends string>(labels: Record<T, string>, value: string): T | undefined => {
  const v = value.trim().toLowerCase();
  return (Object.keys(labels) as T[]).find((k) => k.toLowerCase() === v || labels[k].toLowerCase() === v || normHeader(labels[k]) === normHeader(v));
};

// ---------- validation and import ----------

interface UnitIndex {
  byName: Map<string, number[]>;
}

async function unitIndex(db: Kysely<Database>, scope: UnitScope): Promise<UnitIndex> {
  const units = await inv.listUnits(db, scope);
  const byName = new Map<string, number[]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u.id]);
  return { byName };
}

function resolveUnit(idx: UnitIndex, name: string, line: number, column: string, errors: RowError[]): number | undefined {
  const ids = idx.byName.get(name);
  if (!ids?.length) errors.push({ row: line, column, message: `单位「${name}」不存在，请先登记单位` });
  else if (ids.length > 1) errors.push({ row: line, column, message: `单位名称「${name}」不唯一，请先修改重名单位` });
  else return ids[0];
  return undefined;
}

function fail(kind: InventoryKind, errors: RowError[]): never {
  errors.sort((a, b) => a.row - b.row);
  throw new PlatformError('import_invalid', `导入${KIND_NAMES[kind]}失败：共 ${errors.length} 处错误，未导入任何数据`, errors);
}

export async function importInventory(db: Kysely<Database>, scope: UnitScope, kind: InventoryKind, filename: string, body: Buffer): Promise<number> {
  const sheet = mapColumns(kind, await readTable(filename, body));
  if (sheet.errors.length) fail(kind, sheet.errors);
  if (sheet.rows.length === 0) fail(kind, [{ row: 2, column: '', message: '文件中没有数据行' }]);
  if (kind === 'units') return importUnits(db, scope, sheet);
  if (kind === 'websites') return importWebsites(db, scope, sheet);
  return importAccounts(db, scope, sheet);
}

async function importUnits(db: Kysely<Database>, scope: UnitScope, sheet: Sheet): Promise<number> {
  const cols = Object.fromEntries(COLUMNS.units.map((c) => [c.key, c.header]));
  const idx = await unitIndex(db, scope);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  const planned: Array<{ line: number; input: Omit<inv.UnitInput, 'parentId'>; parent: string }> = [];
  for (const { line, values } of sheet.rows) {
    const name = values.name ?? '';
    if (!name) errors.push({ row: line, column: cols.name!, message: '单位名称不能为空' });
    else if (name.length > 200) errors.push({ row: line, column: cols.name!, message: '单位名称过长（最多 200 字）' });
    else if (idx.byName.has(name) || seen.has(name)) errors.push({ row: line, column: cols.name!, message: `单位「${name}」已存在` });
    seen.add(name);
    const type = byLabel(UNIT_TYPE_LABELS, values.type ?? '');
    if (!type || !UNIT_TYPES.includes(type)) errors.push({ row: line, column: cols.type!, message: `单位类型「${values.type ?? ''}」无效，应为：${Object.values(UNIT_TYPE_LABELS).join('、')}` });
    const parent = values.parent ?? '';
    if (parent && !idx.byName.has(parent) && !planned.some((p) => p.input.name === parent)) {
      errors.push({ row: line, column: cols.parent!, message: `上级单位「${parent}」不存在（须已登记，或在本表更靠前的行）` });
    }
    const sub = (values.includeSubunits ?? '').trim();
    if (sub && !['是', '否', 'y', 'n', 'yes', 'no', 'true', 'false', '1', '0'].includes(sub.toLowerCase())) {
      errors.push({ row: line, column: cols.includeSubunits!, message: '含下级单位应填「是」或「否」' });
    }
    planned.push({
      line,
      parent,
      input: { name, type: type ?? 'other', code: values.code || null, contact: values.contact || null, includeSubunits: ['是', 'y', 'yes', 'true', '1'].includes(sub.toLowerCase()) },
    });
  }
  if (errors.length) fail('units', errors);
  return db.transaction().execute(async (trx) => {
    const created = new Map<string, number>();
    for (const p of planned) {
      const parentId = p.parent ? created.get(p.parent) ?? idx.byName.get(p.parent)![0]! : null;
      const unit = await inv.createUnitIn(trx, scope, { ...p.input, parentId });
      created.set(unit.name, unit.id);
    }
    await writeAudit(trx, scope.actor, 'import', 'unit', null, null, { rows: planned.length });
    return planned.length;
  });
}

function splitList(s: string): string[] {
  return s.split(/[;；,，、\s]+/).map((x) => x.trim()).filter(Boolean);
}

async function importWebsites(db: Kysely<Database>, scope: UnitScope, sheet: Sheet): Promise<number> {
  const cols = Object.fromEntries(COLUMNS.websites.map((c) => [c.key, c.header]));
  const idx = await unitIndex(db, scope);
  const settings = await getSettings(db);
  const errors: RowError[] = [];
  const urls = new Map<string, number>();
  const planned: inv.WebsiteInput[] = [];
  const existing = new Set((await db.selectFrom('websites').select('url').execute()).map((r) => r.url));
  for (const { line, values } of sheet.rows) {
    const unitId = values.unit ? resolveUnit(idx, values.unit, line, cols.unit!, errors) : (errors.push({ row: line, column: cols.unit!, message: '单位名称不能为空' }), undefined);
    if (!values.name) errors.push({ row: line, column: cols.name!, message: '网站名称不能为空' });
    let url = '';
    if (!values.url) errors.push({ row: line, column: cols.url!, message: '网址不能为空' });
    else {
      try {
        url = inv.normaliseSiteUrl(values.url);
        if (existing.has(url)) errors.push({ row: line, column: cols.url!, message: `网址「${url}」已登记` });
        else if (urls.has(url)) errors.push({ row: line, column: cols.url!, message: `网址「${url}」与第 ${urls.get(url)} 行重复` });
        urls.set(url, line);
      } catch {
        errors.push({ row: line, column: cols.url!, message: `网址「${values.url}」无效，应形如 http://www.example.gov.cn/` });
      }
    }
    const kind = values.kind ? byLabel(KIND_LABELS, values.kind.replace(/网站$/, '')) : 'department';
    if (!kind) errors.push({ row: line, column: cols.kind!, message: `网站类型「${values.kind}」无效，应为「门户」或「部门」` });
    if (values.siteCode && !/^[0-9A-Za-z]{6,20}$/.test(values.siteCode)) errors.push({ row: line, column: cols.siteCode!, message: `网站标识码「${values.siteCode}」格式不正确（应为 10 位数字）` });
    const cron = values.scheduleCron || null;
    if (cron && cronProblem(cron)) errors.push({ row: line, column: cols.scheduleCron!, message: cronProblem(cron)! });
    let maxPages: number | undefined;
    if (values.maxPages) {
      maxPages = Number(values.maxPages);
      if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > 1_000_000) errors.push({ row: line, column: cols.maxPages!, message: '最大页数应为 1 到 1000000 的整数' });
    }
    planned.push({ name: values.name ?? '', url, unitId: unitId ?? 0, kind: kind ?? 'department', siteCode: values.siteCode ?? '', icp: values.icp ?? '', subsites: splitList(values.subsites ?? ''), scheduleCron: cron, maxPages });
  }
  if (errors.length) fail('websites', errors);
  return db.transaction().execute(async (trx) => {
    for (const p of planned) await inv.createWebsiteIn(trx, scope, p, settings.defaultMaxPages);
    await writeAudit(trx, scope.actor, 'import', 'website', null, null, { rows: planned.length });
    return planned.length;
  });
}

async function importAccounts(db: Kysely<Database>, scope: UnitScope, sheet: Sheet): Promise<number> {
  const cols = Object.fromEntries(COLUMNS.accounts.map((c) => [c.key, c.header]));
  const idx = await unitIndex(db, scope);
  const errors: RowError[] = [];
  const planned: inv.AccountInput[] = [];
  for (const { line, values } of sheet.rows) {
    const unitId = values.unit ? resolveUnit(idx, values.unit, line, cols.unit!, errors) : (errors.push({ row: line, column: cols.unit!, message: '单位名称不能为空' }), undefined);
    const platform = byLabel(PLATFORM_LABELS, values.platform ?? '') ?? (/^app$|客户端/i.test(values.platform ?? '') ? 'app' : undefined);
    if (!platform || !PLATFORMS.includes(platform)) errors.push({ row: line, column: cols.platform!, message: `平台「${values.platform ?? ''}」无效，应为：${Object.values(PLATFORM_LABELS).join('、')}` });
    if (!values.name) errors.push({ row: line, column: cols.name!, message: '账号名称不能为空' });
    const status = values.status ? byLabel(STATUS_LABELS, values.status) : 'active';
    if (!status) errors.push({ row: line, column: cols.status!, message: '状态应为「正常」或「已关停」' });
    planned.push({ unitId: unitId ?? 0, platform: platform ?? 'other', name: values.name ?? '', platformId: values.platformId ?? '', status: status ?? 'active' });
  }
  if (errors.length) fail('accounts', errors);
  return db.transaction().execute(async (trx) => {
    for (const p of planned) await inv.createAccountIn(trx, scope, p);
    await writeAudit(trx, scope.actor, 'import', 'account', null, null, { rows: planned.length });
    return planned.length;
  });
}

// ---------- template and export ----------

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(kind: InventoryKind, rows: string[][], withNotes: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govpatrol';
  const ws = wb.addWorksheet(KIND_NAMES[kind]);
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({ header: c.header, width: Math.max(14, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  if (withNotes) {
    const notes = wb.addWorksheet('填写说明');
    notes.columns = [{ header: '列', width: 22 }, { header: '必填', width: 8 }, { header: '说明', width: 60 }];
    for (const c of cols) notes.addRow([c.header, c.required ? '是' : '', c.note]);
    notes.addRow([]);
    notes.addRow(['说明', '', '第一个工作表的第一行是列名，从第二行起每行一条；导入时整批校验，有任何错误则整批不导入。']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function inventoryTemplate(kind: InventoryKind): Promise<{ name: string; body: Buffer }> {
  return { name: `${KIND_NAMES[kind]}导入模板.xlsx`, body: await workbook(kind, [], true) };
}

function csvCell(v: string): string {
  // A leading = + - @ would be run as a formula by spreadsheet programs: prefix it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

async function exportRows(db: Kysely<Database>, scope: UnitScope, kind: InventoryKind): Promise<string[][]> {
  const all = { page: 1, pageSize: 1_000_000 };
  if (kind === 'units') {
    const units = await inv.listUnits(db, scope);
    const names = new Map(units.map((u) => [u.id, u.name]));
    return units.map((u) => [u.name, UNIT_TYPE_LABELS[u.type], u.parentId ? names.get(u.parentId) ?? '' : '', u.code ?? '', u.contact ?? '', u.includeSubunits ? '是' : '否']);
  }
  if (kind === 'websites') {
    const { items } = await inv.listWebsites(db, scope, all);
    return items.map((w) => [w.unitName, w.name, w.url, KIND_LABELS[w.kind], w.siteCode, w.icp, w.subsites.join('；'), w.scheduleCron ?? '', String(w.maxPages)]);
  }
  const { items } = await inv.listAccounts(db, scope, all);
  return items.map((a) => [a.unitName, PLATFORM_LABELS[a.platform], a.name, a.platformId, STATUS_LABELS[a.status]]);
}

export async function exportInventory(db: Kysely<Database>, scope: UnitScope, kind: InventoryKind, format: 'xlsx' | 'csv'): Promise<{ name: string; type: string; body: Buffer }> {
  const rows = await exportRows(db, scope, kind);
  if (format === 'xlsx') return { name: `${KIND_NAMES[kind]}.xlsx`, type: XLSX_TYPE, body: await workbook(kind, rows, false) };
  const lines = [COLUMNS[kind].map((c) => c.header), ...rows].map((r) => r.map(csvCell).join(','));
  return { name: `${KIND_NAMES[kind]}.csv`, type: 'text/csv; charset=utf-8', body: Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8') };
}
