// A validating mock of a vendor's OpenAPI spec (Stoplight Prism) on a free loopback port,
// for the RSE contract tests. Prism answers valid requests with the spec's examples and
// refuses invalid ones; but where an operation documents a 400, Prism answers an invalid
// request with that 400 example rather than a 422, so the only reliable signal is its log:
// every "[VALIDATOR] ✖ error" line is collected and the tests assert there is none.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './dovecot';

export const SPECS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'specs');
const PRISM_BIN = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'prism');

export interface PrismMock {
  url: string;
  /** Request validation errors Prism logged since the start or the last `clearViolations`. */
  violations(): string[];
  clearViolations(): void;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** Text replacements applied to a temporary copy of the spec (never to the original). */
  patch?: [from: string, to: string][];
  startTimeoutMs?: number;
  /**
   * The base path the real server has and the spec's paths omit (Zulip: '/api/v1'). A
   * loopback proxy strips it, so connectors build the same URLs as in production.
   */
  basePath?: string;
}

// Prism colours and decorates its log; the markers survive both.
const VIOLATION = /\[VALIDATOR\].*(error|Violation)/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export async function startPrism(specName: string, options: PrismOptions = {}): Promise<PrismMock> {
  let spec = join(SPECS_DIR, specName);
  let tempDir: string | undefined;
  if (options.patch?.length) {
    tempDir = await mkdtemp(join(tmpdir(), 'passerelle-prism-'));
    let text = await readFile(spec, 'utf8');
    for (const [from, to] of options.patch) text = text.split(from).join(to);
    spec = join(tempDir, specName);
    await writeFile(spec, text);
  }
  const port = await freePort();
  const child = spawn(
    PRISM_BIN,
    ['mock', '--errors', '-h', '127.0.0.1', '-p', String(port), spec],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let violations: string[] = [];
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Prism did not start on ${specName}:\n${log.slice(-2000)}`)),
      options.startTimeoutMs ?? 90_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8').replace(ANSI, '');
      log = (log + text).slice(-20_000);
      for (const line of text.split('\n')) if (VIOLATION.test(line)) violations.push(line.trim());
      if (text.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) on ${specName}:\n${log.slice(-2000)}`));
    });
  });
  const proxy = options.basePath ? await startStripProxy(options.basePath, port) : undefined;
  const stop = async () => {
    if (proxy) await new Promise((resolve) => proxy.server.close(resolve));
    await stopChild(child);
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${proxy?.port ?? port}`,
    violations: () => [...violations],
    clearViolations: () => {
      violations = [];
    },
    stop,
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startStripProxy(basePath: string, target: number) {
  const server: Server = createServer((req, res) => {
    const path = req.url?.startsWith(basePath)
      ? req.url.slice(basePath.length) || '/'
      : (req.url ?? '/');
    const upstream = request(
      { host: '127.0.0.1', port: target, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return { server, port };
}
