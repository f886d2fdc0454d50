// Servers for test/e2e/mail-html.spec.ts: a loopback canary that records every request,
// and a static server for the harness page built from the real renderer sources.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';
import { REPO_ROOT } from '../harness/app-server';

export interface Canary {
  origin: string;
  hits: string[];
  close(): Promise<void>;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function closer(server: Server): () => Promise<void> {
  return () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
}

export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '/');
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' });
    res.end(GIF);
  });
  return { origin: await listen(server), hits, close: closer(server) };
}

/** The page CSP the renderer ships (its <meta>), applied here as a header. */
export function appPageCsp(): string {
  const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
  const match = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  if (!match?.[1]) throw new Error('renderer/index.html has no CSP meta');
  return match[1];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Builds renderer/src/mail-html/test-harness with Vite and serves it on loopback. */
export async function serveHarness(
  outDir: string,
): Promise<{ url: string; close(): Promise<void> }> {
  await build({
    root: join(REPO_ROOT, 'renderer', 'src', 'mail-html', 'test-harness'),
    configFile: false,
    logLevel: 'warn',
    plugins: [vue()],
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false },
  });
  const csp = appPageCsp();
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(outDir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (data) => {
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
        });
        res.end(data);
      },
      () => res.writeHead(404).end(),
    );
  });
  return { url: `${await listen(server)}/`, close: closer(server) };
}
