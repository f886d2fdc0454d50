// Which URLs are the app's own pages: the built renderer file, or the dev server that
// electron-vite starts (ELECTRON_RENDERER_URL) during `npm run dev`.
import { pathToFileURL } from 'node:url';

export interface AppPages {
  /** What the main window loads. */
  readonly entry: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  isAppUrl(url: string): boolean;
}

export function appPages(rendererIndexFile: string, devServerUrl?: string): AppPages {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return {
      entry: { kind: 'url', url: devServerUrl },
      isAppUrl: (url) => originOf(url) === origin,
    };
  }
  const index = pathToFileURL(rendererIndexFile).href;
  return {
    entry: { kind: 'file', path: rendererIndexFile },
    isAppUrl: (url) => withoutHashOrQuery(url) === index,
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function withoutHashOrQuery(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    parsed.search = '';
    return parsed.href;
  } catch {
    return null;
  }
}
