// `passerelle account rename|password|folders` as a user runs them: a real child process per
// command, a throwaway profile and a real Dovecot whose password changes under the account.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { imapAccountArgs, runCli } from '../harness/app-server';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { waitUntil } from './wait';

let dovecot: DovecotServer;
let profile: string;

/** Runs the CLI on the spec's profile, writing `stdin` to it (then closing it) when given. */
const cli = (args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}) =>
  runCli(profile, args, { ...(stdin !== undefined ? { stdin } : {}), env });

async function accounts(): Promise<Account[]> {
  const result = await cli(['account', 'list', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Account[];
}

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-cli-account-'));
  const added = await cli(imapAccountArgs('Work', dovecot, 'TEST_IMAP_PASSWORD'), undefined, {
    TEST_IMAP_PASSWORD: dovecot.password,
  });
  expect(added.code, added.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('passerelle account rename|password', () => {
  it('renames by name or id', async () => {
    const renamed = await cli(['account', 'rename', 'Work', 'Office']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain('Renamed Work to Office');
    const [account] = await accounts();
    expect(account!.name).toBe('Office');

    const byId = await cli(['account', 'rename', account!.id, 'Work mail', '--json']);
    expect(byId.code, byId.stderr).toBe(0);
    expect((JSON.parse(byId.stdout) as Account).name).toBe('Work mail');
    const missing = await cli(['account', 'rename', 'Nobody', 'X']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No account');
  });

  it('changes the password from stdin or a file, refusing one the server refuses', async () => {
    const newPassword = 'a-new-password-for-alice';
    await writeFile(join(dovecot.dir, 'users'), `alice:{PLAIN}${newPassword}\n`);
    await waitUntil(
      () =>
        dovecot.client().then(
          (c) => c.logout().then(() => false),
          () => true,
        ),
      10_000,
      'Dovecot to reload its users',
    );
    // The stored password no longer works.
    const sync = await cli(['sync', '--once']);
    expect(sync.code).toBe(1);

    const wrong = await cli(['account', 'password', 'Work mail'], 'not-it\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('rejected the user name or password');
    expect((await cli(['sync', '--once'])).code).toBe(1);

    const file = join(profile, 'new-password.txt');
    writeFileSync(file, `${newPassword}\n`, { mode: 0o600 });
    const changed = await cli(['account', 'password', 'Work mail', '--password-file', file]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toContain('Password changed');
    const synced = await cli(['sync', '--once']);
    expect(synced.code, synced.stderr).toBe(0);

    // Through stdin, as `echo … | passerelle account password` does; empty stdin is a usage error.
    const same = await cli(['account', 'password', 'Work mail'], `${newPassword}\n`);
    expect(same.code, same.stderr).toBe(0);
    const empty = await cli(['account', 'password', 'Work mail'], '');
    expect(empty.code).toBe(2);
  });

  it('lists the folders and what syncs, and changes it with --sync and --window', async () => {
    const synced = await cli(['sync', '--once']);
    expect(synced.code, synced.stderr).toBe(0);
    const listed = await cli(['account', 'folders', 'Work mail']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('INBOX [inbox]: syncs (default)');
    expect(listed.stdout).toContain('Trash [trash]: not synced (default)');
    expect(listed.stdout).toContain('Window: every message.');

    const changed = await cli([
      'account',
      'folders',
      'Work mail',
      '--sync',
      'Trash=on',
      '--sync',
      'Sent=off',
      '--window',
      '30',
      '--json',
    ]);
    expect(changed.code, changed.stderr).toBe(0);
    const choices = JSON.parse(changed.stdout) as {
      folders: { path: string; syncEnabled: boolean; chosen: boolean }[];
      windowDays: number | null;
    };
    expect(choices.windowDays).toBe(30);
    expect(choices.folders.find((f) => f.path === 'Trash')).toMatchObject({
      syncEnabled: true,
      chosen: true,
    });
    expect(choices.folders.find((f) => f.path === 'Sent')).toMatchObject({ syncEnabled: false });

    const back = await cli(['account', 'folders', 'Work mail', '--sync', 'Trash=default']);
    expect(back.stdout).toContain('Trash [trash]: not synced (default)');
    const bad = await cli(['account', 'folders', 'Work mail', '--sync', 'Trash=maybe']);
    expect(bad.code).toBe(2);
    const missing = await cli(['account', 'folders', 'Work mail', '--sync', 'Nowhere=on']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no folder "Nowhere"');
  });

  it('shows and sets the name in From and the signature (from stdin, a file, or none)', async () => {
    const none = await cli(['account', 'identity', 'Work mail']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe(
      'Name in From: (none set: the name given with --from, if any)\nSignature: (none)\n',
    );

    const set = await cli(
      ['account', 'identity', 'Work mail', '--from-name', 'Ada Lovelace', '--signature-file', '-'],
      'Ada Lovelace\r\nAnalytical Engines\r\n\r\n',
    );
    expect(set.code, set.stderr).toBe(0);
    // Windows line ends and trailing blank lines are not kept.
    expect(set.stdout).toBe(
      'Name in From: Ada Lovelace\nSignature:\n-- \nAda Lovelace\nAnalytical Engines\n',
    );
    const file = join(profile, 'signature.txt');
    writeFileSync(file, 'Ada\n');
    const fromFile = await cli(['account', 'identity', 'Work mail', '--signature-file', file]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const [account] = await accounts();
    expect(account!.kind === 'imap' && account!.identity).toEqual({
      name: 'Ada Lovelace',
      signature: 'Ada',
    });

    const cleared = await cli(['account', 'identity', 'Work mail', '--no-signature', '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({ name: 'Ada Lovelace', signature: '' });
    const both = await cli([
      'account',
      'identity',
      'Work mail',
      '--no-signature',
      '--signature-file',
      file,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
  });
});
