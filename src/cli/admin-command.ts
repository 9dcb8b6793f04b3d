// `govpatrol admin create`: the first (or another) supervisor account. The password comes from
// GOVPATROL_ADMIN_PASSWORD or is typed at a hidden prompt; there is never a default one.
import { createInterface } from 'node:readline';
import { openStore } from '../store/index.js';
import { createUser } from '../store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import { hashPassword, passwordProblem } from '../server/password.js';
import { PlatformError } from '../store/errors.js';

export class AdminInputError extends Error {}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AdminInputError('无法交互输入密码：请设置环境变量 GOVPATROL_ADMIN_PASSWORD');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput(s: string): void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
  });
}

export async function adminCreateCommand(flags: { username: string; displayName?: string; db?: string }): Promise<void> {
  try {
    await createAdmin(flags);
  } catch (err) {
    // Bad input (policy, mismatch, a taken name) is a usage error; the message says what to do.
    const usage = err instanceof AdminInputError || (err instanceof PlatformError && err.code !== 'not_found');
    process.stderr.write(`错误：${(err as Error).message}\n`);
    process.exitCode = usage ? 2 : 1;
  }
}

async function createAdmin(flags: { username: string; displayName?: string; db?: string }): Promise<void> {
  let password = process.env.GOVPATROL_ADMIN_PASSWORD ?? '';
  if (!password) {
    password = await promptHidden(`为「${flags.username}」设置密码（至少 10 位，含字母和数字）：`);
    const again = await promptHidden('再输入一次：');
    if (again !== password) throw new AdminInputError('两次输入的密码不一致');
  }
  const problem = passwordProblem(password, flags.username);
  if (problem) throw new AdminInputError(problem);
  const store = await openStore({ url: flags.db ?? process.env.DATABASE_URL });
  try {
    const scope = await UnitScope.of(store.db, { ...SYSTEM_ACTOR, username: 'cli' });
    const user = await createUser(store.db, scope, { username: flags.username, displayName: flags.displayName ?? '系统管理员', role: 'supervisor', unitId: null }, await hashPassword(password));
    process.stdout.write(`已创建监管方账号「${user.username}」（id ${user.id}）\n`);
  } finally {
    await store.close();
  }
}
