// Loads the indicator catalogue (bundled by name, or a JSON file by path) and applies overlays in order.
// Every problem is reported in Chinese, naming the file and the field.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { isCheckId } from '../domain/index.js';
import {
  type Catalogue, type CatalogueData, type Indicator, type Matcher, type Overlay, catalogueSchema, overlaySchema,
} from './schema.js';

export class CatalogueError extends Error {}

/** Bundled data: src/rules/data next to this file, or (when running from dist/) the package's src/rules/data. */
function bundledDataDirs(): string[] {
  const here = fileURLToPath(new URL('./data/', import.meta.url));
  const fromDist = fileURLToPath(new URL('../../../src/rules/data/', import.meta.url));
  return [here, fromDist];
}

export function bundledNames(): string[] {
  return ['national-2019', 'liaoning-2019'];
}

function resolveFile(nameOrPath: string): string {
  if (/^[a-z0-9-]+$/.test(nameOrPath)) {
    for (const dir of bundledDataDirs()) {
      const file = resolve(dir, `${nameOrPath}.json`);
      if (existsSync(file)) return file;
    }
    throw new CatalogueError(`未找到内置指标体系「${nameOrPath}」（可用：${bundledNames().join('、')}，或给出 JSON 文件路径）`);
  }
  return isAbsolute(nameOrPath) ? nameOrPath : resolve(process.cwd(), nameOrPath);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CatalogueError(`无法读取指标文件 ${file}：${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogueError(`指标文件 ${file} 不是合法的 JSON：${(err as Error).message}`);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { expected?: string; keys?: string[]; minimum?: unknown; values?: unknown[] };
  switch (i.code) {
    case 'invalid_type':
      return `类型错误（应为 ${i.expected}）`;
    case 'unrecognized_keys':
      return `未知字段 ${(i.keys ?? []).join('、')}`;
    case 'too_small':
      return `取值过小或为空（最小 ${String(i.minimum)}）`;
    case 'invalid_value':
      return `取值无效（应为 ${(i.values ?? []).map(String).join(' / ')}）`;
    case 'invalid_union':
      return '格式不符合任何允许的写法';
    default:
      return i.message;
  }
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string, what: string): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 8).map((i) => `${i.path.join('.') || '(根)'}：${describeIssue(i)}`);
  throw new CatalogueError(`${what} ${file} 无效：${issues.join('；')}`);
}

function checkMatchers(matchers: Matcher[] | undefined, where: string, file: string): void {
  for (const [i, m] of (matchers ?? []).entries()) {
    for (const id of Array.isArray(m.check) ? m.check : [m.check]) {
      if (!isCheckId(id)) throw new CatalogueError(`指标文件 ${file} 无效：${where}.${i}.check：未知的检查项「${id}」`);
    }
    // Checks report no severity or indicator: a rule reading them would never match (the rules assign both).
    for (const path of Object.keys(m.where ?? {})) {
      if (path === 'severity' || path === 'indicator') {
        throw new CatalogueError(`指标文件 ${file} 无效：${where}.${i}.where.${path}：检查项不给出严重程度或指标，只能按 check、url、target、evidence 或 detail.* 匹配`);
      }
    }
  }
}

/** Cross-field rules zod cannot express: unique codes, known blocks and checks, block totals. */
function validateSemantics(c: CatalogueData, file: string): void {
  const fail = (field: string, msg: string): never => {
    throw new CatalogueError(`指标文件 ${file} 无效：${field}：${msg}`);
  };
  const blocks = new Map(c.blocks.map((b) => [b.code, b]));
  if (blocks.size !== c.blocks.length) fail('blocks', '板块代码重复');
  if (!blocks.has(c.serviceBlock)) fail('serviceBlock', `板块「${c.serviceBlock}」不存在`);
  const deductionSum = c.blocks.filter((b) => b.kind === 'deduction').reduce((s, b) => s + b.points, 0);
  if (Math.abs(deductionSum - c.deductionTotal) > 1e-9) fail('blocks', `扣分板块分值之和 ${deductionSum} 不等于 deductionTotal ${c.deductionTotal}`);
  const codes = new Set<string>();
  for (const [i, ind] of c.indicators.entries()) {
    const at = `indicators.${i}（${ind.code}）`;
    if (codes.has(ind.code)) fail(at, '指标代码重复');
    codes.add(ind.code);
    if (ind.kind === 'veto') {
      if (ind.block) fail(`${at}.block`, '单项否决指标不属于任何扣分板块');
      if (ind.deductions) fail(`${at}.deductions`, '单项否决指标不设扣分规则');
    } else {
      const b = ind.block ? blocks.get(ind.block) : undefined;
      if (!b) fail(`${at}.block`, `板块「${ind.block ?? ''}」不存在`);
      else if (b.kind !== ind.kind) fail(`${at}.block`, `板块「${b.code}」的类型与指标类型 ${ind.kind} 不一致`);
      if (ind.triggers) fail(`${at}.triggers`, '只有单项否决指标可以设置 triggers');
    }
    if (ind.judgedBy === 'machine' && ind.match.length === 0) fail(`${at}.judgedBy`, '没有任何检查项匹配的指标不能只由机器判定（应为 person 或 both）');
    checkMatchers(ind.match, `${at}.match`, file);
    for (const [j, t] of (ind.triggers ?? []).entries()) checkMatchers('count' in t ? t.count : t.ratio.match, `${at}.triggers.${j}`, file);
    for (const [j, d] of (ind.deductions ?? []).entries()) checkMatchers(d.match, `${at}.deductions.${j}.match`, file);
  }
  for (const [i, r] of c.severities.entries()) checkMatchers(r.match, `severities.${i}.match`, file);
}

type Keyed = { id: string } & Record<string, unknown>;

function patchKeyed(list: Keyed[] | undefined, patch: unknown, at: string, file: string): Keyed[] {
  if (Array.isArray(patch)) return patch as Keyed[];
  const out = (list ?? []).map((x) => ({ ...x }));
  for (const [id, fields] of Object.entries(patch as Record<string, Record<string, unknown>>)) {
    const idx = out.findIndex((x) => x.id === id);
    if (idx < 0) throw new CatalogueError(`叠加文件 ${file} 无效：${at}.${id}：原指标中没有 id 为「${id}」的规则`);
    out[idx] = { ...out[idx], ...fields };
  }
  return out;
}

function applyOverlay(base: CatalogueData, overlay: Overlay, file: string): CatalogueData {
  const next: CatalogueData = structuredClone(base);
  for (const key of ['basis', 'passScore', 'bonusThreshold', 'maxScore', 'bonusTotal', 'deductionTotal'] as const) {
    if (overlay[key] !== undefined) (next as Record<string, unknown>)[key] = overlay[key];
  }
  for (const [code, patch] of Object.entries(overlay.blocks ?? {})) {
    const b = next.blocks.find((x) => x.code === code);
    if (!b) throw new CatalogueError(`叠加文件 ${file} 无效：blocks.${code}：板块不存在`);
    if (patch.points !== undefined) b.points = patch.points;
    if (patch.name !== undefined) b.name = patch.name;
  }
  for (const [code, patch] of Object.entries(overlay.indicators ?? {})) {
    const idx = next.indicators.findIndex((x) => x.code === code);
    if (idx < 0) throw new CatalogueError(`叠加文件 ${file} 无效：indicators.${code}：指标不存在`);
    if (patch.remove) {
      next.indicators.splice(idx, 1);
      continue;
    }
    const cur = next.indicators[idx] as Indicator & Record<string, unknown>;
    const { triggers, deductions, remove: _remove, ...plain } = patch;
    const merged: Record<string, unknown> = { ...cur, ...plain };
    if (triggers !== undefined) merged.triggers = patchKeyed(cur.triggers as Keyed[] | undefined, triggers, `indicators.${code}.triggers`, file);
    if (deductions !== undefined) merged.deductions = patchKeyed(cur.deductions as Keyed[] | undefined, deductions, `indicators.${code}.deductions`, file);
    next.indicators[idx] = merged as Indicator;
  }
  next.indicators.push(...(overlay.add ?? []));
  next.severities = [...(overlay.severities ?? []), ...next.severities];
  next.metadata = { ...next.metadata, ...(overlay.metadata ?? {}), [`overlay:${overlay.id}`]: overlay.name };
  next.notes = [...next.notes, ...(overlay.notes ?? [])];
  return next;
}

function loadOverlayFile(nameOrPath: string): { overlay: Overlay; file: string } {
  const file = resolveFile(nameOrPath);
  return { overlay: parseWith(overlaySchema, readJson(file), file, '叠加文件'), file };
}

/**
 * Loads a catalogue by bundled name ('national-2019') or JSON path, then applies overlays (bundled names such as
 * 'liaoning-2019', or paths) in order. Loading an overlay's name as the catalogue loads the catalogue it extends.
 */
export function loadCatalogue(name: string, overlays: string[] = []): Catalogue {
  const file = resolveFile(name);
  const raw = readJson(file);
  let data: CatalogueData;
  const sources: string[] = [];
  if (raw && typeof raw === 'object' && (raw as { schema?: unknown }).schema === 'govpatrol.overlay/1') {
    const overlay = parseWith(overlaySchema, raw, file, '叠加文件');
    if (!overlay.extends) throw new CatalogueError(`叠加文件 ${file} 不能单独作为指标体系使用（缺少 extends 字段）`);
    const base = loadCatalogue(overlay.extends);
    sources.push(...base.sources, file);
    data = applyOverlay(base, overlay, file);
  } else {
    data = parseWith(catalogueSchema, raw, file, '指标文件');
    sources.push(file);
  }
  let lastFile = file;
  for (const o of overlays) {
    const { overlay, file: ofile } = loadOverlayFile(o);
    data = applyOverlay(data, overlay, ofile);
    sources.push(ofile);
    lastFile = ofile;
  }
  // Re-validate the merged result so an overlay cannot leave it inconsistent.
  const merged = parseWith(catalogueSchema, stripSources(data), lastFile, overlays.length ? '叠加后的指标体系' : '指标文件');
  validateSemantics(merged, lastFile);
  return { ...merged, sources };
}

function stripSources(c: CatalogueData | Catalogue): CatalogueData {
  const { sources: _s, ...rest } = c as Catalogue;
  return rest;
}
