// TLS for real: Dovecot with ssl = yes / required and certificates made by openssl at test
// time. Implicit TLS and STARTTLS with a CA the account trusts; every kind of certificate
// error is a 'certificate-untrusted' error naming the reason and the fingerprint; an
// exception the user confirmed accepts that exact certificate for that account only.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapSettings } from '../../shared/domain';
import type { Core } from '../../electron/core/core-types';
import { createImapClient } from '../../electron/core/mail/imap-connection';
import { testConnection } from '../../electron/core/mail/test-connection';
import { freePort, startDovecot, type DovecotServer } from '../harness/dovecot';
import { makeTestCertificates, type TestCertificates } from '../harness/tls-certs';
import { openTestCore } from '../harness/test-core';

let certs: TestCertificates;

beforeAll(async () => {
  certs = await makeTestCertificates();
});

function implicitTls(server: DovecotServer, extra: Partial<ImapSettings> = {}): ImapSettings {
  return { host: server.host, port: server.tlsPort!, tls: 'tls', user: server.user, ...extra };
}

function startTls(server: DovecotServer, extra: Partial<ImapSettings> = {}): ImapSettings {
  return { host: server.host, port: server.port, tls: 'starttls', user: server.user, ...extra };
}

describe('a server whose certificate a CA the account trusts has signed', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot({
      tls: { certPem: certs.server.certPem, keyPem: certs.server.keyPem, required: true },
    });
  });
  afterAll(async () => await server?.stop());

  it('connects over implicit TLS and works as a mailbox', async () => {
    const client = createImapClient(
      implicitTls(server, { trustedCaPem: certs.caPem }),
      server.password,
      {
        disableAutoIdle: true,
      },
    );
    client.on('error', () => undefined);
    await client.connect();
    try {
      expect(client.secureConnection).toBe(true);
      expect(client.tls && client.tls.authorized).toBe(true);
      const box = await client.mailboxOpen('INBOX');
      expect(box.path).toBe('INBOX');
    } finally {
      await client.logout();
    }
  });

  it('upgrades with STARTTLS when the account says so', async () => {
    const client = createImapClient(
      startTls(server, { trustedCaPem: certs.caPem }),
      server.password,
      {
        disableAutoIdle: true,
      },
    );
    client.on('error', () => undefined);
    await client.connect();
    try {
      expect(client.secureConnection).toBe(true);
      expect(client.tls && client.tls.authorized).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('without that CA, refuses with the reason and the fingerprint, over both modes', async () => {
    for (const settings of [implicitTls(server), startTls(server)]) {
      const problem = await testConnection(settings, server.password);
      expect(problem?.code).toBe('certificate-untrusted');
      expect(problem?.certificate).toMatchObject({
        reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        fingerprint: certs.server.fingerprint,
      });
      expect(problem?.message).toContain(certs.server.fingerprint);
      expect(problem?.message).toContain('unknown certificate authority');
      expect(problem?.message).not.toContain(server.password);
    }
  });

  it('plain IMAP only when chosen: tls none stays in clear text although STARTTLS is offered', async () => {
    const client = createImapClient(
      { host: server.host, port: server.port, tls: 'none', user: server.user },
      server.password,
      { disableAutoIdle: true },
    );
    client.on('error', () => undefined);
    // Dovecot counts loopback as secure, so the login itself is allowed here.
    await client.connect();
    try {
      expect(client.secureConnection).toBe(false);
      expect(client.tls).toBeFalsy();
    } finally {
      await client.logout();
    }
  });
});

describe('a certificate issued for another host name', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot({
      tls: { certPem: certs.wrongHost.certPem, keyPem: certs.wrongHost.keyPem },
    });
  });
  afterAll(async () => await server?.stop());

  it('is refused even though its CA is trusted', async () => {
    const problem = await testConnection(
      implicitTls(server, { trustedCaPem: certs.caPem }),
      server.password,
    );
    expect(problem?.code).toBe('certificate-untrusted');
    expect(problem?.certificate).toMatchObject({
      reason: 'ERR_TLS_CERT_ALTNAME_INVALID',
      fingerprint: certs.wrongHost.fingerprint,
    });
    expect(problem?.message).toContain('another host name');
  });
});

