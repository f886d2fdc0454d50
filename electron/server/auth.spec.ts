import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest, cookieName, tokensEqual } from './auth';

const ctx = { token: 'secret-token', port: 4321 };

function request(url: string, headers: Record<string, string>): IncomingMessage {
  return { url, headers: { host: '127.0.0.1:4321', ...headers } } as unknown as IncomingMessage;
}

describe('checkRequest', () => {
  it('accepts the token from the query, the cookie or a bearer header', () => {
    expect(
      checkRequest(request('/?token=secret-token', {}), ctx, { requireOrigin: false }),
    ).toEqual({ ok: true, via: 'query' });
    expect(
      checkRequest(request('/', { cookie: `other=1; ${cookieName(4321)}=secret-token` }), ctx, {
        requireOrigin: false,
      }),
    ).toEqual({ ok: true, via: 'cookie' });
    expect(
      checkRequest(request('/', { authorization: 'Bearer secret-token' }), ctx, {
        requireOrigin: false,
      }),
    ).toEqual({
      ok: true,
      via: 'header',
    });
  });

  it('refuses a missing or wrong token', () => {
    expect(checkRequest(request('/', {}), ctx, { requireOrigin: false })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(
      checkRequest(request('/?token=secret-tokem', {}), ctx, { requireOrigin: false }),
    ).toMatchObject({ ok: false });
  });

  it('refuses another Origin even with the right token', () => {
    const verdict = checkRequest(
      request('/ws?token=secret-token', { origin: 'http://evil.example' }),
      ctx,
      {
        requireOrigin: true,
      },
    );
    expect(verdict).toMatchObject({ ok: false, status: 403 });
  });

  it('requires an Origin for WebSockets', () => {
    expect(
      checkRequest(request('/ws?token=secret-token', {}), ctx, { requireOrigin: true }),
    ).toMatchObject({ ok: false });
    expect(
      checkRequest(request('/ws?token=secret-token', { origin: 'http://localhost:4321' }), ctx, {
        requireOrigin: true,
      }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a foreign Host header (DNS rebinding)', () => {
    const verdict = checkRequest(
      {
        url: '/?token=secret-token',
        headers: { host: 'attacker.example:4321' },
      } as unknown as IncomingMessage,
      ctx,
      { requireOrigin: false },
    );
    expect(verdict).toMatchObject({ ok: false, status: 403 });
  });
});

describe('tokensEqual', () => {
  it('compares whole tokens only', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual(null, 'abc')).toBe(false);
    expect(tokensEqual('', '')).toBe(false);
  });
});
