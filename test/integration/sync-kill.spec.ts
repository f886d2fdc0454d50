// kill -9 of `passerelle sync --once` in the middle of an initial sync of 2,000 messages,
// twice, then a resumed sync: exact counts, no duplicate message, thread or body lost.
// A catch-up fetches each batch's headers and sources in one FETCH and commits the
// messages, their bodies and the checkpoint in one transaction, so after a kill every
// stored message has its body.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/connection';
import { CLI } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';

const run = promisify(execFile);
const TOTAL = 2000;
let dovecot: DovecotServer;
let profile: string;

const cli = (...args: string[]) =>
  run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, TEST_IMAP_PASSWORD: dovecot.password },
    timeout: 120_000,
  });

interface Counts {
  messages: number;
  ids: number;
  uids: number;
  bodies: number;
  threads: number;
  threaded: number;
}

function counts(db: Db): Counts {
  return db
    .prepare(
      `SELECT count(*) AS messages, count(DISTINCT message_id) AS ids,
              count(DISTINCT mailbox_id || ':' || uid) AS uids,
              sum(body_text IS NOT NULL) AS bodies,
              (SELECT count(*) FROM threads) AS threads,
              (SELECT sum(message_count) FROM threads) AS threaded
       FROM messages`,
    )
    .get() as Counts;
}

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-kill-'));
  // 400 threads of 5 messages, so threading work is interrupted too.
  await dovecot.importMessages(
    Array.from({ length: TOTAL }, (_, i) => {
      const root = i - (i % 5);
      return buildMessage({
        subject: i % 5 ? `Re: topic ${root}` : `topic ${root}`,
        messageId: `<k${i}@kill>`,
        ...(i % 5 ? { inReplyTo: `<k${i - 1}@kill>`, references: [`<k${root}@kill>`] } : {}),
        text: `body ${i} `.repeat(50),
      });
    }),
  );
  await cli(
    ...['account', 'add', 'imap', '--name', 'Kill', '--host', '127.0.0.1'],
    ...['--port', String(dovecot.port), '--tls', 'none', '--user', 'alice'],
    ...['--password-env', 'TEST_IMAP_PASSWORD'],
  );
});

afterAll(async () => {
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('kill -9 during the initial sync', () => {
  it('resumes to exactly the server state, with no duplicates', async () => {
    const db = openDatabase(join(profile, 'passerelle.db'));
    try {
      let before = 0;
      for (const attempt of ['first', 'resumed'] as const) {
        const child = spawn(process.execPath, [CLI, '--profile', profile, 'sync', '--once'], {
          stdio: 'ignore',
        });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // Kill once this run has stored something of its own.
        const deadline = Date.now() + 60_000;
        for (;;) {
          if (counts(db).messages > before) break;
          if (Date.now() > deadline) throw new Error(`the ${attempt} sync never stored anything`);
          await new Promise((r) => setTimeout(r, 5));
        }
        child.kill('SIGKILL');
        await exited;
        const c = counts(db);
        expect(c.messages, attempt).toBe(c.uids);
        expect(c.messages, attempt).toBe(c.ids);
        // Headers and bodies commit together: no message without its body, none twice.
        expect(c.bodies, attempt).toBe(c.messages);
        expect(c.threaded, attempt).toBe(c.messages);
        // The kill really landed mid-sync, and the second run resumed where the first stopped.
        expect(c.messages, attempt).toBeLessThan(TOTAL);
        expect(c.messages, attempt).toBeGreaterThan(before);
        before = c.messages;
      }
      await cli('sync', '--once');
      expect(counts(db)).toEqual({
        messages: TOTAL,
        ids: TOTAL,
        uids: TOTAL,
        bodies: TOTAL,
        threads: TOTAL / 5,
        threaded: TOTAL,
      });
      // Another pass changes nothing.
      await cli('sync', '--once');
      expect(counts(db).messages).toBe(TOTAL);
    } finally {
      db.close();
    }
  });
});
