// A hostile or broken IMAP server: mutated greetings, LIST, SELECT and FETCH answers
// (broken literals, garbage, early close) from a fake server on loopback. The sync must
// finish or fail with a clear error within a bound; it never crashes the process or hangs.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { syncMailboxOnce } from '../../electron/core/mail/mailbox-sync';
import {
  fetchReply,
  startFakeImap,
  type FakeImapScript,
  type FakeImapServer,
} from '../harness/fake-imap';
import { ACCOUNT, STORE_KINDS } from './stores';

const PASSWORD = 'fake-imap-secret-7Qx';
const BOUND_MS = 12_000;
let server: FakeImapServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

type Result = { ok: true } | { ok: false; message: string };

async function syncAgainst(script: FakeImapScript): Promise<Result & { ms: number }> {
  server = await startFakeImap(script);
  const fixture = STORE_KINDS.find(([name]) => name === 'sqlite store')![1]();
  const engine = new AccountSync({
    accountId: ACCOUNT,
    settings: { host: '127.0.0.1', port: server.port, tls: 'none', user: 'alice' },
    password: PASSWORD,
    store: fixture.store,
    mailboxes: ['INBOX'],
    backoff: { initialMs: 50, maxMs: 200 },
    client: {
      connectionTimeoutMs: 2_000,
      greetingTimeoutMs: 1_500,
      socketTimeoutMs: 2_000,
      disableAutoIdle: true,
    },
  });
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      engine.syncOnce(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('HANG')), BOUND_MS);
      }),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    expect(message, `sync hung; server saw:\n${server.received.join('\n')}`).not.toBe('HANG');
    return { ok: false, message, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
    await engine.dispose();
    fixture.close();
  }
}

function expectClearFailure(result: Result): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.message.length).toBeGreaterThan(3);
  expect(result.message).not.toContain(PASSWORD);
}

describe('a catch-up answered without the source it asked for', () => {
  it('stores the message from its ENVELOPE, asked for afterwards, with no body', async () => {
    const line = (tag: string) =>
      `* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 120 ` +
      `INTERNALDATE "01-Jan-2024 00:00:00 +0000")\r\n${tag} OK done\r\n`;
    server = await startFakeImap({
      replies: {
        // The catch-up's FETCH asks for BODY.PEEK[]<…>: this server leaves it out.
        'UID FETCH': (tag, command) =>
          /BODY\.PEEK\[\]/i.test(command) ? line(tag) : fetchReply(tag, command),
      },
    });
    const fixture = STORE_KINDS.find(([name]) => name === 'sqlite store')![1]();
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: server.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'alice', pass: PASSWORD },
      logger: false,
      disableAutoIdle: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const result = await syncMailboxOnce(client, fixture.store, ACCOUNT, 'INBOX', {
        withBodies: true,
        maxBodiesPerPass: 0,
      });
      expect(result.added).toBe(1);
      expect(fixture.view()).toMatchObject([
        { uid: 1, subject: 'hello', messageId: '<fake-1@example.test>', bodyText: null },
      ]);
      expect(server.received.some((c) => /ENVELOPE/i.test(c))).toBe(true);
    } finally {
      await client.logout().catch(() => undefined);
      fixture.close();
    }
  });
});

describe('sync against a hostile IMAP server', () => {
  it('syncs from the well-behaved fake (the baseline the mutations start from)', async () => {
    expect(await syncAgainst({})).toMatchObject({ ok: true });
  });

  const broken: [string, FakeImapScript][] = [
    ['a garbage greeting', { greeting: Buffer.from([0, 255, 13, 10, 42, 32, 0, 13, 10]) }],
    ['a BYE greeting', { greeting: '* BYE go away\r\n' }],
    ['no greeting at all', { greeting: 'silence' }],
    [
      'a refused login',
      {
        replies: {
          LOGIN: (t) => `${t} NO [AUTHENTICATIONFAILED] no\r\n`,
          AUTHENTICATE: (t) => `${t} NO [AUTHENTICATIONFAILED] no\r\n`,
        },
      },
    ],
    [
      'LIST with a literal longer than the data',
      {
        replies: {
          LIST: (t) => `* LIST (\\HasNoChildren) "/" {4000}\r\nINBOX\r\n${t} OK done\r\n`,
        },
      },
    ],
    ['LIST answered by a closed connection', { replies: { LIST: () => 'close' } }],
    [
      'SELECT with nonsense counts and UIDVALIDITY',
      {
        replies: {
          SELECT: (t) =>
            `* 99999999999999999999999 EXISTS\r\n* OK [UIDVALIDITY abc] x\r\n* OK [UIDNEXT -4] x\r\n${t} OK done\r\n`,
        },
      },
    ],
    ['SELECT never answered', { replies: { SELECT: () => 'silence' } }],
    [
      'FETCH with a literal cut by the server closing',
      {
        replies: {
          'UID FETCH': () => '* 1 FETCH (UID 1 BODY[] {500000}\r\nshort',
          FETCH: () => 'close',
        },
      },
    ],
    [
      'FETCH with a negative literal',
      {
        replies: { 'UID FETCH': (t) => `* 1 FETCH (UID 1 BODY[] {-1}\r\n)\r\n${t} OK done\r\n` },
      },
    ],
    [
      'FETCH with unbalanced parentheses',
      {
        replies: { 'UID FETCH': (t) => `* 1 FETCH (UID 1 FLAGS ((((\r\n${t} OK done\r\n` },
      },
    ],
  ];

  for (const [name, script] of broken) {
    it(`fails clearly or recovers on ${name}`, async () => {
      const result = await syncAgainst(script);
      process.stdout.write(
        `[security-imap-fuzz] ${name}: ${result.ok ? 'ok' : `failed: ${result.message}`} (${result.ms} ms)\n`,
      );
      if (name.startsWith('a ') || name.startsWith('no ')) expectClearFailure(result);
      if (!result.ok) expect(result.message).not.toContain(PASSWORD);
    });
  }

  it('never crashes or hangs on randomly mutated FETCH answers', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (flips, cut) => {
          const mutated = (tag: string, line: string) => {
            const bytes = Buffer.from(fetchReply(tag, line), 'latin1');
            for (const [at, value] of flips) bytes[at % bytes.length] = value;
            return cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
          };
          await syncAgainst({ replies: { 'UID FETCH': mutated, FETCH: mutated } });
          runs++;
        },
      ),
      { numRuns: 8, interruptAfterTimeLimit: 40_000 },
    );
    expect(runs).toBeGreaterThan(0);
  }, 120_000);
});
