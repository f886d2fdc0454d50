// Three builds: the Electron main process (the shell plus the worker that hosts the
// core), the sandboxed preload, and the Vue renderer. `npm run build` needs no Electron
// binary, so browser mode and the tests can use the same output.
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `npm run dev` only: Vite's dev server injects CSS as <style> tags and talks to the page
 * over its own WebSocket for hot reload, which the page's strict CSP would block. Builds
 * keep the strict policy untouched.
 */
function devServerCsp(): Plugin {
  return {
    name: 'passerelle-dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Dependencies stay external (electron-vite's default) and load from node_modules;
      // better-sqlite3 is named explicitly because its native addon can never be bundled.
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The core runs in a worker thread so SQLite writes and sync stay off the main thread.
          'core-worker': resolve(root, 'electron/main/core-worker.ts'),
          // The core's second thread for catch-ups: parsing and storing bodies.
          'store-worker': resolve(root, 'electron/core/db/store-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can only require('electron'): bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue(), devServerCsp()],
    // vue-i18n's compile-time flags: Composition API only, and no devtools hooks. Its
    // message compiler interprets messages (no eval), so it runs under the page's CSP.
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
