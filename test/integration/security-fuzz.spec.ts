// Hostile input, property-based: random and mutated messages (mutations of the public
// MIME corpus in ../shared/corpora/mime, read in place) go through the MIME parser, the
// header mapper and the threader in the SQLite store; none may throw or hang. Each
// property runs for a bounded time (~5 s), each call under a timeout.
import { readFileSync } from 'node:fs';
import type { FetchMessageObject } from 'imapflow';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { safeAddress } from '../../shared/address-display';
import { extractBodyText } from '../../electron/core/mail/body-text';
import type { IncomingMessage } from '../../electron/core/mail/mail-store';
import {
  normalizeMessageId,
  parseHeaderBlock,
  parseMessageIds,
  toIncomingMessage,
} from '../../electron/core/mail/message-mapper';
import { ACCOUNT, STORE_KINDS } from './stores';
import { mimeCorpusFiles } from '../harness/corpora';

const PROPERTY_MS = 5_000;
const CALL_TIMEOUT_MS = 3_000;

const corpus = mimeCorpusFiles(512_000).map((file) => readFileSync(file));
const seeds: Buffer[] = corpus.length
  ? corpus
  : [Buffer.from('From: a@b.test\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nbody\r\n')];

/** Fails the call rather than the whole run when it does not settle in time. */
async function bounded<T>(label: string, work: () => Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  try {
    return await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${label} did not finish in ${CALL_TIMEOUT_MS} ms`)),
          CALL_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // A synchronous call cannot be interrupted: check how long it blocked instead.
    expect(Date.now() - started, `${label} blocked the thread`).toBeLessThan(CALL_TIMEOUT_MS);
  }
}

// Pieces that stress MIME parsers: boundaries, encoded words, broken encodings, nesting.
const NASTY = [
  '\r\n--',
  '--boundary\r\n',
  'Content-Type: multipart/mixed; boundary="x"\r\n',
  'Content-Type: message/rfc822\r\n\r\n',
  'Content-Transfer-Encoding: base64\r\n',
  'Content-Transfer-Encoding: quoted-printable\r\n',
  '=?utf-8?B?AAAA?=',
  '=?utf-8?Q?=00=0D=0A?=',
  '=?x-unknown?Q?abc?=',
  '=?utf-8?B?',
  '\u0000',
  '\r\n\r\n',
  '\r',
  '\n\t',
  '=\r\n',
  '=ZZ',
  "filename*0*=utf-8''%FF%FE;",
  '<',
  '>',
  '"',
  'References: ' + '<a@b> '.repeat(200) + '\r\n',
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'lf-only' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    piece: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(4096) }),
  fc.constant({ kind: 'lf-only' as const }),
);

function mutate(source: Buffer, mutations: Mutation[]): Buffer {
  let out = source;
  for (const m of mutations) {
    const at = out.length ? (m.kind === 'lf-only' ? 0 : m.at % (out.length + 1)) : 0;
    switch (m.kind) {
      case 'flip':
        if (out.length) {
          out = Buffer.from(out);
          out[at % out.length] = m.byte;
        }
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'insert':
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(m.piece, 'latin1'),
          out.subarray(at),
        ]);
        break;
      case 'duplicate':
        out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
        break;
      case 'lf-only':
        out = Buffer.from(out.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
        break;
    }
  }
  return out;
}

const mutatedMessage = fc
  .tuple(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([i, ms]) => mutate(seeds[i]!, ms));

const randomMessage = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 80 })), { maxLength: 60 })
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

const stats = { parsed: 0, mapped: 0, threaded: 0 };
afterAll(() => {
  process.stdout.write(
    `[security-fuzz] ${stats.parsed} parses, ${stats.mapped} header maps, ${stats.threaded} threaded inserts; corpus of ${corpus.length}\n`,
  );
});

describe('MIME parsing under hostile input', () => {
  it('extractBodyText never throws or hangs on random or mutated messages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedMessage, randomMessage), async (raw) => {
        const body = await bounded('extractBodyText', () => extractBodyText(raw));
        stats.parsed++;
        expect(typeof body.text).toBe('string');
        expect(body.snippet.length).toBeLessThanOrEqual(201);
      }),
      { interruptAfterTimeLimit: PROPERTY_MS, numRuns: 1_000_000 },
    );
  });

  it('the header mapper keeps every address free of controls and a name never claims another address', async () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...NASTY));
    const address = fc.record({ name: fc.option(text, { nil: undefined }), address: text });
    await fc.assert(
      fc.asyncProperty(
        mutatedMessage,
        fc.record({
          subject: fc.option(text, { nil: undefined }),
          messageId: fc.option(text, { nil: undefined }),
          inReplyTo: fc.option(text, { nil: undefined }),
          date: fc.option(text, { nil: undefined }),
          from: fc.array(address, { maxLength: 2 }),
          to: fc.array(address, { maxLength: 5 }),
        }),
        async (raw, envelope) => {
          const headerEnd = raw.indexOf('\r\n\r\n');
          const msg = {
            uid: 1,
            seq: 1,
            envelope: { ...envelope, date: envelope.date as never },
            headers: headerEnd > 0 ? raw.subarray(0, headerEnd) : raw,
            flags: new Set(['\\Seen']),
          } as unknown as FetchMessageObject;
          const mapped = await bounded('toIncomingMessage', () => toIncomingMessage(msg));
          await bounded('parseHeaderBlock', () => parseHeaderBlock(raw));
          parseMessageIds(raw.toString('latin1'));
          normalizeMessageId(raw.toString('latin1'));
          stats.mapped++;
          for (const a of [mapped.from, ...mapped.to].filter((x) => x !== null)) {
            // eslint-disable-next-line no-control-regex
            expect(`${a.name ?? ''}${a.address}`).not.toMatch(/[\u0000-\u001f\u202e]/);
            const claimed = a.name?.match(/\S*@\S*/g) ?? [];
            for (const c of claimed) {
              expect(c.replace(/[<>()"',;:[\]]/g, '').toLowerCase()).toBe(a.address.toLowerCase());
            }
          }
          expect(Number.isNaN(Date.parse(mapped.date))).toBe(false);
        },
      ),
      { interruptAfterTimeLimit: PROPERTY_MS, numRuns: 1_000_000 },
    );
  });
});

describe('threading under hostile input', () => {
  const [, sqliteFixture] = STORE_KINDS.find(([name]) => name === 'sqlite store')!;

  it('the SQLite store threads random reference graphs without throwing or hanging', async () => {
    const fixture = sqliteFixture();
    let uid = 0;
    // A small pool of ids makes cycles, self-references and shared parents likely.
    const id = fc.oneof(
      fc.integer({ min: 0, max: 30 }).map((n) => `<m${n}@fuzz>`),
      fc.constantFrom('', '<>', '<<a@b>>', 'no-brackets@x', '< a@b >', '<\u0000@x>'),
    );
    const subject = fc.oneof(
      fc.constantFrom('Re: Re: Fwd: hello', 'RE:', '', 'Fw: [list] hello', 'hello'),
      fc.string({ maxLength: 100 }),
    );
    const incoming = fc.record({
      messageId: fc.option(id, { nil: null }),
      inReplyTo: fc.option(id, { nil: null }),
      references: fc.array(id, { maxLength: 40 }),
      subject,
      date: fc
        .integer({ min: -10, max: 4_000_000_000 })
        .map((s) => new Date(s * 1000).toISOString()),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(incoming, { minLength: 1, maxLength: 20 }), async (batch) => {
          const messages: IncomingMessage[] = batch.map((m) => ({
            ...m,
            uid: ++uid,
            from: safeAddress('Fuzz', 'fuzz@example.test'),
            to: [],
            cc: [],
            flags: [],
            size: 100,
            snippet: '',
            bodyText: null,
          }));
          await bounded('saveMessages', () =>
            fixture.store.saveMessages(ACCOUNT, 'INBOX', messages, { lastSeenUid: uid }),
          );
          stats.threaded += messages.length;
          if (uid % 7 === 0) {
            await bounded('removeMessages', () =>
              fixture.store.removeMessages(ACCOUNT, 'INBOX', [uid - 3, uid - 5]),
            );
          }
        }),
        { interruptAfterTimeLimit: PROPERTY_MS, numRuns: 1_000_000 },
      );
      expect(fixture.view().length).toBeGreaterThan(0);
    } finally {
      fixture.close();
    }
  });
});
