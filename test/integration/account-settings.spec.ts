// Account settings against a real Dovecot: a rename shows in the list and survives a
// restart; after the server's password changed the account reports auth-failed, a wrong
// new password is refused and changes nothing, the right one brings the sync back online
// (new mail arrives), and it is the one used after a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import type { Core } from '../../electron/core/core-types';
import { SECRETS_FILE, FileSecretStore } from '../../electron/core/secrets/secret-store';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { waitUntil } from './wait';
import { dovecotAccount } from '../harness/test-core';

let dovecot: DovecotServer;
let profile: string;
let core: Core;
let accountId: string;

const openCore = () =>
  createCore({
    profileDir: profile,
    mode: 'cli',
    secrets: new FileSecretStore(profile),
    log: () => undefined,
  });

async function account() {
  return (await core.handlers['accounts.list']({})).find((a) => a.id === accountId)!;
}

const statusIs = (kind: string) => async () => (await account()).status.kind === kind;

async function subjects(): Promise<string[]> {
  const page = await core.handlers['timeline.page']({ limit: 50, unreadOnly: false });
  return page.items.map((i) => i.subject);
}

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.deliver(buildMessage({ subject: 'Before the change' }));
  profile = mkdtempSync(join(tmpdir(), 'passerelle-account-settings-'));
  core = await openCore();
  accountId = (await core.handlers['accounts.addImap'](dovecotAccount(dovecot))).id;
  await waitUntil(statusIs('online'), 20_000, 'the first sync');
});

afterAll(async () => {
  await core?.dispose();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('account settings', () => {
  it('renames an account, refusing a name another account has', async () => {
    const renamed = await core.handlers['accounts.rename']({ id: accountId, name: 'Office' });
    expect(renamed.name).toBe('Office');
    expect((await account()).name).toBe('Office');
    await expect(
      core.handlers['accounts.rename']({ id: 'no-such-account', name: 'X' }),
    ).rejects.toMatchObject({ code: 'not-found' });
    // Renaming to its own name is no conflict.
    await core.handlers['accounts.rename']({ id: accountId, name: 'Office' });
  });

  it('goes from auth-failed to online with a new password', async () => {
    // The server's password changes; the next login (a restarted core) is refused.
    const newPassword = 'a-new-password-for-alice';
    await writeFile(join(dovecot.dir, 'users'), `alice:{PLAIN}${newPassword}\n`);
    // Dovecot looks at its passwd-file at most once a second: wait until it refuses the old
    // password to a client of the test's own before the core tries.
    await waitUntil(
      () =>
        dovecot.client().then(
          (c) => c.logout().then(() => false),
          () => true,
        ),
      10_000,
      'Dovecot to reload its users',
    );
    await core.dispose();
    core = await openCore();
    await waitUntil(statusIs('auth-failed'), 20_000, 'the refused login');
    expect((await account()).name).toBe('Office');

    // A wrong password is refused by the server and replaces nothing.
    await expect(
      core.handlers['accounts.setPassword']({ id: accountId, password: 'still-wrong' }),
    ).rejects.toMatchObject({ code: 'auth-failed' });
    const stored = () => JSON.parse(readFileSync(join(profile, SECRETS_FILE), 'utf8')) as unknown;
    expect(JSON.stringify(stored())).toContain(dovecot.password);
    expect((await account()).status.kind).toBe('auth-failed');

    // The right one: the sync starts again, goes online and fetches new mail.
    await core.handlers['accounts.setPassword']({ id: accountId, password: newPassword });
    expect(JSON.stringify(stored())).toContain(newPassword);
    await waitUntil(statusIs('online'), 20_000, 'the sync with the new password');
    // The harness delivers with the old password: this client logs in with the new one.
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: newPassword },
      logger: false,
    });
    await client.connect();
    await client.append('INBOX', buildMessage({ subject: 'After the change' }));
    await client.logout();
    await waitUntil(
      async () => (await subjects()).includes('After the change'),
      20_000,
      'new mail through the restarted sync',
    );

    // A restart uses the stored new password.
    await core.dispose();
    core = await openCore();
    await waitUntil(statusIs('online'), 20_000, 'the sync after a restart');
  });
});
