// A throwaway PKI for the incomplete-chain tests: root → intermediate → leaf, made with the openssl CLI.
// The leaf names its issuer in the AIA extension (caIssuers), at a URL the test serves on loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  rootPem: string;
  rootFile: string;
  intermediatePem: string;
  intermediateDer: Buffer;
  leafPem: string;
  leafKey: string;
  remove(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** @param aiaUrl where the leaf says its issuer can be fetched (omit for a leaf without AIA). */
export function makePki(hosts: string[], aiaUrl?: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'govpatrol-chain-'));
  const f = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  run(['req', '-x509', ...EC, '-keyout', f('root.key'), '-out', f('root.pem'), '-days', '2', '-subj', '/CN=GovPatrol Test Root CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', ...EC, '-keyout', f('int.key'), '-out', f('int.csr'), '-subj', '/CN=GovPatrol Test Intermediate CA']);
  writeFileSync(f('int.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  run(['x509', '-req', '-in', f('int.csr'), '-CA', f('root.pem'), '-CAkey', f('root.key'), '-CAcreateserial', '-out', f('int.pem'), '-days', '2', '-extfile', f('int.ext')]);
  run(['req', ...EC, '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', `/CN=${hosts[0]}`]);
  const ext = [
    `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    'basicConstraints=CA:FALSE',
    'extendedKeyUsage=serverAuth',
    ...(aiaUrl ? [`authorityInfoAccess=caIssuers;URI:${aiaUrl}`] : []),
  ];
  writeFileSync(f('leaf.ext'), ext.join('\n') + '\n');
  run(['x509', '-req', '-in', f('leaf.csr'), '-CA', f('int.pem'), '-CAkey', f('int.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '2', '-extfile', f('leaf.ext')]);
  run(['x509', '-in', f('int.pem'), '-outform', 'DER', '-out', f('int.der')]);
  return {
    dir,
    rootPem: readFileSync(f('root.pem'), 'utf8'),
    rootFile: f('root.pem'),
    intermediatePem: readFileSync(f('int.pem'), 'utf8'),
    intermediateDer: readFileSync(f('int.der')),
    leafPem: readFileSync(f('leaf.pem'), 'utf8'),
    leafKey: readFileSync(f('leaf.key'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
