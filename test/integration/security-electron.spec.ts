// Electron's security checklist, the parts not already covered by the colocated unit
// specs (electron/main/*.spec.ts): fuses in the packaged app, a CSP on every page,
// no remote module anywhere, and openExternal refusing every hostile link.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, openIfSafe } from '../../electron/main/navigation';
import { mainWindowOptions } from '../../electron/main/window-options';
import { frameDocument } from '../../renderer/src/mail-html/frame-document';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

function cspOf(html: string): string | null {
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  return meta?.[1] ?? null;
}

describe('packaged app fuses (build/electron-builder.yml)', () => {
  const config = load(readFileSync(join(repoRoot, 'build', 'electron-builder.yml'), 'utf8')) as {
    asar?: boolean;
    electronFuses?: Record<string, boolean>;
  };

  it('turns off Node-as-app and Node debugging, and loads only an integrity-checked asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('a Content-Security-Policy on every page', () => {
  const pages = [join(repoRoot, 'renderer', 'index.html')];
  const built = join(repoRoot, 'out', 'renderer');
  if (existsSync(built)) pages.push(...files(built, /\.html$/));

  it.each(pages.map((p) => [p.slice(repoRoot.length + 1), p]))(
    '%s forbids inline and remote scripts, plugins and base rewriting',
    (_name, path) => {
      const csp = cspOf(readFileSync(path, 'utf8'));
      expect(csp).not.toBeNull();
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
    },
  );

  it('gives the sandboxed mail frame its own CSP with no scripts and no remote content by default', () => {
    const doc = frameDocument('<p>hi</p>', false);
    const csp = cspOf(doc);
    expect(csp).not.toBeNull();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src (?!'none')/);
    expect(csp).not.toMatch(/img-src[^;]*https?:/);
  });
});

describe('no remote module', () => {
  it('neither the app nor its dependencies use @electron/remote or enableRemoteModule', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain(
      '@electron/remote',
    );
    const sources = [...files(join(repoRoot, 'electron'), /\.ts$/)];
    if (existsSync(join(repoRoot, 'out'))) sources.push(...files(join(repoRoot, 'out'), /\.js$/));
    for (const file of sources.filter((f) => !f.endsWith('.spec.ts'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@electron\/remote|enableRemoteModule/);
    }
    expect(JSON.stringify(mainWindowOptions('/p.js').webPreferences)).not.toContain('Remote');
  });
});

describe('openExternal only for plain http(s) and mailto links', () => {
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'smb://evil.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://user:pass@evil.example/',
    'https://evil.example/\u0000',
    'https://evil.example/ --inspect',
    'mailto:a@b.example\r\nBcc: c@d.example',
    'mailto:',
    'http://',
    '//evil.example',
    'evil.example',
    `https://a.example/${'x'.repeat(9000)}`,
  ];
  it.each(hostile)('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
    const opened: string[] = [];
    openIfSafe(
      url,
      async (u) => void opened.push(u),
      () => undefined,
    );
    expect(opened).toEqual([]);
  });

  it.each(['https://example.org/a?b=c#d', 'http://127.0.0.1:8080/', 'mailto:ada@example.org'])(
    'opens %j',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  );
});
