// The store workers (electron/core/db/store-offload.ts) against a real Dovecot: a catch-up
// and the background body download are parsed and stored on two other threads, the core's
// listeners hear those commits as their own, and workers that cannot run, or die with a
// request in hand (before or after committing it), leave the work to the core's thread.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { insertImapAccount } from '../harness/mail-db';
import { openDatabase } from '../../electron/core/db/connection';
import { Writer } from '../../electron/core/db/deltas';
import { createSqliteMailStore } from '../../electron/core/db/mail-store-sqlite';
import { createStoreOffload } from '../../electron/core/db/store-offload';
import { syncMailboxOnce } from '../../electron/core/mail/mailbox-sync';
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

  async function catchUp(
    storeWorker: string,
    log: (line: string) => void = () => undefined,
  ): Promise<{ inserted: Set<string> }> {
    core = await openTestCore(profile, { storeWorker, log });
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
    const logs: string[] = [];
    const { inserted } = await catchUp(workerScript, (line) => logs.push(line));
    expect(logs.filter((line) => line.includes('store worker'))).toEqual([]);
    expect(inserted.size).toBe(MESSAGES);
    const hits = await core!.handlers['search.query']({ query: 'marmalade42', limit: 10 });
    expect(hits.items.map((hit) => hit.subject)).toEqual(['Report 42']);
    const page = await core!.handlers['timeline.page']({ limit: 200, unreadOnly: false });
    expect(page.items).toHaveLength(MESSAGES);
    expect(page.items.every((item) => item.snippet.startsWith('Figures for week'))).toBe(true);
  });

  it('a worker that cannot run leaves the work to the core, which says why once', async () => {
    const broken = join(buildDir, 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('store worker exploded on load');\n");
    const logs: string[] = [];
    const { inserted } = await catchUp(broken, (line) => logs.push(line));
    expect(inserted.size).toBe(MESSAGES);
    const hits = await core!.handlers['search.query']({ query: 'marmalade42', limit: 10 });
    expect(hits.items.map((hit) => hit.subject)).toEqual(['Report 42']);
    const said = logs.filter((line) => line.includes('store worker'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/store worker exploded on load/);
  });

  it('a parser thread that dies with a request in hand leaves that request to the core', async () => {
    // The real worker, except that its parser thread exits as the first request arrives.
    const dying = join(buildDir, 'dying-parser.cjs');
    writeFileSync(
      dying,
      "const { parentPort, workerData } = require('node:worker_threads');\n" +
        "if (workerData.role === 'parser') parentPort.once('message', () => process.exit(3));\n" +
        `require(${JSON.stringify(workerScript)});\n`,
    );
    const logs: string[] = [];
    const { inserted } = await catchUp(dying, (line) => logs.push(line));
    expect(inserted.size).toBe(MESSAGES);
    const page = await core!.handlers['timeline.page']({ limit: 200, unreadOnly: false });
    expect(page.items.every((item) => item.snippet.startsWith('Figures for week'))).toBe(true);
    const said = logs.filter((line) => line.includes('store worker'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/exit code 3/);
  });

  it('a store thread that dies after committing, before replying: the batch is still news', async () => {
    // The real worker, except that its store thread exits instead of sending its first
    // reply: the batch is in the database, and the core never heard of it.
    const dying = join(buildDir, 'dying-store.cjs');
    writeFileSync(
      dying,
      "const { parentPort, workerData } = require('node:worker_threads');\n" +
        "if (workerData.role === 'store') parentPort.postMessage = () => process.exit(4);\n" +
        `require(${JSON.stringify(workerScript)});\n`,
    );
    const logs: string[] = [];
    const { inserted } = await catchUp(dying, (line) => logs.push(line));
    expect(logs.filter((line) => line.includes('store worker'))[0]).toMatch(/exit code 4/);
    // Stored again by the core, the batch's messages are still announced as new (the
    // notifications hear of inserts only), each once in the store.
    expect(inserted.size).toBe(MESSAGES);
    const page = await core!.handlers['timeline.page']({ limit: 200, unreadOnly: false });
    expect(page.items).toHaveLength(MESSAGES);
  });

  /** A database with the IMAP account 'a', and store workers for it that must not stop. */
  function workerDatabase(name: string) {
    const dbPath = join(profile, `${name}.db`);
    const db = openDatabase(dbPath);
    insertImapAccount(db, {
      name,
      imap: { host: server.host, port: server.port, user: server.user },
    });
    const offload = createStoreOffload(workerScript, dbPath, (line) => {
      throw new Error(`The worker was expected to run: ${line}`);
    });
    return { db, offload };
  }

  it("lets the core's writes go first: no batch starts while one waits or runs", async () => {
    const { db, offload } = workerDatabase('gate');
    const store = createSqliteMailStore(new Writer(db, offload.writeGate), offload);
    const stored = db.prepare('SELECT COUNT(*) AS n FROM messages');
    const count = () => (stored.get() as { n: number }).n;
    const header = (uid: number) => ({
      uid,
      messageId: `<gate${uid}@worker.test>`,
      inReplyTo: null,
      references: [],
      subject: `Gate ${uid}`,
      from: { address: 'a@worker.test' },
      to: [],
      cc: [],
      date: '2025-01-02T03:04:05.000Z',
      flags: [],
      size: 10,
      snippet: '',
      bodyText: null,
    });
    try {
      const save = (uid: number) =>
        store.saveFetched!('a', 'INBOX', [{ message: header(uid), source: null }], {});
      await save(1); // the threads are up
      expect(count()).toBe(1);
      // A core write waiting for the lock, as the Writer announces it:
      offload.writeGate.enter();
      const saving = save(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(count()).toBe(1);
      offload.writeGate.leave();
      await saving;
      expect(count()).toBe(2);
    } finally {
      await offload.close();
      db.close();
    }
  });

  it('downloads bodies in the background through the worker, after headers stored here', async () => {
    const { db, offload } = workerDatabase('bodies');
    const writer = new Writer(db);
    const inserted = new Set<string>();
    const updated = new Set<string>();
    writer.onDidCommit((deltas) => {
      for (const d of deltas) {
        if (d.table !== 'messages') continue;
        for (const id of d.ids) (d.op === 'insert' ? inserted : updated).add(id);
      }
    });
    const client = await server.client();
    try {
      // Which requests reach the worker: the bodies only (headers are stored here).
      const kinds: string[] = [];
      const store = createSqliteMailStore(writer, {
        ...offload,
        save: (request) => {
          kinds.push(request.kind);
          return offload.save(request);
        },
      });
      const result = await syncMailboxOnce(client, store, 'a', 'INBOX', { maxBodiesPerPass: 500 });
      expect(result.added).toBe(MESSAGES);
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['bodies']));
      const missing = db.prepare('SELECT COUNT(*) AS n FROM messages WHERE body_text IS NULL');
      expect((missing.get() as { n: number }).n).toBe(0);
      // The worker's commits reached this writer's listeners (the window's db.changed).
      expect(inserted.size).toBe(MESSAGES);
      expect(updated).toEqual(inserted);
      const body = db.prepare('SELECT body_text FROM messages WHERE subject = ?');
      expect((body.get('Report 7') as { body_text: string }).body_text).toContain('marmalade7');
    } finally {
      await client.logout();
      await offload.close();
      db.close();
    }
  });
});
