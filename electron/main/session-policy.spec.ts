import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, contentSecurityPolicy, withCsp } from './session-policy';

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionListener = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

function fakeSession() {
  const handlers: {
    headers?: HeadersListener;
    request?: PermissionListener;
    check?: () => boolean;
    device?: () => boolean;
  } = {};
  const session = {
    webRequest: { onHeadersReceived: (listener: HeadersListener) => (handlers.headers = listener) },
    setPermissionRequestHandler: (listener: PermissionListener) => (handlers.request = listener),
    setPermissionCheckHandler: (listener: () => boolean) => (handlers.check = listener),
    setDevicePermissionHandler: (listener: () => boolean) => (handlers.device = listener),
  };
  return { session: session as never, handlers };
}

const isApp = (url: string) => url.startsWith('http://localhost:5173/');

describe('contentSecurityPolicy', () => {
  it('allows only our own scripts and no plugins', () => {
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('ws:');
  });

  it('lets the dev server hot-reload over a WebSocket in dev only', () => {
    expect(contentSecurityPolicy(true)).toContain("connect-src 'self' ws: wss:");
  });
});

describe('withCsp', () => {
  it('replaces a CSP the server sent, whatever its case, and keeps other headers', () => {
    const headers = withCsp(
      { 'content-security-policy': ['*'], 'Content-Type': ['text/html'] },
      'x',
    );
    expect(headers).toEqual({ 'Content-Security-Policy': ['x'], 'Content-Type': ['text/html'] });
  });
});

describe('applySessionPolicy', () => {
  it('puts the CSP on app pages only', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, isApp, 'default-src none');
    const callback = vi.fn();
    handlers.headers?.({ url: 'http://localhost:5173/index.html', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenLastCalledWith({
      responseHeaders: { 'Content-Security-Policy': ['default-src none'] },
    });
    handlers.headers?.({ url: 'https://example.org/', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenLastCalledWith({});
  });

  it('refuses every permission request and check', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, isApp, 'x');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      handlers.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(handlers.check?.()).toBe(false);
    expect(handlers.device?.()).toBe(false);
  });
});
