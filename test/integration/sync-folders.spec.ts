// Folders end to end against Dovecot: LIST with special-use roles, the default selection
// (all but Junk and Trash), per-folder overrides, renames and deletions on the server,
// and a window of N days.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImapSettings } from '../../shared/domain';
import { AccountSync } from '../../electron/core/mail/account-sync';
import type { FolderStore } from '../../electron/core/mail/mail-store';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { ACCOUNT, STORE_KINDS, type StoreFixture } from './stores';

const sqliteFixture = STORE_KINDS.find(([name]) => name === 'sqlite store')![1];
const ROLE_FOLDERS = ['INBOX', 'Sent', 'Archive', 'Trash', 'Junk', 'Drafts'];

describe('folders against Dovecot', () => {
  let server: DovecotServer;
  let fx: StoreFixture;
  let folders: FolderStore;
  let engine: AccountSync;

  const settings = (): ImapSettings => ({
    host: server.host,
    port: server.port,
    tls: 'none',
    user: server.user,
  });
  const count = (path: string) => fx.view(path).length;

  beforeEach(async () => {
    server = await startDovecot();
    fx = sqliteFixture();
    folders = fx.store.folders!;
    engine = new AccountSync({
      accountId: ACCOUNT,
      settings: settings(),
      password: server.password,
      store: fx.store,
    });
  });

  afterEach(async () => {
    await engine?.dispose();
    fx?.close();
    await server?.stop();
  });

  it('lists every folder with its role and syncs all but Junk and Trash by default', async () => {
    const c = await server.client();
    await c.mailboxCreate('Projects');
    await c.logout();
    for (const path of [...ROLE_FOLDERS, 'Projects'])
      await server.deliver(buildMessage({ subject: `in ${path}` }), path);

    await engine.syncOnce();

    const listed = folders.listFolders(ACCOUNT);
    expect(Object.fromEntries(listed.map((f) => [f.path, [f.role, f.syncEnabled]]))).toEqual({
      INBOX: ['inbox', true],
      Sent: ['sent', true],
      Archive: ['archive', true],
      Drafts: ['drafts', true],
      Projects: [null, true],
      Trash: ['trash', false],
      Junk: ['junk', false],
    });
    for (const path of ['INBOX', 'Sent', 'Archive', 'Drafts', 'Projects']) {
      expect(
        fx.view(path).map((m) => m.subject),
        path,
      ).toEqual([`in ${path}`]);
      expect(fx.view(path)[0]!.bodyText, path).toBe('Hi Alice.');
    }
    expect(count('Trash') + count('Junk')).toBe(0);

    // The user opts Junk in and Sent out.
    folders.setFolderSync(ACCOUNT, 'Junk', true);
    folders.setFolderSync(ACCOUNT, 'Sent', false);
    await server.deliver(buildMessage({ subject: 'second sent' }), 'Sent');
    await engine.syncOnce();
    expect(fx.view('Junk').map((m) => m.subject)).toEqual(['in Junk']);
    expect(count('Sent')).toBe(1);
  });

  it('reflects a folder renamed on the server (messages kept) and one deleted (messages gone)', async () => {
    const c = await server.client();
    await c.mailboxCreate('Projects');
    await c.mailboxCreate('Old');
    await c.logout();
    await server.deliver(buildMessage({ subject: 'project mail', text: 'spec' }), 'Projects');
    await server.deliver(buildMessage({ subject: 'old mail' }), 'Old');
    await engine.syncOnce();
    expect(count('Projects')).toBe(1);
    expect(count('Old')).toBe(1);

    const c2 = await server.client();
    await c2.mailboxRename('Projects', 'Clients');
    await c2.mailboxDelete('Old');
    await c2.logout();
    await engine.syncOnce();

    const paths = folders.listFolders(ACCOUNT).map((f) => f.path);
    expect(paths).toContain('Clients');
    expect(paths).not.toContain('Projects');
    expect(paths).not.toContain('Old');
    // Kept across the rename: same UID, body already there, nothing fetched twice.
    expect(fx.view('Clients').map((m) => [m.subject, m.bodyText])).toEqual([
      ['project mail', 'spec'],
    ]);
    expect(count('Projects') + count('Old')).toBe(0);
  });

  it('with a window of 30 days, only recent messages are synced', async () => {
    const c = await server.client();
    const day = 86_400_000;
    for (const [subject, age] of [
      ['ancient', 400],
      ['last quarter', 90],
      ['last week', 7],
      ['today', 0],
    ] as const) {
      const when = new Date(Date.now() - age * day);
      await c.append('INBOX', buildMessage({ subject, date: when }), [], when);
    }
    await c.logout();
    folders.setSyncSettings(ACCOUNT, { windowDays: 30 });
    await engine.syncOnce();
    expect(fx.view('INBOX').map((m) => m.subject)).toEqual(['last week', 'today']);
    // A later pass neither re-fetches nor picks up the old ones; new mail still arrives.
    await server.deliver(buildMessage({ subject: 'new' }));
    await engine.syncOnce();
    expect(fx.view('INBOX').map((m) => m.subject)).toEqual(['last week', 'today', 'new']);
  });
});
