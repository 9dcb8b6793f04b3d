import { describe, expect, it } from 'vitest';
import { siteLevelChecks, tlsChainCheck } from '../../src/checks/site/index.js';
import type { TlsChainFact } from '../../src/domain/index.js';
import { judge } from './judge.js';
import { ctx, site } from './site-facts.js';

const fact = (over: Partial<TlsChainFact> = {}): TlsChainFact => ({
  origin: 'https://www.example.gov.cn',
  url: 'https://www.example.gov.cn/',
  missingIssuer: 'C=CN, O=Example CA, CN=Example OV SSL CA 2024',
  subject: 'CN=www.example.gov.cn',
  aiaUrl: 'http://ca.example.com/ov2024.crt',
  repaired: true,
  ...over,
});

describe('tls-chain', () => {
  it('is registered and quiet when every chain arrived whole', () => {
    expect(siteLevelChecks).toContain(tlsChainCheck);
    expect(tlsChainCheck.run(site(), ctx())).toEqual([]);
  });

  it('names the missing issuer, one finding per origin, with the advice to send the intermediate', () => {
    const [f, g] = tlsChainCheck.run(site({ tlsChains: [fact(), fact({ origin: 'https://xxgk.example.gov.cn:8443', url: 'https://xxgk.example.gov.cn:8443/a.html' })] }), ctx());
    expect(judge([f])[0]).toMatchObject({ indicator: 'function.availability', severity: 'minor' });
    expect(f).toMatchObject({ check: 'tls-chain', url: 'https://www.example.gov.cn/', detail: { repaired: true, missingIssuer: 'C=CN, O=Example CA, CN=Example OV SSL CA 2024', aiaUrl: 'http://ca.example.com/ov2024.crt' } });
    expect(f.message).toContain('「Example OV SSL CA 2024」');
    expect(f.message).toContain('浏览器可通过');
    expect(f.evidence).toContain('AIA：http://ca.example.com/ov2024.crt');
    expect(f.detail.advice).toContain('中间证书');
    expect(g.message).toContain('xxgk.example.gov.cn:8443');
  });

  it('says so when the chain could not be repaired either', () => {
    const [f] = tlsChainCheck.run(site({ tlsChains: [fact({ repaired: false, aiaUrl: undefined, error: '证书中没有 AIA 签发机构地址（caIssuers），无法补全证书链' })] }), ctx());
    expect(f.message).toContain('未能补全（证书中没有 AIA');
    expect(f.detail).toMatchObject({ repaired: false });
    expect(f.detail).not.toHaveProperty('aiaUrl');
  });
});
