// A kill -9 with a task in the outbox, then a restart: the task resumes and reaches the
// server exactly once. The CLI runs as a real child process; a TCP proxy in front of
// Dovecot keeps the server unreachable until the process is dead.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TimelineItem } from '../../shared/domain';
import type { TaskInfo } from '../../shared/requests/mail-actions';
import { openProfileDbReadonly } from '../harness/profile-db';
import { CLI } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const run = promisify(execFile);
let dovecot: DovecotServer;
let profile: string;
let proxy: Server;
let proxyPort: number;
let blocked = false;
const sockets = new Set<Socket>();

async function cli(args: string[]) {
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

function taskRows(): { state: string; attempts: number }[] {
  const db = openProfileDbReadonly(profile);
  try {
    return db.prepare('SELECT state, attempts FROM tasks').all() as {
      state: string;
      attempts: number;
    }[];
  } finally {
    db.close();
  }
}

async function uidsIn(path: string, messageId: string): Promise<number[]> {
  const client = await dovecot.client();
  try {
    const lock = await client.getMailboxLock(path);
    try {
      return (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-crash-'));
  proxy = createServer((socket) => {
    if (blocked) return socket.destroy();
    const upstream = connect(dovecot.port, '127.0.0.1');
    sockets.add(socket).add(upstream);
    socket.pipe(upstream).pipe(socket);
    const close = () => (socket.destroy(), upstream.destroy());
    socket.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as { port: number }).port;
  await dovecot.deliver(buildMessage({ messageId: '<crash@x>', subject: 'Crash' }));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy?.close(resolve));
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

it('a task pending when the process is killed completes exactly once after a restart', async () => {
  const add = await cli([
    'account',
    'add',
    'imap',
    '--name',
    'Work',
    '--host',
    '127.0.0.1',
    '--port',
    String(proxyPort),
    '--tls',
    'none',
    '--user',
    'alice',
    '--password-env',
    'TEST_IMAP_PASSWORD',
  ]);
  expect(add.code, add.stderr).toBe(0);
  expect((await cli(['sync', '--once'])).code).toBe(0);
  const [item] = JSON.parse((await cli(['timeline', '--json'])).stdout) as TimelineItem[];

  blocked = true;
  for (const s of sockets) s.destroy();
  const child = spawn(process.execPath, [CLI, '--profile', profile, 'mark', item!.id, 'archive'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  while (!taskRows().some((t) => t.attempts >= 1) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(taskRows()).toEqual([
    expect.objectContaining({ state: expect.stringMatching(/pending|running/) }),
  ]);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  expect(await uidsIn('INBOX', '<crash@x>')).toHaveLength(1); // nothing reached the server yet

  blocked = false;
  const resumed = await cli(['tasks', 'wait', '--json']);
  expect(resumed.code, resumed.stderr).toBe(0);
  expect((JSON.parse(resumed.stdout) as TaskInfo[]).map((t) => t.state)).toEqual(['done']);
  expect(await uidsIn('INBOX', '<crash@x>')).toEqual([]);
  expect(await uidsIn('Archive', '<crash@x>')).toHaveLength(1);
  const threads = JSON.parse((await cli(['threads', '--json'])).stdout) as {
    messages: { mailbox: string; uid: number }[];
  }[];
  expect(threads[0]!.messages[0]).toMatchObject({
    mailbox: 'Archive',
    uid: (await uidsIn('Archive', '<crash@x>'))[0],
  });
});