describe('a self-signed certificate and the user’s exception', () => {
  let server: DovecotServer;
  let core: Core;
  let profile: string;
  beforeAll(async () => {
    server = await startDovecot({
      tls: { certPem: certs.selfSigned.certPem, keyPem: certs.selfSigned.keyPem },
    });
    profile = mkdtempSync(join(tmpdir(), 'passerelle-tls-'));
    core = await openTestCore(profile);
  });
  afterAll(async () => {
    await core?.dispose();
    await server?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  const params = () => ({
    name: 'Self-signed',
    host: server.host,
    port: server.tlsPort!,
    tls: 'tls' as const,
    user: server.user,
    password: server.password,
  });

  it('adding the account fails with the fingerprint in the error details', async () => {
    const outcome = await core.dispatch('accounts.addImap', params());
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'certificate-untrusted',
        details: {
          fingerprint: certs.selfSigned.fingerprint,
          reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        },
      },
    });
    expect((await core.handlers['accounts.list']({})).length).toBe(0);
  });

  it('a pinned fingerprint is accepted for that account; a different certificate is still refused', async () => {
    // Any common spelling of the fingerprint (lower case, no colons) means the same pin.
    const typed = certs.selfSigned.fingerprint.replaceAll(':', '').toLowerCase();
    const account = await core.handlers['accounts.addImap']({
      ...params(),
      trustedCertSha256: typed,
    });
    expect(account.kind === 'imap' && account.imap.trustedCertSha256).toBe(
      certs.selfSigned.fingerprint,
    );
    await core.handlers['sync.now']({ accountId: account.id });

    // Only that account: another one to the same server without the exception is refused.
    const other = await core.dispatch('accounts.addImap', { ...params(), name: 'Other' });
    expect(other).toMatchObject({ ok: false, error: { code: 'certificate-untrusted' } });

    // The server now presents another self-signed certificate: the pin does not cover it.
    await server.useCertificate(certs.otherSelfSigned.certPem, certs.otherSelfSigned.keyPem);
    await expect(core.handlers['sync.now']({ accountId: account.id })).rejects.toThrow(
      certs.otherSelfSigned.fingerprint,
    );

    // Trusting a fingerprint that is not the server's saves nothing.
    const wrong = await core.dispatch('accounts.trustCertificate', {
      accountId: account.id,
      fingerprint: certs.selfSigned.fingerprint,
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'certificate-untrusted',
        details: { fingerprint: certs.otherSelfSigned.fingerprint },
      },
    });

    // The user confirms the new one: it is pinned instead, and sync works again.
    const updated = await core.handlers['accounts.trustCertificate']({
      accountId: account.id,
      fingerprint: certs.otherSelfSigned.fingerprint,
    });
    expect(updated.kind === 'imap' && updated.imap.trustedCertSha256).toBe(
      certs.otherSelfSigned.fingerprint,
    );
    await core.handlers['sync.now']({ accountId: account.id });
    const stored = (await core.handlers['accounts.list']({})).find((a) => a.id === account.id);
    expect(stored?.kind === 'imap' && stored.imap.trustedCertSha256).toBe(
      certs.otherSelfSigned.fingerprint,
    );
  });
});

describe('an untrusted server never sees the credentials', () => {
  let server: TlsServer;
  let received: Buffer[];
  let port: number;
  beforeAll(async () => {
    received = [];
    port = await freePort();
    server = createTlsServer(
      { cert: certs.selfSigned.certPem, key: certs.selfSigned.keyPem },
      (socket) => {
        socket.on('data', (d: Buffer) => received.push(d));
        socket.on('error', () => undefined);
        socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
      },
    );
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(async () => await new Promise((resolve) => server.close(resolve)));

  it('closes after the handshake without writing a byte', async () => {
    const problem = await testConnection(
      { host: '127.0.0.1', port, tls: 'tls', user: 'alice' },
      'not-for-their-eyes',
    );
    expect(problem?.code).toBe('certificate-untrusted');
    expect(Buffer.concat(received).length).toBe(0);
  });
});
