// A throwaway Dovecot for integration tests: its own directory, config, loopback port and
// base_dir, so several can run at once. The config is the verified example in
// ../shared/dev/dovecot.conf.example (read in place, never copied into the repo).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const execFileAsync = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE_CONF = join(repoRoot, '..', 'shared', 'dev', 'dovecot.conf.example');
const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = 'doveadm';

export interface DovecotOptions {
  /**
   * Serve TLS with this certificate (ssl = yes): STARTTLS on `port`, implicit TLS on
   * `tlsPort`. `required` sets ssl = required; Dovecot counts loopback as secure, though,
   * so a plain login from 127.0.0.1 is still accepted.
   */
  tls?: { certPem: string; keyPem: string; required?: boolean };
  /** Last word on the config text (e.g. another passdb); may write files into `dir`. */
  configure?: (conf: string, dir: string) => string | Promise<string>;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  /** Implicit TLS (IMAPS) port, when started with `tls`. */
  tlsPort?: number;
  user: 'alice';
  password: string;
  /** Scratch directory holding config, logs, state and maildirs. */
  dir: string;
  /** APPENDs a message (as another client would deliver it); resolves with its UID. */
  deliver(raw: string | Buffer, mailbox?: string, flags?: string[]): Promise<number | undefined>;
  /** Sets or clears \Seen on one message, as a second client would. */
  setSeen(uid: number, seen: boolean, mailbox?: string): Promise<void>;
  /** Adds/removes arbitrary flags, as a second client would. */
  setFlags(uid: number, add: string[], remove: string[], mailbox?: string): Promise<void>;
  /** Flags of one message on the server, or null if it does not exist. */
  fetchFlags(uid: number, mailbox?: string): Promise<string[] | null>;
  /** Marks \Deleted and expunges one message. */
  expunge(uid: number, mailbox?: string): Promise<void>;
  /** A short-lived imapflow client logged in as alice; the caller logs out. */
  client(): Promise<ImapFlow>;
  /** Kills the server (as a crash would) and starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  /** Bulk-adds raw messages as Maildir files (order kept, UIDs ascending); for thousands of messages. */
  importMessages(raws: (string | Buffer)[], mailbox?: string): Promise<void>;
  /** Runs `doveadm -c <conf> ...args`; resolves with stdout. */
  doveadm(...args: string[]): Promise<string>;
  /** TLS servers: presents another certificate from now on (restarts the server). */
  useCertificate(certPem: string, keyPem: string): Promise<void>;
  stop(): Promise<void>;
}

