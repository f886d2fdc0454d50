// Secrets never in clear outside the 0600 secrets file: after a full sync of an IMAP
// account (real Dovecot) and a WordPress account (real WordPress) through the CLI on a
// throwaway profile, neither the IMAP password nor the application password appears in
// any profile file (database, WAL, anything else), in the captured stdout/stderr, in a
// core event payload, or in an error outcome.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { FileSecretStore, SECRETS_FILE } from '../../electron/core/secrets/secret-store';
import { EVENT_NAMES } from '../../electron/main/core-worker-protocol';
import { CLI, imapAccountArgs } from '../harness/app-server';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const run = promisify(execFile);
let dovecot: DovecotServer;
let wp: WordPressServer;
let profile: string;
let logs = '';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const r = await run(process.execPath, [CLI, '--profile', profile, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    logs += r.stdout + r.stderr;
    return { code: 0, ...r };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    logs += e.stdout + e.stderr;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The secrets and the encodings they travel in (HTTP Basic, SASL PLAIN). */
function needles(): [string, Buffer][] {
  const plain = [dovecot.password, wp.appPassword, wp.appPassword.replace(/ /g, '')];
  const encoded = [
    Buffer.from(`admin:${wp.appPassword}`).toString('base64'),
    Buffer.from(`\0${dovecot.user}\0${dovecot.password}`).toString('base64'),
  ];
  return [...plain, ...encoded].map((s) => [s, Buffer.from(s)]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-secrets-'));
  await dovecot.deliver(
    'From: Bob <bob@example.test>\r\nTo: alice@example.test\r\nSubject: secret test\r\n' +
      'Message-ID: <s1@example.test>\r\n\r\nNothing to see.\r\n',
  );
  await wp.createPost({ title: 'Hello from WP', content: 'post body' });
}, 180_000);

afterAll(async () => {
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('secrets stay secret', () => {
  it('a full sync through the CLI leaves them only in the 0600 secrets file', async () => {
    const imap = await cli(imapAccountArgs('Mail', dovecot, 'PW'), { PW: dovecot.password });
    expect(imap.code, imap.stderr).toBe(0);
    const site = await cli(
      [
        'account',
        'add',
        'wordpress',
        '--name',
        'Intranet',
        '--url',
        wp.url,
        '--user',
        'admin',
        '--password-env',
        'PW',
      ],
      { PW: wp.appPassword },
    );
    expect(site.code, site.stderr).toBe(0);
    expect((await cli(['follow', 'Intranet:Uncategorized'])).code).toBe(0);
    // A wrong password too: its error must not echo what was typed.
    await cli(
      [
        'account',
        'add',
        'imap',
        '--name',
        'Wrong',
        '--host',
        dovecot.host,
        '--port',
        String(dovecot.port),
        '--tls',
        'none',
        '--user',
        dovecot.user,
        '--password-env',
        'PW',
      ],
      { PW: `${dovecot.password}-wrong` },
    );
    const synced = await cli(['sync', '--once']);
    expect(synced.code, synced.stderr).toBe(0);
    const timeline = await cli(['timeline', '--json']);
    expect(timeline.stdout).toContain('Hello from WP');
    expect(timeline.stdout).toContain('secret test');

    expect(statSync(join(profile, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    const files = filesUnder(profile).filter((f) => !f.endsWith(SECRETS_FILE));
    expect(files.some((f) => f.endsWith('.db'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file);
      for (const [text, bytes] of needles()) {
        expect(content.includes(bytes), `${text.slice(0, 3)}… in ${file}`).toBe(false);
      }
    }
    for (const [text] of needles()) expect(logs.includes(text), 'secret in CLI output').toBe(false);
  }, 150_000);

  it('no core event payload or error outcome carries them', async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const core = await createCore({
      profileDir: profile,
      mode: 'cli',
      backgroundSync: false,
      secrets: new FileSecretStore(profile),
      log: (line) => lines.push(line),
    });
    const offs = EVENT_NAMES.map((name) =>
      core.on(name, (payload) => seen.push(`${name} ${JSON.stringify(payload)}`)),
    );
    try {
      await core.handlers['sync.now']({});
      const failure = await core.handlers['accounts.addImap']({
        name: 'Wrong again',
        host: dovecot.host,
        port: dovecot.port,
        tls: 'none',
        user: dovecot.user,
        password: `${dovecot.password}-nope`,
      }).then(
        (value) => JSON.stringify(value),
        (error: unknown) =>
          error instanceof Error ? `${error.name} ${error.message}` : String(error),
      );
      seen.push(failure);
    } finally {
      for (const off of offs) off();
      await core.dispose();
    }
    expect(seen.length).toBeGreaterThan(1);
    const all = [...seen, ...lines].join('\n');
    for (const [text] of needles())
      expect(all.includes(text), 'secret in an event or log').toBe(false);
    expect(all).not.toContain(dovecot.password);
  }, 60_000);
});
