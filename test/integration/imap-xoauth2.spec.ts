// XOAUTH2 for real: Dovecot's oauth2 passdb checks every access token against an RFC 7662
// introspection endpoint, a small HTTP server of this test on 127.0.0.1 that decides which
// tokens are valid. Only XOAUTH2 is offered, so that is the mechanism used. A rejected
// token is refreshed once through the account's hook and the login retried; a failed
// refresh leaves the account in auth-failed. Tokens go to the secret store, never the DB.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ImapSettings } from '../../shared/domain';
import { createCore } from '../../electron/core/core';
import type { Core } from '../../electron/core/core-types';
import { DATABASE_FILE } from '../../electron/core/core';
import { secretKeyFor } from '../../electron/core/db/accounts';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { createTokenSource } from '../../electron/core/mail/oauth-token';
import { testConnection } from '../../electron/core/mail/test-connection';
import { FileSecretStore } from '../../electron/core/secrets/secret-store';
import { buildMessage, freePort, startDovecot, type DovecotServer } from '../harness/dovecot';
import { MemoryMailStore } from './memory-mail-store';
import { waitUntil } from './wait';

let dovecot: DovecotServer;
let introspection: Server;
/** Tokens the introspection endpoint calls active (for alice). */
const valid = new Set<string>();
let scratch: string;

beforeAll(async () => {
  const port = await freePort();
  introspection = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? '';
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(valid.has(token) ? { active: true, username: 'alice' } : { active: false }),
      );
    });
  });
  await new Promise<void>((resolve) => introspection.listen(port, '127.0.0.1', resolve));
  dovecot = await startDovecot({
    configure: async (conf, dir) => {
      const ext = join(dir, 'oauth2.conf.ext');
      await writeFile(
        ext,
        [
          'introspection_mode = post',
          `introspection_url = http://127.0.0.1:${port}/introspect`,
          'username_attribute = username',
          'active_attribute = active',
          'active_value = true',
          '',
        ].join('\n'),
      );
      const out = conf.replace(
        'auth_mechanisms = plain login',
        'auth_mechanisms = plain login xoauth2',
      );
      if (out === conf) throw new Error('the example dovecot.conf changed shape');
      // Refusals are what this file is about: no extra delay before Dovecot says no.
      return `${out}\nauth_failure_delay = 0\npassdb {\n  driver = oauth2\n  mechanisms = xoauth2\n  args = ${ext}\n}\n`;
    },
  });
  await dovecot.deliver(buildMessage({ subject: 'Signed in with a token' }));
  scratch = mkdtempSync(join(tmpdir(), 'passerelle-oauth-'));
});

