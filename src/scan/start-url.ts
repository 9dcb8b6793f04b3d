// The start URL of a scan, checked before anything is opened or started. Kept apart from scan.ts so that the CLI
// can check it (and start the browser, see scan-browser.ts) before loading the scan's code.

export class ScanInputError extends Error {}

/** Validates and normalises the start URL; a bare host gets http://. */
export function parseStartUrl(input: string): URL {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ScanInputError(`网址无效：「${input}」。请输入形如 http://www.example.gov.cn/ 的网址。`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ScanInputError(`只支持 http 和 https 网址：「${input}」`);
  if (!url.hostname) throw new ScanInputError(`网址缺少主机名：「${input}」`);
  url.hash = '';
  return url;
}