/** A free loopback port (asked of the kernel; a race with another binder is retried by the caller). */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function waitForGreeting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = createConnection({ host: '127.0.0.1', port });
      let buf = '';
      const retry = (err?: Error) => {
        sock.destroy();
        if (Date.now() > deadline) reject(err ?? new Error(`no IMAP greeting on port ${port}`));
        else setTimeout(attempt, 50);
      };
      sock.setTimeout(2000, () => retry(new Error('greeting timeout')));
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        if (buf.includes('\r\n')) {
          sock.destroy();
          if (buf.startsWith('* OK')) resolve();
          else retry(new Error(`unexpected greeting: ${buf.trim()}`));
        }
      });
      sock.on('error', (e) => retry(e));
    };
    attempt();
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed daemon stays a zombie until its parent (init, which may be slow in a
  // container) reaps it; it holds no port or file by then.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** The example config with TLS switched on: certificate files in `dir`, IMAPS on `tlsPort`. */
function withTls(conf: string, dir: string, tlsPort: number, required: boolean): string {
  const ssl = [
    `ssl = ${required ? 'required' : 'yes'}`,
    `ssl_cert = <${join(dir, 'tls.crt')}`,
    `ssl_key = <${join(dir, 'tls.key')}`,
  ].join('\n');
  const out = conf
    .replace(/^ssl = no$/m, ssl)
    .replace(
      /inet_listener imaps \{\s*port = 0\s*\}/,
      `inet_listener imaps {\n    address = 127.0.0.1\n    port = ${tlsPort}\n    ssl = yes\n  }`,
    );
  if (!out.includes(`port = ${tlsPort}`) || !out.includes('ssl_cert')) {
    throw new Error('the example dovecot.conf changed shape: cannot switch TLS on');
  }
  return out;
}

async function startOnce(options: DovecotOptions = {}): Promise<DovecotServer> {
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-dovecot-'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  const password = randomBytes(9).toString('base64url');
  const template = await readFile(EXAMPLE_CONF, 'utf8');
  const conf = join(dir, 'dovecot.conf');
  let text = template.replaceAll('@DIR@', dir).replaceAll('@PORT@', String(port));
  if (options.tls && tlsPort) {
    text = withTls(text, dir, tlsPort, options.tls.required ?? false);
    await writeFile(join(dir, 'tls.crt'), options.tls.certPem);
    await writeFile(join(dir, 'tls.key'), options.tls.keyPem, { mode: 0o600 });
  }
  if (options.configure) text = await options.configure(text, dir);
  await writeFile(conf, text);
  await chmod(dir, 0o755);
  for (const sub of ['run', 'state', 'mail', 'home'])
    await mkdir(join(dir, sub), { recursive: true });
  const { uid, gid } = await dovecotIds();
  await chown(join(dir, 'mail'), uid, gid);
  await chown(join(dir, 'home'), uid, gid);
  await writeFile(join(dir, 'users'), `alice:{PLAIN}${password}\n`, { mode: 0o644 });

  const fail = async (err: unknown): Promise<never> => {
    const log = await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`dovecot did not start: ${String(err)}\n${log.slice(-2000)}`);
  };

  // `dovecot` daemonizes: the launcher exits once the master forked.
  const pidFile = join(dir, 'run', 'master.pid');
  let pid = 0;
  const launch = async (): Promise<void> => {
    const launched = await new Promise<number | null>((resolve) => {
      const child = spawn(DOVECOT, ['-c', conf], { stdio: 'ignore' });
      child.on('exit', (code) => resolve(code));
      child.on('error', () => resolve(-1));
    });
    if (launched !== 0) throw new Error(`launcher exited with ${launched}`);
    // The master writes its pid file shortly after the launcher returns; wait for both it
    // and the greeting, and never leave a master behind when either does not come.
    const readPid = async () => {
      const text = await readFile(pidFile, 'utf8').catch(() => '');
      pid = Number(text.trim()) || 0;
      return pid > 0 && pidAlive(pid);
    };
    try {
      const deadline = Date.now() + 10_000;
      while (!(await readPid())) {
        if (Date.now() > deadline) throw new Error('no master.pid');
        await new Promise((r) => setTimeout(r, 25));
      }
      await waitForGreeting(port, 10_000);
    } catch (err) {
      if (pid && pidAlive(pid)) {
        process.kill(pid, 'SIGTERM');
        await waitFor(() => !pidAlive(pid), 5_000);
      }
      throw err;
    }
  };
  const kill = async (): Promise<void> => {
    // The master leads its own process group (it daemonized); a throwaway server needs no
    // graceful shutdown (SIGTERM costs ~2 s), so the whole group goes at once.
    if (pid && pidAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        process.kill(pid, 'SIGKILL');
      }
      await waitFor(() => !pidAlive(pid), 5_000);
    }
  };
  try {
    await launch();
  } catch (err) {
    return await fail(err);
  }

  const connect = async (): Promise<ImapFlow> => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      // The harness's own helper client: with ssl = required it must upgrade, and it is not
      // what the tests judge, so it does not check the certificate.
      ...(options.tls?.required
        ? { doSTARTTLS: true, tls: { rejectUnauthorized: false } }
        : { doSTARTTLS: false }),
      auth: { user: 'alice', pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const withMailbox = async <T>(mailbox: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = await connect();
    try {
      const lock = await c.getMailboxLock(mailbox);
      try {
        return await fn(c);
      } finally {
        lock.release();
      }
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  const doveadm = async (...args: string[]): Promise<string> => {
    const { stdout } = await execFileAsync(DOVEADM, ['-c', conf, ...args], { timeout: 20_000 });
    return stdout;
  };

  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    ...(tlsPort ? { tlsPort } : {}),
    user: 'alice',
    password,
    dir,
    client: connect,
    doveadm,
    async deliver(raw, mailbox = 'INBOX', flags = []) {
      const c = await connect();
      try {
        const res = await c.append(mailbox, raw, flags);
        return res ? res.uid : undefined;
      } finally {
        await c.logout().catch(() => c.close());
      }
    },
    async setSeen(uid, seen, mailbox = 'INBOX') {
      await withMailbox(mailbox, async (c) => {
        if (seen) await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        else await c.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
      });
    },
    async setFlags(uid, add, remove, mailbox = 'INBOX') {
      await withMailbox(mailbox, async (c) => {
        if (add.length) await c.messageFlagsAdd(String(uid), add, { uid: true });
        if (remove.length) await c.messageFlagsRemove(String(uid), remove, { uid: true });
      });
    },
    async fetchFlags(uid, mailbox = 'INBOX') {
      return await withMailbox(mailbox, async (c) => {
        const msg = await c.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
        return msg ? [...(msg.flags ?? [])].sort() : null;
      });
    },
    async expunge(uid, mailbox = 'INBOX') {
      await withMailbox(mailbox, async (c) => {
        await c.messageDelete(String(uid), { uid: true });
      });
    },
    async restart(downMs = 0) {
      await kill();
      // The old master's pid file would be read as the new one's.
      await rm(pidFile, { force: true });
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async useCertificate(certPem, keyPem) {
      if (!options.tls) throw new Error('this Dovecot was started without TLS');
      await writeFile(join(dir, 'tls.crt'), certPem);
      await writeFile(join(dir, 'tls.key'), keyPem, { mode: 0o600 });
      await kill();
      await rm(pidFile, { force: true });
      await launch();
    },
    async importMessages(raws, mailbox = 'INBOX') {
      // Files dropped straight into the Maildir (the layout Dovecot documents) are far
      // faster than APPENDs or `doveadm import` for tens of thousands of messages. Dovecot
      // assigns UIDs in file-name order at its next sync; a login first creates the folders.
      const first = await connect();
      await first.logout().catch(() => first.close());
      const root = join(dir, 'mail', 'alice');
      const box =
        mailbox.toUpperCase() === 'INBOX' ? root : join(root, `.${mailbox.replaceAll('/', '.')}`);
      for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(box, sub), { recursive: true });
      const { uid, gid } = await dovecotIds();
      // Dovecot opens a folder read-only when it cannot write its directories.
      for (const path of [box, ...['cur', 'new', 'tmp'].map((sub) => join(box, sub))]) {
        await chown(path, uid, gid);
      }
      const stamp = Math.floor(Date.now() / 1000);
      const tag = randomBytes(3).toString('hex');
      for (let i = 0; i < raws.length; i += 200) {
        await Promise.all(
          raws.slice(i, i + 200).map(async (raw, k) => {
            const data = Buffer.from(raw);
            const name = `${stamp}.M${String(i + k).padStart(7, '0')}${tag}.bench,S=${data.length}:2,`;
            const file = join(box, 'cur', name);
            await writeFile(file, data, { mode: 0o600 });
            await chown(file, uid, gid);
          }),
        );
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let idsCache: { uid: number; gid: number } | null = null;
async function dovecotIds(): Promise<{ uid: number; gid: number }> {
  if (idsCache) return idsCache;
  const passwd = await readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('dovecot:'));
  if (!line) throw new Error('no dovecot user: install dovecot-imapd');
  const parts = line.split(':');
  idsCache = { uid: Number(parts[2]), gid: Number(parts[3]) };
  return idsCache;
}

/** Starts a fresh Dovecot; retries when the chosen port was taken in the meantime. */
export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  let lastErr: unknown;
  for (let i = 0; i < 3; i++) {
    try {
      return await startOnce(options);
    } catch (err) {
      lastErr = err;
    }
  }
  throw lastErr;
}

export interface MessageSpec {
  from?: string;
  to?: string;
  subject?: string;
  date?: Date | string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  text?: string;
  html?: string;
  /** More header lines, as written ("List-Id: <dev.example.test>"). */
  headers?: string[];
}

/** RFC 5322 text with CRLF line ends; `html` makes a text/html message instead. */
export function buildMessage(spec: MessageSpec = {}): string {
  const date =
    spec.date instanceof Date ? spec.date.toUTCString() : (spec.date ?? new Date().toUTCString());
  const lines = [
    `From: ${spec.from ?? 'Bob <bob@example.test>'}`,
    `To: ${spec.to ?? 'Alice <alice@example.test>'}`,
    `Subject: ${spec.subject ?? 'Hello'}`,
    `Date: ${date}`,
    `Message-ID: ${spec.messageId ?? `<${randomBytes(8).toString('hex')}@example.test>`}`,
  ];
  if (spec.inReplyTo) lines.push(`In-Reply-To: ${spec.inReplyTo}`);
  if (spec.references?.length) lines.push(`References: ${spec.references.join(' ')}`);
  lines.push(...(spec.headers ?? []), 'MIME-Version: 1.0');
  if (spec.html !== undefined) lines.push('Content-Type: text/html; charset=utf-8');
  else lines.push('Content-Type: text/plain; charset=utf-8');
  lines.push('Content-Transfer-Encoding: 8bit', '');
  const body = spec.html ?? spec.text ?? 'Hi Alice.';
  return lines.join('\r\n') + '\r\n' + body.replace(/\r?\n/g, '\r\n') + '\r\n';
}
