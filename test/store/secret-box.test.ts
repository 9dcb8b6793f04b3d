// The SMTP password is stored sealed with a key kept outside the database (src/store/secret-box.ts).
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed, secretBoxFor } from '../../src/store/secret-box.js';
import { openStore } from '../../src/store/index.js';
import { getMailSettings, saveMailSettings } from '../../src/store/notifications.js';
import { SYSTEM_ACTOR } from '../../src/store/scope.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gp-secret-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('secret box', () => {
  it('seals to an opaque value that opens to the original, a fresh IV each time; "" stays ""', () => {
    const box = secretBoxFor(':memory:', {});
    const a = box.seal('smtp-秘密');
    const b = box.seal('smtp-秘密');
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain('smtp');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('smtp-秘密');
    expect(box.seal('')).toBe('');
  });

  it('creates the key file beside the SQLite file, mode 0600, only when first used, and reuses it', () => {
    const dir = tempDir();
    const db = join(dir, 'govpatrol.sqlite');
    const first = secretBoxFor(db, {});
    expect(existsSync(join(dir, 'govpatrol.key'))).toBe(false);
    const sealed = first.seal('口令');
    const keyFile = join(dir, 'govpatrol.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(secretBoxFor(db, {}).open(sealed)).toBe('口令');
  });

  it('takes the key from GOVPATROL_SECRET_KEY (hex or base64) or GOVPATROL_SECRET_FILE', () => {
    const hex = 'ab'.repeat(32);
    const sealed = secretBoxFor('postgres://x/y', { GOVPATROL_SECRET_KEY: hex }).seal('p');
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    expect(secretBoxFor('postgres://x/y', { GOVPATROL_SECRET_KEY: base64 }).open(sealed)).toBe('p');
    const file = join(tempDir(), 'k', 'my.key');
    const viaFile = secretBoxFor(':memory:', { GOVPATROL_SECRET_FILE: file });
    expect(viaFile.open(viaFile.seal('q'))).toBe('q');
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a bad key and a value sealed with another key, in Chinese; reads an old plain value as it is', () => {
    expect(() => secretBoxFor(':memory:', { GOVPATROL_SECRET_KEY: 'short' }).seal('x')).toThrow(/GOVPATROL_SECRET_KEY 应为 32 字节/);
    const sealed = secretBoxFor(':memory:', {}).seal('x');
    expect(() => secretBoxFor(':memory:', {}).open(sealed)).toThrow(/无法解密已保存的密码/);
    const file = join(tempDir(), 'bad.key');
    writeFileSync(file, 'not a key\n');
    expect(() => secretBoxFor(':memory:', { GOVPATROL_SECRET_FILE: file }).seal('x')).toThrow(/密钥文件 .* 内容无效/);
    expect(secretBoxFor(':memory:', {}).open('plain-old')).toBe('plain-old');
  });

  it('the store seals the SMTP password in its settings row; a password stored in clear before is sealed on the next save', async () => {
    const dir = tempDir();
    const store = await openStore({ url: join(dir, 'gp.sqlite') });
    try {
      await store.db.insertInto('settings').values({ key: 'mail', value: JSON.stringify({ host: 'smtp.test', from: 'a@b.test', pass: '旧密码' }) }).execute();
      expect((await getMailSettings(store.db, store.secrets)).pass).toBe('旧密码');
      await saveMailSettings(store.db, store.secrets, SYSTEM_ACTOR, { port: 465 });
      const row = await store.db.selectFrom('settings').select('value').where('key', '=', 'mail').executeTakeFirstOrThrow();
      expect(row.value).not.toContain('旧密码');
      expect((await getMailSettings(store.db, store.secrets)).pass).toBe('旧密码');
      expect(existsSync(join(dir, 'govpatrol.key'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
