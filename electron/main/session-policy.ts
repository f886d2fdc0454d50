// Session-wide defaults: a strict Content-Security-Policy on the app's pages and every
// permission (camera, notifications from pages, geolocation…) refused.
import type { Session } from 'electron';

export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Vue and Vite inject <style> elements; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    // Sandboxed srcdoc mail frames inherit this policy; their own CSP keeps remote
    // images out until the user allows them (renderer/src/mail-html/frame-document.ts).
    "img-src 'self' data: blob: http: https:",
    "font-src 'self'",
    // The dev server's hot reload talks over a WebSocket.
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    // Mail bodies render in sandboxed srcdoc/blob frames.
    "frame-src 'self' blob: about:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Returns the headers with the CSP set, replacing any the server sent. */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

type SessionLike = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

export function applySessionPolicy(
  session: SessionLike,
  isAppUrl: (url: string) => boolean,
  csp: string,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