afterAll(async () => {
  await dovecot?.stop();
  await new Promise((resolve) => introspection?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(async () => {
  valid.clear();
  // Dovecot's auth penalty delays every login from an address after its failures (2 s,
  // doubling); the tests fail logins on purpose, so each starts with a fresh server.
  await dovecot.restart();
});

const settings = (extra: Partial<ImapSettings> = {}): ImapSettings => ({
  host: dovecot.host,
  port: dovecot.port,
  tls: 'none',
  user: dovecot.user,
  auth: 'xoauth2',
  ...extra,
});

/** A token command that prints the token file and counts its runs. */
function tokenCommand(name: string): {
  command: string;
  issue(token: string): void;
  runs(): number;
} {
  const file = join(scratch, `${name}.token`);
  const count = join(scratch, `${name}.runs`);
  writeFileSync(count, '');
  return {
    command: `echo run >> '${count}'; cat '${file}'`,
    issue: (token) => writeFileSync(file, `${token}\n`),
    runs: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length,
  };
}

it('logs in with XOAUTH2 and a valid token; the password mechanisms are not used', async () => {
  valid.add('token-a');
  expect(await testConnection(settings(), 'token-a')).toBeNull();
  const log = await readFile(join(dovecot.dir, 'dovecot.log'), 'utf8');
  expect(log).toMatch(/Login: user=<alice>, method=XOAUTH2/);
  const refused = await testConnection(settings(), 'not-a-token');
  expect(refused?.code).toBe('auth-failed');
});

it('refreshes a rejected token once through the command, retries, and keeps the new one', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-oauth-core-'));
  const logs: string[] = [];
  const secrets = new FileSecretStore(profile);
  let core: Core | undefined;
  try {
    core = await createCore({
      profileDir: profile,
      mode: 'cli',
      backgroundSync: false,
      secrets,
      log: (line) => logs.push(line),
    });
    const tokens = tokenCommand('core');
    valid.add('first-token');
    const account = await core.handlers['accounts.addImap']({
      name: 'OAuth',
      host: dovecot.host,
      port: dovecot.port,
      tls: 'none',
      user: dovecot.user,
      password: 'first-token',
      auth: 'xoauth2',
      oauthTokenCommand: tokens.command,
    });
    await core.handlers['sync.now']({ accountId: account.id });
    expect(tokens.runs()).toBe(0);

    // The token expires; the provider has a new one.
    valid.clear();
    valid.add('second-token');
    tokens.issue('second-token');
    await core.handlers['sync.now']({ accountId: account.id });
    expect(tokens.runs()).toBe(1);
    expect(await secrets.get(secretKeyFor(account.id))).toBe('second-token');
    const listed = (await core.handlers['accounts.list']({}))[0]!;
    expect(listed.status.kind).not.toBe('auth-failed');
    const items = await core.handlers['timeline.page']({ limit: 10, unreadOnly: false });
    expect(items.items.map((i) => i.subject)).toContain('Signed in with a token');

    // An outbox task (mark read) meets an expired token too, and refreshes it the same way.
    valid.clear();
    valid.add('third-token');
    tokens.issue('third-token');
    const thread = (await core.handlers['threads.list']({}))[0]!;
    const [task] = await core.handlers['threads.act']({ action: 'read', threadIds: [thread.id] });
    for (let i = 0; i < 400; i++) {
      const now = (await core.handlers['tasks.list']({})).find((t) => t.id === task!.id)!;
      if (!['pending', 'running'].includes(now.state)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await core.handlers['tasks.list']({})).find((t) => t.id === task!.id)?.state).toBe(
      'done',
    );
    expect(await dovecot.fetchFlags(thread.messages[0]!.uid)).toContain('\\Seen');
    expect(tokens.runs()).toBe(2);

    // The provider refuses too: one refresh attempt, then auth-failed, no retry loop.
    valid.clear();
    tokens.issue('revoked-token');
    await expect(core.handlers['sync.now']({ accountId: account.id })).rejects.toThrow();
    expect(tokens.runs()).toBe(3);
    expect((await core.handlers['accounts.list']({}))[0]!.status.kind).toBe('auth-failed');

    // Secrets stay out of the database and the log.
    await core.dispose();
    core = undefined;
    const database = readFileSync(join(profile, DATABASE_FILE)).toString('latin1');
    for (const token of ['first-token', 'second-token', 'third-token', 'revoked-token']) {
      expect(database).not.toContain(token);
      expect(logs.join('\n')).not.toContain(token);
    }
  } finally {
    await core?.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
});

it('the programmatic hook of the core API refreshes the token too', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-oauth-hook-'));
  const asked: string[] = [];
  const core = await createCore({
    profileDir: profile,
    mode: 'cli',
    backgroundSync: false,
    secrets: new FileSecretStore(profile),
    log: () => undefined,
    oauthRefresh: async ({ user, host }) => {
      asked.push(`${user}@${host}`);
      valid.add('from-the-hook');
      return 'from-the-hook';
    },
  });
  try {
    // Added with an already expired token: the hook is asked during the connection test.
    const account = await core.handlers['accounts.addImap']({
      name: 'Hooked',
      host: dovecot.host,
      port: dovecot.port,
      tls: 'none',
      user: dovecot.user,
      password: 'expired-token',
      auth: 'xoauth2',
    });
    expect(asked).toEqual([`alice@${dovecot.host}`]);
    await core.handlers['sync.now']({ accountId: account.id });
    expect(asked.length).toBe(1);
  } finally {
    await core.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
});

it('the live sync goes to auth-failed when the refresh cannot help', async () => {
  const tokens = tokenCommand('live');
  tokens.issue('still-rejected');
  const engine = new AccountSync({
    accountId: 'acc-oauth',
    settings: settings({ oauthTokenCommand: tokens.command }),
    password: 'expired',
    store: new MemoryMailStore(),
    client: {
      oauth: createTokenSource({ settings: settings({ oauthTokenCommand: tokens.command }) }),
    },
  });
  try {
    engine.start();
    await waitUntil(() => engine.status.kind === 'auth-failed', 20_000, 'auth-failed');
    expect(tokens.runs()).toBe(1);
  } finally {
    await engine.dispose();
  }
});
