// `govpatrol report notice --round <id> --out FILE.docx|.pdf|.html`: a published round's 通报, written from
// the stored data exactly as the round page's download button writes it. Exit 2 on bad usage (unknown
// extension, unknown or unpublished round), 1 when the document could not be written.
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { openStore } from '../store/index.js';
import { PlatformError } from '../store/errors.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import { NOTICE_FORMATS, type NoticeFormat } from '../report/notice/render.js';
import { generateNotice, generateYearly } from '../workflows/notice.js';

export interface NoticeFlags {
  round: number;
  out: string;
  db?: string;
  data?: string;
}

class UsageError extends Error {}

export async function noticeCommand(flags: NoticeFlags): Promise<void> {
  try {
    await writeNotice(flags);
  } catch (err) {
    const usage = err instanceof UsageError || err instanceof PlatformError;
    process.stderr.write(`错误：${(err as Error).message}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

function formatOf(out: string): NoticeFormat {
  const ext = extname(out).slice(1).toLowerCase();
  if (!(NOTICE_FORMATS as readonly string[]).includes(ext)) throw new UsageError(`--out 的扩展名应为 .docx、.pdf 或 .html（收到「${out}」）`);
  return ext as NoticeFormat;
}

function storeUrl(flags: { db?: string; data?: string }): string | undefined {
  if (flags.db && flags.data) throw new UsageError('--db 与 --data 只能指定一个');
  return flags.db ?? (flags.data ? join(flags.data, 'govpatrol.sqlite') : process.env.DATABASE_URL);
}

async function writeNotice(flags: NoticeFlags): Promise<void> {
  const format = formatOf(flags.out);
  const store = await openStore({ url: storeUrl(flags) });
  try {
    const scope = await UnitScope.of(store.db, { ...SYSTEM_ACTOR, username: 'cli' });
    const file = await generateNotice(store.db, scope, flags.round, format);
    await writeFile(flags.out, file.body);
    if (file.warning) process.stderr.write(`注意：${file.warning}\n`);
    const left = file.doc.placeholders.length;
    process.stdout.write(`已生成《${file.doc.title}》：${flags.out}${left ? `（${left} 处【待补充】需人工填写）` : ''}\n`);
  } finally {
    await store.close();
  }
}

export interface YearlyFlags {
  year: number;
  website?: number;
  out: string;
  db?: string;
  data?: string;
}

export async function yearlyCommand(flags: YearlyFlags): Promise<void> {
  try {
    const format = formatOf(flags.out);
    const store = await openStore({ url: storeUrl(flags) });
    try {
      const scope = await UnitScope.of(store.db, { ...SYSTEM_ACTOR, username: 'cli' });
      const file = await generateYearly(store.db, scope, flags.year, format, flags.website);
      await writeFile(flags.out, file.body);
      process.stdout.write(`已生成《${file.title}》：${flags.out}\n`);
    } finally {
      await store.close();
    }
  } catch (err) {
    process.stderr.write(`错误：${(err as Error).message}\n`);
    process.exitCode = err instanceof UsageError || err instanceof PlatformError ? 2 : 1;
  }
}
