// The app never navigates away from its own page and never opens windows of its own:
// links go to the system browser (or mail client), and only when they are plain
// http(s) or mailto URLs.
import type { WebContents } from 'electron';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const MAX_URL_LENGTH = 8192;

export function isSafeExternalUrl(url: string): boolean {
  // Control characters and whitespace have been used to smuggle arguments to handlers.
  // eslint-disable-next-line no-control-regex
  if (url.length > MAX_URL_LENGTH || /[\s\u0000-\u001f\u007f]/.test(url)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === '';
}

export type OpenExternal = (url: string) => Promise<void>;

/** Opens a link outside the app if it is safe to; otherwise does nothing. */
export function openIfSafe(
  url: string,
  openExternal: OpenExternal,
  log: (line: string) => void,
): void {
  if (!isSafeExternalUrl(url)) {
    log(`[shell] refused to open a link with an unsupported address`);
    return;
  }
  openExternal(url).catch((error: unknown) =>
    log(`[shell] could not open a link: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/** Frames may load these without leaving the app (e.g. the sandboxed mail viewer). */
const INERT_FRAME_URLS = new Set(['about:blank', 'about:srcdoc']);

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: OpenExternal,
  isAppUrl: (url: string) => boolean,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfSafe(url, openExternal, log);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfSafe(event.url, openExternal, log);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by 'will-navigate'
    if (INERT_FRAME_URLS.has(event.url) || isAppUrl(event.url)) return;
    event.preventDefault();
    openIfSafe(event.url, openExternal, log);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
