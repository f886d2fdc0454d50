// Browser mode: the built renderer over HTTP and the contract over a WebSocket, on
// 127.0.0.1 only, behind the per-run token (see auth.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, Outcome } from '../../shared/contract';
import type { WireMessage } from '../../shared/rpc';
import type { Core } from '../core/core-types';
import { checkRequest, sessionCookie, type AuthContext } from './auth';
import { readStaticFile } from './static-files';

export interface BrowserServerOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface BrowserServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const FORWARDED_EVENTS: EventName[] = [
  'db.changed',
  'account.status',
  'tasks.changed',
  'tasks.failed',
  'notify.show',
];
const MAX_MESSAGE_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: http: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** Why `host` is refused, or null for the loopback names browser mode accepts. */
export function refuseHost(host: string): string | null {
  if (host === '127.0.0.1' || host === 'localhost') return null;
  return (
    `Browser mode listens on loopback only (127.0.0.1 or localhost), not ${host}: ` +
    'anyone who could reach it on a network could try to read your mail.'
  );
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const refusal = refuseHost(options.host ?? '127.0.0.1');
  if (refusal) throw new Error(refusal);
  const token = options.token ?? randomBytes(32).toString('base64url');
  const ctx: AuthContext = { token, port: 0 };
  const sockets = new Set<WebSocket>();

  const http = createServer((req, res) => {
    handleHttp(req, res, ctx, options.rendererDir).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  http.on('upgrade', (req, socket, head) => {
    // Node drops its own error handler from upgraded sockets: a reset must not crash us.
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(req, ctx, { requireOrigin: true });
    if (!verdict.ok || new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      const status = verdict.ok ? 404 : verdict.status;
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Oversized or malformed frames: ws closes the socket (1009, 1002…) and reports the
      // error here; without a listener it would be thrown and end the process.
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => void answer(ws, data.toString(), options.core));
    });
  });

  const unsubscribe = FORWARDED_EVENTS.map((name) =>
    options.core.on(name, (payload) => {
      const message = JSON.stringify({ type: 'event', name, payload } satisfies WireMessage);
      for (const ws of sockets) ws.send(message);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    // 'localhost' may resolve to ::1, which the printed URL and the Host check do not name.
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  ctx.port = (http.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${ctx.port}/?token=${token}`,
    port: ctx.port,
    token,
    async close() {
      for (const off of unsubscribe) off();
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: AuthContext,
  rendererDir: string,
) {
  const verdict = checkRequest(req, ctx, { requireOrigin: false });
  if (!verdict.ok) {
    res.writeHead(verdict.status, {
      'Content-Type': 'text/plain; charset=utf-8',
      ...SECURITY_HEADERS,
    });
    res.end(`${verdict.reason}\n`);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, SECURITY_HEADERS).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://x');
  if (verdict.via === 'query') {
    // Trade the token in the address bar for a cookie, and drop it from the URL.
    url.searchParams.delete('token');
    res.writeHead(303, {
      Location: url.pathname + url.search,
      'Set-Cookie': sessionCookie(ctx),
      ...SECURITY_HEADERS,
    });
    res.end();
    return;
  }
  // The path as sent: URL parsing would already have resolved any '..' it carries.
  const file = await readStaticFile(rendererDir, (req.url ?? '/').split(/[?#]/)[0]!);
  if (!file) {
    res
      .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      .end('Not found\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': file.contentType, ...SECURITY_HEADERS });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

async function answer(ws: WebSocket, text: string, core: Core): Promise<void> {
  let message: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    message = parsed as Record<string, unknown>;
  } catch {
    return; // not ours to answer: there is no id to reply to
  }
  const id = message.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return; // nothing to reply to
  let outcome: Outcome<unknown>;
  try {
    outcome =
      message.type === 'request'
        ? await core.dispatch(String(message.name), message.params)
        : { ok: false, error: { code: 'invalid-request', message: 'Not a request.' } };
  } catch {
    outcome = { ok: false, error: { code: 'internal', message: 'The request failed.' } };
  }
  if (ws.readyState === ws.OPEN) {
    ws.send(JSON.stringify({ type: 'response', id, outcome } satisfies WireMessage));
  }
}
