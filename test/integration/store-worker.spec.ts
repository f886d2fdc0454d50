// The store worker (electron/core/db/store-offload.ts) against a real Dovecot: a catch-up
// parses and stores its bodies on a second thread, the core's listeners hear those commits
// as their own, and a worker that cannot run fails the sync without storing half of it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { buildStoreWorker } from '../harness/store-worker-build';
import { dovecotAccount, openTestCore } from '../harness/test-core';

const MESSAGES = 60;

describe('the store worker', () => {
  let server: DovecotServer;
  let buildDir: string;
  let workerScript: string;
  let profile: string;
  let core: Core | null = null;

  beforeAll(async () => {
    ({ script: workerScript, dir: buildDir } = buildStoreWorker('test-store-worker'));
    server = await startDovecot();
    await server.importMessages(
      Array.from({ length: MESSAGES }, (_, i) =>
        buildMessage({
          subject: `Report ${i}`,
          messageId: `<w${i}@worker.test>`,
          text: `Figures for week ${i}: marmalade${i} and more.`,
        }),
      ),
    );
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    profile = mkdtempSync(join(tmpdir(), 'passerelle-store-worker-'));
  });

  afterEach(async () => {
    await core?.dispose();
    core = null;
    rmSync(profile, { recursive: true, force: true });
  });

  async function catchUp(storeWorker: string): Promise<{ inserted: Set<string> }> {
    core = await openTestCore(profile, { storeWorker });
    const inserted = new Set<string>();
    core.on('db.changed', (deltas) => {
      for (const d of deltas) {
        if (d.table === 'messages' && d.op === 'insert') for (const id of d.ids) inserted.add(id);
      }
    });
    const accountId = (await core.handlers['accounts.addImap'](dovecotAccount(server))).id;
    await core.handlers['sync.now']({ accountId });
    return { inserted };
  }

  it('stores every message once with its body, searchable, and announces the commits', async () => {
    const { inserted } = await catchUp(workerScript);
    expect(inserted.size).toBe(MESSAGES);
    const hits = await core!.handlers['search.query']({ query: 'marmalade42', limit: 10 });
    expect(hits.items.map((hit) => hit.subject)).toEqual(['Report 42']);
    const page = await core!.handlers['timeline.page']({ limit: 200, unreadOnly: false });
    expect(page.items).toHaveLength(MESSAGES);
    expect(page.items.every((item) => item.snippet.startsWith('Figures for week'))).toBe(true);
  });

  it('a worker that cannot run fails the sync with its reason and stores nothing', async () => {
    const broken = join(buildDir, 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('store worker exploded on load');\n");
    await expect(catchUp(broken)).rejects.toThrow(/store worker exploded on load/);
    const page = await core!.handlers['timeline.page']({ limit: 200, unreadOnly: false });
    expect(page.items).toHaveLength(0);
    await core!.dispose();

    // The same profile with a working worker catches up from where nothing was stored.
    core = await openTestCore(profile, { storeWorker: workerScript });
    await core.handlers['sync.now']({});
    expect(
      (await core.handlers['timeline.page']({ limit: 200, unreadOnly: false })).items,
    ).toHaveLength(MESSAGES);
  });
});
