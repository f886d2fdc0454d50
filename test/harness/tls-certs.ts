// Throwaway certificates for TLS tests, made with the machine's openssl at test time (never
// committed): a private CA and three server certificates, one signed by that CA for
// 127.0.0.1/localhost, one self-signed, one signed by the CA for another host name.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface CertPair {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the DER certificate, as Node prints it (AB:CD:…). */
  fingerprint: string;
}

export interface TestCertificates {
  caPem: string;
  /** Signed by the CA, SAN IP:127.0.0.1 and DNS:localhost. */
  server: CertPair;
  /** Self-signed, SAN IP:127.0.0.1. */
  selfSigned: CertPair;
  /** Another self-signed one for the same address: what a swapped certificate looks like. */
  otherSelfSigned: CertPair;
  /** Signed by the CA for mail.example.test only: a host name mismatch on 127.0.0.1. */
  wrongHost: CertPair;
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  await execFileAsync('openssl', args, { cwd: dir, timeout: 30_000 });
}

async function pair(dir: string, name: string): Promise<CertPair> {
  const certPem = await readFile(join(dir, `${name}.crt`), 'utf8');
  const keyPem = await readFile(join(dir, `${name}.key`), 'utf8');
  return { certPem, keyPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
}

/** `openssl req` arguments for a new RSA key (written to <name>.key) and its subject. */
function newKey(name: string, cn: string): string[] {
  return ['-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`];
}

/** A self-signed certificate <name>.crt valid two days, with these X.509 extensions. */
async function selfSignedFiles(dir: string, name: string, cn: string, extensions: string[]) {
  const added = extensions.flatMap((extension) => ['-addext', extension]);
  await openssl(
    dir,
    'req',
    '-x509',
    ...newKey(name, cn),
    '-days',
    '2',
    ...added,
    '-out',
    `${name}.crt`,
  );
}

async function selfSigned(dir: string, name: string, cn: string): Promise<CertPair> {
  await selfSignedFiles(dir, name, cn, ['subjectAltName=IP:127.0.0.1,DNS:localhost']);
  return await pair(dir, name);
}

async function signedByCa(dir: string, name: string, cn: string, san: string): Promise<CertPair> {
  await openssl(dir, 'req', ...newKey(name, cn), '-out', `${name}.csr`);
  await writeFile(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  await openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.crt`,
  );
  return await pair(dir, name);
}

export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-certs-'));
  try {
    await selfSignedFiles(dir, 'ca', 'Passerelle Test CA', [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    const caPem = await readFile(join(dir, 'ca.crt'), 'utf8');
    const server = await signedByCa(dir, 'server', 'localhost', 'IP:127.0.0.1,DNS:localhost');
    const wrongHost = await signedByCa(
      dir,
      'wrong-host',
      'mail.example.test',
      'DNS:mail.example.test',
    );
    return {
      caPem,
      server,
      selfSigned: await selfSigned(dir, 'self', 'self-signed.test'),
      otherSelfSigned: await selfSigned(dir, 'other', 'impostor.test'),
      wrongHost,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
