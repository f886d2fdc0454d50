// A catch-up reads each message's headers from its source (mail/source-headers.ts), a
// header sync from the server's ENVELOPE (mail/message-mapper.ts). Both readings of every
// message of the MIME corpus, served by the real Dovecot, must give the same message.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { parseFetched } from '../../electron/core/mail/fetched-message';
import type { IncomingMessage } from '../../electron/core/mail/mail-store';
import {
  fetchMapped,
  HEADER_QUERY,
  toIncomingMessage,
} from '../../electron/core/mail/message-mapper';
import { factsOf } from '../../electron/core/mail/source-headers';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { mimeCorpusFiles } from '../harness/corpora';

let dovecot: DovecotServer;
let client: ImapFlow;
const files = mimeCorpusFiles();

beforeAll(async () => {
  dovecot = await startDovecot();
  for (const file of files) await dovecot.deliver(readFileSync(file));
  client = await dovecot.client();
}, 120_000);

afterAll(async () => {
  await client?.logout();
  await dovecot?.stop();
});

/** The header fields, without what only the source path fills (body, snippet). */
const headersOf = ({ bodyText: _b, snippet: _s, bodyExtras: _e, ...rest }: IncomingMessage) =>
  rest as Record<string, unknown>;

/** Dovecot's ENVELOPE puts this host where an address has none (RFC 3501 §7.4.2 leaves it NIL). */
const withoutPlaceholder = (json: string) => json.replaceAll('@MISSING_DOMAIN', '');

/** Where the two readings differ on purpose, by corpus file: the field, and why. */
const KNOWN: Record<string, string> = {
  // " From: …" opens the header block with a blank: Dovecot drops the field, the source
  // path's lenient reading (the one the ENVELOPE path uses for References) keeps the sender.
  'enmime/low-quality/bad-header-start.raw': 'from',
  // "From: Bob Dunite <bob@extern> Bobby Dunite <bobby@extern>" (no comma): postal-mime
  // reads one mailbox whose name holds the second address, which safeAddress drops.
  'enmime/mail/malformed-multiple-address-header-values.raw': 'from',
};

it('reads the same headers from the source as from the ENVELOPE, for the whole corpus', async () => {
  expect(files.length).toBeGreaterThan(100);
  const lock = await client.getMailboxLock('INBOX');
  try {
    const fromEnvelope = await fetchMapped(client, '1:*', HEADER_QUERY, toIncomingMessage);
    const rows = await fetchMapped(
      client,
      '1:*',
      { uid: true, flags: true, internalDate: true, size: true, source: true },
      (row) => row,
    );
    const fromSource = await parseFetched(
      rows.map((r) => ({ facts: factsOf(r), source: r.source!, whole: true })),
    );
    expect(fromSource.map((m) => m.uid)).toEqual(fromEnvelope.map((m) => m.uid));
    const differences = fromSource.flatMap((m, i) => {
      const file = files[i]!.split('corpora/mime/')[1]!;
      const envelope = headersOf(fromEnvelope[i]!);
      const source = headersOf(m);
      const fields = Object.keys({ ...envelope, ...source }).filter(
        (key) =>
          withoutPlaceholder(JSON.stringify(envelope[key])) !== JSON.stringify(source[key]) &&
          KNOWN[file] !== key,
      );
      return fields.map((key) => ({ file, key, envelope: envelope[key], source: source[key] }));
    });
    expect(differences).toEqual([]);
    // The corpus's one List-Unsubscribe (folded over two lines) is read alike both ways.
    const list = files.findIndex((f) => f.endsWith('stalwart/thirdparty/014.eml'));
    expect(fromEnvelope[list]!.unsubscribe).toEqual({
      web: 'http://lists.maptools.org/mailman/listinfo/shapelib',
      mailto: 'mailto:shapelib-request@lists.maptools.org?subject=unsubscribe',
      oneClick: false,
    });
    expect(fromSource[list]!.unsubscribe).toEqual(fromEnvelope[list]!.unsubscribe);
    // The known differences are still there (else the list above is stale).
    for (const [file, key] of Object.entries(KNOWN)) {
      const i = files.findIndex((f) => f.endsWith(file));
      const [envelope, source] = [fromEnvelope[i]!, fromSource[i]!].map((m) => headersOf(m)[key]);
      expect(JSON.stringify(source), file).not.toBe(JSON.stringify(envelope));
    }
  } finally {
    lock.release();
  }
});
