// The start URL of a scan, checked before anything is opened or fetched. Kept apart from scan.ts so that the CLI
// (main.ts: ScanInputError) does not load the whole scan to start.
import { parseSiteUrl, type SiteUrlProblem } from '../domain/index.js';

export class ScanInputError extends Error {}

/** Validates and normalises the start URL; a bare host gets http://. */
export function parseStartUrl(input: string): URL {
  const url = parseSiteUrl(input);
  if (url instanceof URL) return url;
  throw new ScanInputError(PROBLEMS[url](input));
}

const PROBLEMS: Record<SiteUrlProblem, (input: string) => string> = {
  invalid: (input) => `网址无效：「${input}」。请输入形如 http://www.example.gov.cn/ 的网址。`,
  scheme: (input) => `只支持 http 和 https 网址：「${input}」`,
  'no-host': (input) => `网址缺少主机名：「${input}」`,
};
