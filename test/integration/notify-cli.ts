// Runs the real `passerelle` CLI for the notification specs: account setup, and a
// `sync --notify` child whose JSON lines are collected with the time they arrived.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI, stopProcess } from '../harness/app-server';
import type { DovecotServer } from '../harness/dovecot';
import { waitUntil } from './wait';

const run = promisify(execFile);

export interface Printed {
  title: string;
  body: string;
  itemIds: string[];
  at: number;
}

export async function cli(profile: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { stdout } = await run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return stdout;
}

export async function addAccount(profile: string, dovecot: DovecotServer, name = 'Work') {
  await cli(
    profile,
    [
      'account',
      'add',
      'imap',
      '--name',
      name,
      '--host',
      '127.0.0.1',
      '--port',
      String(dovecot.port),
    ].concat(['--tls', 'none', '--user', 'alice', '--password-env', 'TEST_IMAP_PASSWORD']),
    { TEST_IMAP_PASSWORD: dovecot.password },
  );
}

export interface NotifyingSync {
  printed: Printed[];
  stderr: () => string;
  /** Resolves once the account finished its catch-up and is idling. */
  online(): Promise<void>;
  stop(): Promise<void>;
}

export function startNotifyingSync(profile: string): NotifyingSync {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, '--profile', profile, 'sync', '--notify'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const printed: Printed[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    let newline: number;
    while ((newline = stdout.indexOf('\n')) >= 0) {
      const line = stdout.slice(0, newline);
      stdout = stdout.slice(newline + 1);
      // Every stdout line must be one JSON notification: logs belong on stderr.
      printed.push({ ...(JSON.parse(line) as Omit<Printed, 'at'>), at: Date.now() });
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    printed,
    stderr: () => stderr,
    online: () =>
      waitUntil(() => /: online/.test(stderr), 30_000, `sync to be online\n${stderr}`).then(
        () => undefined,
      ),
    stop: () => stopProcess(child, 10_000),
  };
}

/** Quiet long enough that any notification still coming would have been printed. */
export const settle = (ms = 3_000) => new Promise((resolve) => setTimeout(resolve, ms));
