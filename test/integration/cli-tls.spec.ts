// Certificate trust from the command line, as a user meets it: a self-signed Dovecot refuses
// with the fingerprint and the command to trust it; --trust-cert and `account trust-cert`
// pin exactly that certificate; plain IMAP warns.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../harness/app-server';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { makeTestCertificates, type TestCertificates } from '../harness/tls-certs';

const run = promisify(execFile);
let dovecot: DovecotServer;
let certs: TestCertificates;
let profile: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--profile', profile, ...args], {
      env: { ...process.env, TEST_IMAP_PASSWORD: dovecot.password },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const addArgs = (name: string, port: number, tls: string) => [
  'account',
  'add',
  'imap',
  '--name',
  name,
  '--host',
  '127.0.0.1',
  '--port',
  String(port),
  '--tls',
  tls,
  '--user',
  'alice',
  '--password-env',
  'TEST_IMAP_PASSWORD',
];

beforeAll(async () => {
  certs = await makeTestCertificates();
  dovecot = await startDovecot({
    tls: { certPem: certs.selfSigned.certPem, keyPem: certs.selfSigned.keyPem },
  });
  profile = mkdtempSync(join(tmpdir(), 'passerelle-cli-tls-'));
});

afterAll(async () => {
  await dovecot?.stop();
  rmSync(profile, { recursive: true, force: true });
});

it('refuses a self-signed server with the fingerprint, then pins it on request', async () => {
  const refused = await cli(addArgs('Work', dovecot.tlsPort!, 'tls'));
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('certificate-untrusted');
  expect(refused.stderr).toContain('self-signed');
  expect(refused.stderr).toContain(`--trust-cert ${certs.selfSigned.fingerprint}`);

  const added = await cli([
    ...addArgs('Work', dovecot.tlsPort!, 'tls'),
    '--trust-cert',
    certs.selfSigned.fingerprint,
  ]);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  expect((await cli(['sync', '--once', '--account', 'Work'])).code).toBe(0);

  // A different certificate is not covered by the exception.
  await dovecot.useCertificate(certs.otherSelfSigned.certPem, certs.otherSelfSigned.keyPem);
  const swapped = await cli(['sync', '--once', '--account', 'Work']);
  expect(swapped.code).toBe(1);
  expect(swapped.stderr).toContain(certs.otherSelfSigned.fingerprint);

  const trusted = await cli(['account', 'trust-cert', 'Work', certs.otherSelfSigned.fingerprint]);
  expect(trusted.code).toBe(0);
  expect(trusted.stdout).toContain(certs.otherSelfSigned.fingerprint);
  expect((await cli(['sync', '--once', '--account', 'Work'])).code).toBe(0);
});

it('STARTTLS is refused the same way, and plain IMAP is allowed only with a warning', async () => {
  const starttls = await cli(addArgs('Upgrade', dovecot.port, 'starttls'));
  expect(starttls.code).toBe(1);
  expect(starttls.stderr).toContain(certs.otherSelfSigned.fingerprint);

  const plain = await cli(addArgs('Plain', dovecot.port, 'none'));
  expect(plain.code).toBe(0);
  expect(plain.stderr).toContain('Warning: this account connects without encryption.');
});
