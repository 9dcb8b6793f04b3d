// `govpatrol report notice` as a user runs it: a real process over a real SQLite data directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { insertRound } from '../report/notice/fixture.js';

const BIN = resolve(import.meta.dirname, '../../bin/govpatrol.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, GOVPATROL_FROM_SOURCE: '1', NO_COLOR: '1', DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

describe('govpatrol report notice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gp-notice-cli-'));
  const round: Record<string, number> = {};
  beforeAll(async () => {
    const store = await openStore({ url: join(dir, 'govpatrol.sqlite') });
    round.june = await insertRound(store, 6, 'published');
    round.open = await insertRound(store, 7, 'open');
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PDF of a published round from the data directory', async () => {
    const out = join(dir, '通报.pdf');
    const r = await run(['report', 'notice', '--round', String(round.june), '--data', dir, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成《市人民政府办公室关于2024年6月份全市政府网站和政务新媒体监管情况的通报》');
    expect(r.stdout).toContain('处【待补充】需人工填写');
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('本次共检查全市政府网站6个');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('says what is wrong and exits 2 on bad usage', async () => {
    const ext = await run(['report', 'notice', '--round', String(round.june), '--data', dir, '--out', join(dir, 'x.txt')]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain('扩展名应为 .docx、.pdf 或 .html');
    const open = await run(['report', 'notice', '--round', String(round.open), '--db', join(dir, 'govpatrol.sqlite'), '--out', join(dir, 'o.html')]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain('尚未发布');
    const missing = await run(['report', 'notice', '--round', '999', '--data', dir, '--out', join(dir, 'm.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('检查轮次不存在');
    expect(existsSync(join(dir, 'm.html'))).toBe(false);
    const noRound = await run(['report', 'notice', '--out', join(dir, 'n.html')]);
    expect(noRound.code).toBe(2);
  }, 120_000); // five processes started from source (tsx) on a shared machine

  it('writes the yearly supervision report', async () => {
    const out = join(dir, 'yearly.html');
    const r = await run(['report', 'yearly', '--year', '2024', '--data', dir, '--out', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<td>常态检查次数</td><td>1次</td>');
    expect(html).toContain('未掌握');
  }, 60_000);
});
