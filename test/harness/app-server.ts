// Starts `passerelle serve` (browser mode) as a real child process on a throwaway
// profile, the way a user would, and hands the test its tokenised URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const CLI = join(REPO_ROOT, 'bin', 'passerelle.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one `passerelle` command on `profile` as a child process, as a user would; `stdin`
 * is written to it (then closed), `env` is added to this process's environment.
 */
export function runCli(
  profile: string,
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--profile', profile, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export interface AppServer {
  url: string;
  origin: string;
  token: string;
  profileDir: string;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr: () => string;
  stop(): Promise<void>;
}

export async function startAppServer(options: { profileDir?: string } = {}): Promise<AppServer> {
  const ownsProfile = !options.profileDir;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'passerelle-profile-'));
  const child = spawn(process.execPath, [CLI, '--profile', profileDir, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => fail(new Error(`passerelle serve printed no URL in 30 s.\n${stderr}`)),
      30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('exit', (code) =>
      fail(new Error(`passerelle serve exited with ${code}.\n${stderr}`)),
    );
  });

  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    profileDir,
    stderr: () => stderr,
    async stop() {
      await stopProcess(child);
      if (ownsProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** `account add imap …` arguments for a test Dovecot (plain connection, password from env). */
export function imapAccountArgs(
  name: string,
  server: { host: string; port: number; user: string },
  passwordEnv: string,
): string[] {
  return [
    'account',
    'add',
    'imap',
    '--name',
    name,
    '--host',
    server.host,
    '--port',
    String(server.port),
    '--tls',
    'none',
    '--user',
    server.user,
    '--password-env',
    passwordEnv,
  ];
}

/** The SMTP options of `account add imap` for a test SMTP server (plain, on loopback). */
export function smtpAccountArgs(
  server: { host: string; port: number },
  from = 'Alice <alice@example.test>',
): string[] {
  return [
    '--smtp-host',
    server.host,
    '--smtp-port',
    String(server.port),
    '--smtp-tls',
    'none',
    '--from',
    from,
  ];
}

/** `account add wordpress …` arguments for the test WordPress's admin user. */
export function wordpressAccountArgs(
  name: string,
  site: { url: string },
  passwordEnv: string,
): string[] {
  return [
    'account',
    'add',
    'wordpress',
    '--name',
    name,
    '--url',
    site.url,
    '--user',
    'admin',
    '--password-env',
    passwordEnv,
  ];
}
