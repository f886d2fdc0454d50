import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, isSafeExternalUrl } from './navigation';

type Contents = Parameters<typeof hardenWebContents>[0];

describe('isSafeExternalUrl', () => {
  it.each([
    'https://example.org/a?b=c#d',
    'http://intranet.example:8080/',
    'mailto:someone@example.org?subject=Hi',
  ])('accepts %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'https://user:pass@example.org/',
    'https://example.org/\n--flag',
    'https://exa mple.org/',
    'mailto:',
    'not a url',
    '',
  ])('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      emitter.on(name, listener);
      return undefined as never;
    },
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
    emit: (name: string, event: object) => emitter.emit(name, event),
    open: (url: string) => openHandler?.({ url }),
  };
}

function harden() {
  const contents = fakeContents();
  const openExternal = vi.fn((url: string) => Promise.resolve(void url));
  const log = vi.fn();
  hardenWebContents(
    contents as unknown as Contents,
    openExternal,
    (url) => url === 'file:///app/index.html',
    log,
  );
  return { contents, openExternal, log };
}

function navigationEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('hardenWebContents', () => {
  it('denies window.open and sends a web link to the system browser', () => {
    const { contents, openExternal } = harden();
    expect(contents.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('denies window.open of a file: URL without opening it anywhere', () => {
    const { contents, openExternal, log } = harden();
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('cancels every top-level navigation, even to the app itself', () => {
    const { contents, openExternal } = harden();
    const toWeb = navigationEvent('https://example.org/');
    const toApp = navigationEvent('file:///app/index.html');
    contents.emit('will-navigate', toWeb);
    contents.emit('will-navigate', toApp);
    expect(toWeb.preventDefault).toHaveBeenCalled();
    expect(toApp.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('keeps sub-frames on inert or app pages and sends links outside', () => {
    const { contents, openExternal } = harden();
    const srcdoc = navigationEvent('about:srcdoc', false);
    const remote = navigationEvent('https://tracker.example/pixel', false);
    contents.emit('will-frame-navigate', srcdoc);
    contents.emit('will-frame-navigate', remote);
    expect(srcdoc.preventDefault).not.toHaveBeenCalled();
    expect(remote.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://tracker.example/pixel');
  });

  it('refuses to attach webviews', () => {
    const { contents } = harden();
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('logs, rather than throws, when the system cannot open a link', async () => {
    const contents = fakeContents();
    const log = vi.fn();
    hardenWebContents(
      contents as unknown as Contents,
      () => Promise.reject(new Error('no handler')),
      () => false,
      log,
    );
    contents.open('mailto:a@example.org');
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no handler')));
  });
});
