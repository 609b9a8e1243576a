// A throwaway CA and signer made with openssl (§14 tests): a root CA, a signer certificate it
// issues (CN = the signer's name, O = the agency), and the signer's PKCS#12 with its key and
// both certificates. Variants: expired, not yet valid, a PKCS#12 without a key.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestPki {
  readonly dir: string
  readonly p12: string
  readonly password: string
  readonly caCert: string
  readonly signerName: string
  readonly agency: string
}

const run = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })

/**
 * The signer's certificate is valid for 30 days from when it is issued: now, or `issuedAt`
 * ('YYYY-MM-DD', under faketime: openssl 3.0 has no -not_before) for an expired or a
 * not-yet-valid one.
 */
export function makePki(opts: { issuedAt?: string; name?: string; agency?: string; withoutKey?: boolean } = {}): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'pki-'))
  const signerName = opts.name ?? 'Nguyễn Văn Thành'
  const agency = opts.agency ?? 'Sở Thông tin và Truyền thông tỉnh Bắc Giang'
  const password = 'test-p12-password'
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=Throwaway Test CA/O=eoffice-eval tests', '-utf8'], dir)
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-utf8', '-subj', `/CN=${signerName}/O=${agency}/C=VN`], dir)
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n')
  const issue = ['x509', '-req', '-in', 'signer.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'signer.crt', '-extfile', 'ext.cnf', '-days', '30']
  if (opts.issuedAt) execFileSync('faketime', [`${opts.issuedAt} 12:00:00`, 'openssl', ...issue], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  else run(issue, dir)
  const keyArgs = opts.withoutKey ? ['-nokeys', '-in', 'signer.crt'] : ['-inkey', 'signer.key', '-in', 'signer.crt']
  run(['pkcs12', '-export', ...keyArgs, '-certfile', 'ca.crt', '-out', 'signer.p12', '-passout', `pass:${password}`], dir)
  return { dir, p12: join(dir, 'signer.p12'), password, caCert: join(dir, 'ca.crt'), signerName, agency }
}
