import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test-only PKI made with the `openssl` CLI (node:crypto cannot issue X.509 certificates).
 * EC P-256 keys: fast to generate, so each test file can make its own CA.
 */

export interface Pem {
  cert: string;
  key: string;
}

export interface TestCa extends Pem {
  /** a leaf signed by this CA; `names` are DNS names or IPs (subjectAltName) */
  issue(cn: string, names: string[], usage?: 'server' | 'client'): Pem;
  dispose(): void;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(dir: string, file: string): void {
  openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
}

/** A self-signed CA in a temp dir; `dispose` removes it. */
export function createTestCa(name = 'Aya Test CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'aya-pki-'));
  newKey(dir, 'ca.key');
  openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-days', '2', '-subj', `/CN=${name}`, '-out', 'ca.crt',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  let serial = 0;
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    cert: read('ca.crt'),
    key: read('ca.key'),
    issue(cn, names, usage = 'server') {
      const base = `leaf${++serial}`;
      newKey(dir, `${base}.key`);
      openssl(dir, ['req', '-new', '-key', `${base}.key`, '-subj', `/CN=${cn}`, '-out', `${base}.csr`]);
      const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
      const ext = [`subjectAltName=${san}`, `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`, 'basicConstraints=CA:FALSE'];
      writeFileSync(join(dir, `${base}.ext`), `${ext.join('\n')}\n`);
      openssl(dir, ['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
        '-extfile', `${base}.ext`, '-out', `${base}.crt`]);
      return { cert: read(`${base}.crt`), key: read(`${base}.key`) };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
