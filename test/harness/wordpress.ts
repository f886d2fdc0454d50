// A throwaway WordPress for integration tests: its own MariaDB (datadir, socket and port in
// a temp dir, never the system server) and `php -S` on a free loopback port, installed
// through install.php, with an Application Password made from PHP (Debian has no wp-cli).
// Steps verified in ../shared/dev/wordpress.md.
//
// Debian's wp-config.php only reads /etc/wordpress/config-<host>.php, and every instance
// answers on 127.0.0.1, so that one file is a dispatcher (written idempotently) that loads
// the config named by the PASSERELLE_WP_CONFIG environment variable of its php process.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile, chown } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './dovecot';

const execFileAsync = promisify(execFile);
const WP_ROOT = '/usr/share/wordpress';
const DISPATCHER = '/etc/wordpress/config-127.0.0.1.php';
const DISPATCHER_PHP = `<?php
// Written by Passerelle's test harness (test/harness/wordpress.ts): each php -S it starts
// names its own config, so several throwaway WordPress sites can share the 127.0.0.1 host.
$passerelle_config = getenv('PASSERELLE_WP_CONFIG');
if ($passerelle_config && is_readable($passerelle_config)) require $passerelle_config;
`;

export interface WpPost {
  id: number;
  link: string;
  modified_gmt: string;
  status: string;
}
export interface WpComment {
  id: number;
  post: number;
  parent: number;
  link: string;
}

export interface WordPressServer {
  url: string;
  user: 'admin';
  appPassword: string;
  /** Calls the REST API as the admin; `route` like '/wp/v2/posts'. */
  rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  createCategory(name: string): Promise<number>;
  createPost(p: { title: string; content: string; categories?: number[] }): Promise<WpPost>;
  createComment(c: { post: number; content: string; parent?: number }): Promise<WpComment>;
  editPost(id: number, p: { title?: string; content?: string }): Promise<WpPost>;
  /** Trash by default; `force` deletes for good (the REST API then answers 404). */
  deletePost(id: number, force?: boolean): Promise<void>;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ensureDispatcher(): Promise<void> {
  const current = existsSync(DISPATCHER) ? readFileSync(DISPATCHER, 'utf8') : null;
  if (current === DISPATCHER_PHP) return;
  if (current !== null && !current.includes('PASSERELLE_WP_CONFIG')) {
    throw new Error(`${DISPATCHER} exists and is not the test harness's; move it away first.`);
  }
  await writeFile(DISPATCHER, DISPATCHER_PHP, { mode: 0o644 });
}

async function startMariaDb(dir: string): Promise<{ child: ChildProcess; socket: string }> {
  const datadir = join(dir, 'db');
  const socket = join(dir, 'mysqld.sock');
  await mkdir(datadir, { recursive: true });
  await chown(dir, 0, 0).catch(() => undefined);
  await execFileAsync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--user=root',
      '--skip-test-db',
    ],
    { timeout: 60_000 },
  );
  const port = await freePort();
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--user=root',
      '--skip-log-bin',
      // Throwaway data: durability is not worth the fsyncs on a shared 2-core machine.
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-buffer-pool-size=32M',
      '--skip-name-resolve',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  try {
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`mariadbd exited: ${log}`);
        await execFileAsync('mariadb-admin', [
          '--no-defaults',
          `--socket=${socket}`,
          '-uroot',
          'ping',
        ]);
        return true;
      },
      30_000,
      `mariadbd (${log})`,
    );
    await execFileAsync('mariadb', [
      '--no-defaults',
      `--socket=${socket}`,
      '-uroot',
      '-e',
      "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost';",
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, socket };
}

export async function startWordPress(): Promise<WordPressServer> {
  await ensureDispatcher();
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-wp-'));
  let db: { child: ChildProcess; socket: string } | undefined;
  let php: ChildProcess | undefined;
  const stop = async () => {
    // PHP_CLI_SERVER_WORKERS forks workers that outlive a killed parent: end the group.
    if (php?.pid) {
      try {
        process.kill(-php.pid, 'SIGKILL');
      } catch {
        php.kill('SIGKILL');
      }
    }
    db?.child.kill('SIGTERM');
    await Promise.all([php && waitForExit(php, 5_000), db && waitForExit(db.child, 10_000)]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    db = await startMariaDb(dir);
    const config = join(dir, 'wp-config-local.php');
    await writeFile(
      config,
      `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:${db.socket}');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local'); // Application Passwords over plain http
define('DISABLE_WP_CRON', true);        // no loopback cron requests during tests
define('AUTOMATIC_UPDATER_DISABLED', true);
`,
    );
    const env = { ...process.env, PASSERELLE_WP_CONFIG: config };
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Several workers: the connector's requests and the test's REST calls overlap.
    // Its own process group: the workers it forks die with it (see stop()).
    php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', WP_ROOT], {
      env: { ...env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: 'ignore',
      detached: true,
    });
    await until(async () => (await fetch(`${url}/wp-login.php`)).status > 0, 15_000, 'php -S');
    const password = randomBytes(12).toString('base64url');
    const form = new URLSearchParams({
      weblog_title: 'Intranet',
      user_name: 'admin',
      admin_password: password,
      admin_password2: password,
      pw_weak: '1',
      admin_email: 'admin@example.com',
      blog_public: '0',
    });
    const installed = await fetch(`${url}/wp-admin/install.php?step=2`, {
      method: 'POST',
      body: form,
    });
    if (!installed.ok) throw new Error(`install.php answered ${installed.status}`);
    const script = join(dir, 'app-password.php');
    await writeFile(
      script,
      `<?php
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST');
define('WP_USE_THEMES', false);
require '${WP_ROOT}/wp-load.php';
$user = get_user_by('login', $argv[1]);
[$password] = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => $argv[2]]);
echo $password, "\\n";
`,
    );
    const { stdout } = await execFileAsync('php', [script, 'admin', 'passerelle-tests'], {
      env: { ...env, HTTP_HOST: `127.0.0.1:${port}` },
    });
    const appPassword = stdout.trim();
    if (!appPassword) throw new Error('no application password');

    const auth = `Basic ${Buffer.from(`admin:${appPassword}`).toString('base64')}`;
    const rest = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const [path, query] = route.split('?');
      const response = await fetch(`${url}/?rest_route=${path}${query ? `&${query}` : ''}`, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    };
    return {
      url,
      user: 'admin',
      appPassword,
      rest,
      async createCategory(name) {
        return (await rest<{ id: number }>('POST', '/wp/v2/categories', { name })).id;
      },
      createPost: (p) => rest('POST', '/wp/v2/posts', { status: 'publish', ...p }),
      createComment: (c) => rest('POST', '/wp/v2/comments', c),
      editPost: (id, p) => rest('POST', `/wp/v2/posts/${id}`, p),
      async deletePost(id, force = false) {
        await rest('DELETE', `/wp/v2/posts/${id}${force ? '?force=true' : ''}`);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
