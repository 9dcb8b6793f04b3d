// tls-chain: the server sends its certificate without the intermediate certificate that issued it. Browsers
// repair that by fetching the issuer named in the certificate (AIA), so the site opens for visitors and is
// judged as they see it; many other clients (apps, 接口调用, older systems, some crawlers) fail with a
// certificate error. One finding per HTTPS origin, with the issuer that was missing.
import type { CheckFinding, TlsChainFact } from '../../domain/index.js';
import type { SiteCheck } from '../types.js';
import { makeFinding } from './util.js';

export const tlsChainCheck: SiteCheck<'tls-chain'> = {
  id: 'tls-chain',
  scope: 'site',
  run(site, ctx) {
    return (site.tlsChains ?? []).slice(0, ctx.config.checks.maxFindingsPerCheck).map(finding);
  },
};

function finding(c: TlsChainFact): CheckFinding<'tls-chain'> {
  const host = c.origin.replace(/^https:\/\//, '');
  const repaired = c.repaired
    ? '浏览器可通过证书中的签发机构地址（AIA）自动补全，网站对访问者可用，但部分应用、接口调用和旧系统会报证书错误'
    : `本次扫描也未能补全（${c.error ?? '原因不明'}），不支持自动补全的浏览器和客户端均无法建立安全连接`;
  return makeFinding({
    check: 'tls-chain',
    url: c.url,
    evidence: `服务器证书：${c.subject}；签发机构（未随证书发送）：${c.missingIssuer}${c.aiaUrl ? `；AIA：${c.aiaUrl}` : ''}`,
    message: `${host} 的 HTTPS 证书链不完整，服务器未发送中间证书「${commonName(c.missingIssuer)}」：${repaired}`,
    advice:
      '在服务器上配置完整证书链：站点证书之后依次附上证书机构提供的中间证书（如 nginx 的 ssl_certificate 使用 fullchain/bundle 文件，Apache 配置 SSLCertificateChainFile），配置后用 SSL 检测工具确认链完整',
    detail: {
      missingIssuer: c.missingIssuer,
      subject: c.subject,
      repaired: c.repaired,
      ...(c.aiaUrl ? { aiaUrl: c.aiaUrl } : {}),
      ...(c.error ? { error: c.error } : {}),
    },
  });
}

function commonName(dn: string): string {
  return /(?:^|, )CN=([^,]+)/.exec(dn)?.[1] ?? dn;
}
