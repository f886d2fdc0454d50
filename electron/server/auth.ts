// Browser-mode access control. The server binds loopback only, but any local process
// or web page could still reach it, so every request must carry the per-run token
// (query on the first visit, then an HttpOnly SameSite=Strict cookie), the Host must be
// ours (DNS rebinding), and a WebSocket or write must come from our own Origin.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AuthContext {
  token: string;
  port: number;
}

export function cookieName(port: number): string {
  // Per port, so two instances on one machine do not overwrite each other's cookie.
  return `passerelle_${port}`;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export type AuthVerdict =
  | { ok: true; via: 'query' | 'cookie' | 'header' }
  | { ok: false; status: 401 | 403; reason: string };

export function checkRequest(
  req: IncomingMessage,
  ctx: AuthContext,
  opts: { requireOrigin: boolean },
): AuthVerdict {
  if (!allowedHosts(ctx.port).includes(req.headers.host ?? '')) {
    return {
      ok: false,
      status: 403,
      reason: 'This server answers only on its own loopback address.',
    };
  }
  const origin = req.headers.origin;
  if (origin !== undefined ? !allowedOrigins(ctx.port).includes(origin) : opts.requireOrigin) {
    return { ok: false, status: 403, reason: 'Requests from other origins are refused.' };
  }
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (tokensEqual(url.searchParams.get('token'), ctx.token)) return { ok: true, via: 'query' };
  if (tokensEqual(readCookie(req.headers.cookie, cookieName(ctx.port)), ctx.token))
    return { ok: true, via: 'cookie' };
  const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
  if (tokensEqual(bearer, ctx.token)) return { ok: true, via: 'header' };
  return {
    ok: false,
    status: 401,
    reason: 'Missing or wrong token: open the URL that `passerelle serve` printed.',
  };
}

export function sessionCookie(ctx: AuthContext): string {
  return `${cookieName(ctx.port)}=${ctx.token}; HttpOnly; SameSite=Strict; Path=/`;
}
