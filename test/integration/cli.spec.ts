// The CLI end to end, as a user runs it: a real child process per command, a throwaway
// profile, and a real Dovecot.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadSummary, TimelineItem } from '../../shared/domain';
import { CLI, stopProcess } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const run = promisify(execFile);
let dovecot: DovecotServer;
let profile: string;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, '--profile', profile, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function addAccountArgs(name: string, port: number) {
  return [
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
    'none',
    '--user',
    'alice',
    '--password-env',
    'TEST_IMAP_PASSWORD',
  ];
}

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
  await dovecot.deliver(
    buildMessage({
      subject: 'Quarterly plan',
      messageId: '<plan@x>',
      date: new Date('2026-03-01T09:00:00Z'),
      text: 'Here is the plan.',
    }),
  );
  await dovecot.deliver(
    buildMessage({
      subject: 'Re: Quarterly plan',
      messageId: '<reply@x>',
      inReplyTo: '<plan@x>',
      references: ['<plan@x>'],
      date: new Date('2026-03-02T09:00:00Z'),
      text: 'Looks good.',
    }),
  );
  await dovecot.deliver(
    buildMessage({
      subject: 'Lunch?',
      messageId: '<lunch@x>',
      date: new Date('2026-03-03T12:00:00Z'),
    }),
  );
});

afterAll(async () => {
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('passerelle CLI against Dovecot', () => {
  it('refuses a wrong password clearly and stores nothing', async () => {
    const result = await cli(addAccountArgs('Bad', dovecot.port), { TEST_IMAP_PASSWORD: 'wrong' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/password|credentials|authenticat/i);
    const list = await cli(['account', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('adds an account, syncs the INBOX once and shows threads newest first', async () => {
    const added = await cli([...addAccountArgs('Work', dovecot.port), '--json'], {
      TEST_IMAP_PASSWORD: dovecot.password,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/without encryption/);

    const sync = await cli(['sync', '--once']);
    expect(sync.code, sync.stderr).toBe(0);

    const timeline = JSON.parse((await cli(['timeline', '--json'])).stdout) as TimelineItem[];
    expect(timeline.map((i) => [i.subject, i.messageCount])).toEqual([
      ['Lunch?', 1],
      ['Quarterly plan', 2],
    ]);
    expect(timeline[1]!.snippet).toBe('Looks good.');
    expect(timeline.every((i) => i.unread)).toBe(true);

    const threads = JSON.parse((await cli(['threads', '--json'])).stdout) as ThreadSummary[];
    const plan = threads.find((t) => t.subject === 'Quarterly plan')!;
    expect(plan.messages.map((m) => [m.messageId, m.mailbox])).toEqual([
      ['<plan@x>', 'INBOX'],
      ['<reply@x>', 'INBOX'],
    ]);
    expect(plan.messages.every((m) => m.uid > 0)).toBe(true);
  });

  it('a second sync adds nothing twice, and picks up new mail and flags', async () => {
    await dovecot.deliver(
      buildMessage({ subject: 'New one', date: new Date('2026-03-04T08:00:00Z') }),
      'INBOX',
      ['\\Seen'],
    );
    expect((await cli(['sync', '--once'])).code).toBe(0);
    expect((await cli(['sync', '--once'])).code).toBe(0);
    const timeline = JSON.parse(
      (await cli(['timeline', '--json', '--unread'])).stdout,
    ) as TimelineItem[];
    expect(timeline.map((i) => i.subject)).toEqual(['Lunch?', 'Quarterly plan']);
    const all = JSON.parse(
      (await cli(['timeline', '--json', '--limit', '2'])).stdout,
    ) as TimelineItem[];
    expect(all.map((i) => i.subject)).toEqual(['New one', 'Lunch?']);
  });

  it('keeps the password out of the database and logs, in a 0600 file', async () => {
    for (const file of readdirSync(profile)) {
      const content = readFileSync(join(profile, file));
      if (file === 'secrets.json') {
        expect(statSync(join(profile, file)).mode & 0o777).toBe(0o600);
      } else {
        expect(content.includes(dovecot.password), file).toBe(false);
      }
    }
  });

  it('keeps syncing with `sync` until SIGTERM, then exits cleanly', async () => {
    const child = spawn(process.execPath, [CLI, '--profile', profile, 'sync'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await dovecot.deliver(
      buildMessage({ subject: 'Pushed by IDLE', date: new Date('2026-03-05T08:00:00Z') }),
    );
    const deadline = Date.now() + 15_000;
    let subjects: string[] = [];
    while (Date.now() < deadline) {
      subjects = (
        JSON.parse((await cli(['timeline', '--json', '--limit', '1'])).stdout) as TimelineItem[]
      ).map((i) => i.subject);
      if (subjects[0] === 'Pushed by IDLE') break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(subjects, stderr).toEqual(['Pushed by IDLE']);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await stopProcess(child, 10_000);
    expect(await exited).toBe(0);
  });

  it('removes the account with its mail and its password', async () => {
    const removed = await cli(['account', 'remove', 'Work']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await cli(['timeline', '--json'])).stdout)).toEqual([]);
    expect(readFileSync(join(profile, 'secrets.json'), 'utf8')).not.toContain(dovecot.password);
  });

  it('exits non-zero with a clear message when the server is down', async () => {
    const port = dovecot.port;
    await cli(addAccountArgs('Again', port), { TEST_IMAP_PASSWORD: dovecot.password });
    await dovecot.stop();
    const result = await cli(['sync', '--once']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Again/);
  });
});
