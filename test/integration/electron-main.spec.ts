// The built desktop main process, run under Node with a stand-in for the Electron
// module (its runtime cannot run in CI): the window's security options, the IPC relay,
// the core in its worker thread, secrets through the keychain cipher, and a clean quit,
// against a real Dovecot.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelinePage } from '../../shared/domain';
import { REPO_ROOT } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const MAIN = join(REPO_ROOT, 'out', 'main', 'index.js');
const RUNNER = join(REPO_ROOT, 'test', 'fixtures', 'run-main-with-fake-electron.cjs');

interface Report {
  what: string;
  value: unknown;
}

let child: ChildProcess;
let appData: string;
let dovecot: DovecotServer;
const reports: Report[] = [];
let stderr = '';

function next(what: string, after: number): Promise<Report> {
  const deadline = Date.now() + 20_000;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const found = reports.slice(after).find((r) => r.what === what);
      if (found) resolve(found);
      else if (Date.now() > deadline) reject(new Error(`No "${what}" report in 20 s.\n${stderr}`));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

async function send(command: object, expect: string): Promise<unknown> {
  const mark = reports.length;
  child.stdin!.write(`${JSON.stringify(command)}\n`);
  return (await next(expect, mark)).value;
}

const invoke = (name: string, params: object) => send({ op: 'invoke', name, params }, 'outcome');

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run "npm run build" (npm test does).`);
  dovecot = await startDovecot();
  await dovecot.deliver(buildMessage({ subject: 'Hello desktop', text: 'From the worker.' }));
  appData = mkdtempSync(join(tmpdir(), 'passerelle-appdata-'));
  child = spawn(process.execPath, [RUNNER, MAIN, appData], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) reports.push(JSON.parse(line) as Report);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await next('ready', 0);
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await dovecot?.stop();
  if (appData) rmSync(appData, { recursive: true, force: true });
});

describe('the desktop main process (built, with a stand-in Electron)', () => {
  it('creates the window isolated, sandboxed and without Node', async () => {
    const options = (await send({ op: 'window' }, 'window')) as {
      webPreferences: Record<string, unknown>;
    };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('answers the contract through the worker, validates params and refuses foreign senders', async () => {
    expect(await invoke('app.info', {})).toMatchObject({
      ok: true,
      value: { mode: 'desktop', profileDir: join(appData, 'Passerelle') },
    });
    expect(await invoke('timeline.page', { limit: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
    const foreign = await send({ op: 'invoke-foreign', name: 'app.info', params: {} }, 'outcome');
    expect(foreign).toMatchObject({ ok: false });
  });

  it('adds an account, keeps its password encrypted, syncs and pushes events to the window', async () => {
    const added = await invoke('accounts.addImap', {
      name: 'Desk',
      host: '127.0.0.1',
      port: dovecot.port,
      tls: 'none',
      user: dovecot.user,
      password: dovecot.password,
    });
    expect(added).toMatchObject({ ok: true });
    expect(await invoke('sync.now', {})).toEqual({ ok: true, value: null });
    const page = (await invoke('timeline.page', {})) as { ok: true; value: TimelinePage };
    // Its body too: parsed and stored by the store worker the core starts.
    expect(existsSync(join(REPO_ROOT, 'out', 'main', 'store-worker.js'))).toBe(true);
    const hello = page.value.items.find((i) => i.subject === 'Hello desktop');
    expect(hello?.snippet).toBe('From the worker.');

    const profile = join(appData, 'Passerelle');
    for (const file of readdirSync(profile)) {
      expect(readFileSync(join(profile, file)).includes(dovecot.password), file).toBe(false);
    }
    const sends = reports.filter((r) => r.what === 'send') as {
      value: { channel: string; args: unknown[] };
    }[];
    expect(
      sends.some((s) => s.value.channel === 'passerelle:event' && s.value.args[0] === 'db.changed'),
    ).toBe(true);
  });

  it('shows a desktop notification for the new mail', async () => {
    const shown = (await next('notification', 0)).value as { title: string; body: string };
    expect(`${shown.title} ${shown.body}`).toMatch(/Hello desktop|1 new/);
  });

  it('closes the core before the process exits', async () => {
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.stdin!.write(`${JSON.stringify({ op: 'quit' })}\n`);
    expect(await exited).toBe(0);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(join(appData, 'Passerelle', 'passerelle.db'))).toBe(true);
    expect(existsSync(join(appData, 'Passerelle', 'passerelle.db-wal'))).toBe(false);
  });
});
