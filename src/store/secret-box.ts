// Secrets the platform must read back (the SMTP password) are kept encrypted in the database, so a leaked
// dump or backup does not leak them. The key lives outside the database: GOVPATROL_SECRET_KEY (32 bytes, hex
// or base64), else a key file created on first use with mode 0600 — GOVPATROL_SECRET_FILE, or beside the
// SQLite file, or ./data/govpatrol.key for PostgreSQL. An in-memory SQLite database gets a key as short-lived
// as itself. AES-256-GCM: a changed or wrongly keyed value fails to open instead of yielding garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseStoreUrl } from './connect.js';
import { StoreError } from './errors.js';

const PREFIX = 'gpsecret1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DEFAULT_PG_KEY_FILE = './data/govpatrol.key';

/** The key is found (or its file created) on first use: a scan that never touches a secret writes no key file. */
export class SecretBox {
  private loaded: Buffer | undefined;

  constructor(
    private readonly loadKey: () => Buffer,
    /** Where the key comes from, for error messages. */
    readonly keySource: string,
  ) {}

  private get key(): Buffer {
    this.loaded ??= this.loadKey();
    return this.loaded;
  }

  /** The value as stored: '' stays '' (nothing to hide, and "no password" stays visible). */
  seal(plain: string): string {
    if (plain === '') return '';
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The plain value; a value stored before encryption existed is returned as it is. */
  open(stored: string): string {
    if (!isSealed(stored)) return stored;
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new StoreError(`无法解密已保存的密码：密钥（${this.keySource}）与保存时的不同。请恢复原密钥，或在设置页重新填写密码`);
    }
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The box for the database at `url`, its key found or created as the header says. */
export function secretBoxFor(url: string | undefined, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const fromEnv = env.GOVPATROL_SECRET_KEY;
  if (fromEnv) return new SecretBox(() => parseKey(fromEnv), '环境变量 GOVPATROL_SECRET_KEY');
  const file = keyFileFor(url, env);
  if (file === undefined) return new SecretBox(() => randomBytes(KEY_BYTES), '内存数据库的临时密钥');
  return new SecretBox(() => readOrCreateKeyFile(file), `密钥文件 ${file}`);
}

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== KEY_BYTES) throw new StoreError(`GOVPATROL_SECRET_KEY 应为 ${KEY_BYTES} 字节的十六进制（64 位）或 base64 字符串`);
  return key;
}

function keyFileFor(url: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOVPATROL_SECRET_FILE) return resolve(env.GOVPATROL_SECRET_FILE);
  const { dialect, target } = parseStoreUrl(url);
  if (dialect === 'postgres') return resolve(DEFAULT_PG_KEY_FILE);
  if (target === ':memory:') return undefined;
  return join(dirname(resolve(target)), 'govpatrol.key');
}

/** Creates the file exclusively, so two processes starting together end up with the same key. */
function readOrCreateKeyFile(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('hex') + '\n');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`无法创建密钥文件 ${file}：${(err as Error).message}`);
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new StoreError(`密钥文件 ${file} 内容无效（应为 64 位十六进制）`);
  return Buffer.from(text, 'hex');
}
