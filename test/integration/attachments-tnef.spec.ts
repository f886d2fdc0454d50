// winmail.dat (TNEF, what Outlook sends for "Rich Text" mail): its files are listed as the
// message's attachments and served byte for byte through the real Dovecot, in small
// messages and in ones over the body cap (listed from BODYSTRUCTURE). Every TNEF
// stream used here is first read by Debian's `tnef` tool (the independent decoder the CI
// installs), so the fixtures are valid TNEF by another implementation's reading.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDetail, ThreadDetail } from '../../shared/domain';
import type { Core } from '../../electron/core/core-types';
import { extractBodyText } from '../../electron/core/mail/body-text';
import { readTnef, TnefError } from '../../electron/core/mail/tnef';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { dovecotAccount, openTestCore } from '../harness/test-core';
import { buildTnef, type TnefFixtureFile } from '../harness/tnef-build';

const PDF = Buffer.from('%PDF-1.4\n' + 'stream of a quarterly report\n'.repeat(400));
const SHEET = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) & 0xff));
const NOTES = Buffer.from('Caf\xe9 cr\xe8me\r\n', 'latin1');

/** Deterministic bytes that do not compress. */
const noise = (size: number) => {
  const out = Buffer.alloc(size);
  for (let i = 0, x = 2463534242; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
};

const FILES: TnefFixtureFile[] = [
  {
    title: 'QUARTE~1.PDF',
    longName: 'Quarterly report – été.pdf',
    mimeTag: 'application/pdf',
    data: PDF,
  },
  { title: 'figures.xlsx', data: SHEET }, // no MIME tag: typed by its extension
  { title: 'notes.txt', mimeTag: 'text/plain', data: NOTES },
];

const LARGE_FILES: TnefFixtureFile[] = [
  { title: 'scan.tif', mimeTag: 'image/tiff', data: noise(3 * 1024 * 1024) },
  FILES[2]!,
];

let work: string;

/** What Debian's `tnef` makes of a stream: the names it lists and the files it writes. */
function readWithTnefTool(stream: Buffer): Map<string, Buffer> {
  const dir = mkdtempSync(join(work, 'tnef-'));
  writeFileSync(join(dir, 'winmail.dat'), stream);
  const out = join(dir, 'out');
  mkdirSync(out);
  execFileSync('tnef', ['-C', out, '-f', join(dir, 'winmail.dat')]);
  return new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
}

const b64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');

function outlookMessage(id: string, subject: string, tnef: Buffer): string {
  return (
    `From: Dana <dana@example.test>\r\nTo: alice@example.test\r\nSubject: ${subject}\r\n` +
    `Message-ID: <${id}@example.test>\r\nDate: Tue, 2 Jan 2024 09:00:00 +0000\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n' +
    '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe files are attached.\r\n' +
    '--b\r\nContent-Type: application/ms-tnef; name="winmail.dat"\r\n' +
    'Content-Disposition: attachment; filename="winmail.dat"\r\n' +
    `Content-Transfer-Encoding: base64\r\n\r\n${b64(tnef)}\r\n--b--\r\n`
  );
}

/** FILES with one byte of the first file's data changed: its checksum no longer matches. */
function corruptedTnef(): Buffer {
  const stream = buildTnef(FILES);
  stream.writeUInt8(stream.readUInt8(200) ^ 0xff, 200);
  return stream;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'passerelle-tnef-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the TNEF reader', () => {
  it('reads what Debian’s tnef reads: the same names and the same bytes', () => {
    const stream = buildTnef(FILES);
    const reference = readWithTnefTool(stream);
    const ours = readTnef(stream);
    expect(ours.skipped).toBe(0);
    expect(ours.files.map((f) => f.filename).sort()).toEqual([...reference.keys()].sort());
    for (const file of ours.files) {
      expect(Buffer.from(file.data).equals(reference.get(file.filename)!), file.filename).toBe(
        true,
      );
    }
    expect(ours.files.map((f) => f.contentType)).toEqual(['application/pdf', null, 'text/plain']);
  });

  it('refuses a wrong checksum, a truncated stream and data that is not TNEF', () => {
    const stream = buildTnef(FILES);
    expect(() => readTnef(corruptedTnef())).toThrow(TnefError);
    expect(() => readTnef(stream.subarray(0, stream.length - 10))).toThrow(TnefError);
    expect(() => readTnef(Buffer.from('not tnef at all'))).toThrow(TnefError);
  });

  it('never throws anything but TnefError, nor hangs, on mutated streams', () => {
    const stream = buildTnef(FILES);
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 2000; round++) {
      const mutated = Buffer.from(stream.subarray(0, 6 + (random() % (stream.length - 6))));
      for (let k = 0; k < 1 + (round % 8); k++)
        mutated[6 + (random() % (mutated.length - 6))] = random() & 0xff;
      try {
        readTnef(mutated);
      } catch (error) {
        expect(error).toBeInstanceOf(TnefError);
      }
    }
  });
});

describe('a message with a winmail.dat', () => {
  it('lists the files instead of winmail.dat', async () => {
    const body = await extractBodyText(Buffer.from(outlookMessage('t', 'Files', buildTnef(FILES))));
    expect(body.text).toBe('The files are attached.');
    expect(
      body.attachments.map((a) => [a.partId, a.tnefIndex, a.filename, a.contentType, a.size]),
    ).toEqual([
      ['2', 0, 'Quarterly report – été.pdf', 'application/pdf', PDF.length],
      [
        '2',
        1,
        'figures.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        SHEET.length,
      ],
      ['2', 2, 'notes.txt', 'text/plain', NOTES.length],
    ]);
  });

  it('keeps winmail.dat listed when it holds more than files, or cannot be read', async () => {
    const withMessage = buildTnef([
      FILES[2]!,
      { title: 'Re: budget', method: 5, data: Buffer.from('an attached Outlook message') },
    ]);
    const mixed = await extractBodyText(Buffer.from(outlookMessage('m', 'Mixed', withMessage)));
    expect(mixed.attachments.map((a) => [a.filename, a.tnefIndex])).toEqual([
      ['notes.txt', 0],
      ['winmail.dat', undefined],
    ]);
    const broken = outlookMessage('u', 'Broken', corruptedTnef());
    const unreadable = await extractBodyText(Buffer.from(broken));
    expect(unreadable.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['winmail.dat', 'application/ms-tnef'],
    ]);
  });
});

describe('against Dovecot', () => {
  let dovecot: DovecotServer;
  let profile: string;
  let core: Core;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.importMessages([
      outlookMessage('o', 'From Outlook', buildTnef(FILES)),
      // Over the 2 MiB body cap: listed from BODYSTRUCTURE, winmail.dat fetched on its own
      outlookMessage('l', 'Large from Outlook', buildTnef(LARGE_FILES)),
    ]);
    profile = mkdtempSync(join(tmpdir(), 'passerelle-tnef-core-'));
    core = await openTestCore(profile);
    await core.handlers['accounts.addImap'](dovecotAccount(dovecot));
    await core.handlers['sync.now']({});
  }, 120_000);

  afterAll(async () => {
    await core?.dispose();
    await dovecot?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  async function synced(subject = 'From Outlook'): Promise<MessageDetail> {
    const threads = await core.handlers['threads.list']({});
    const summary = threads.find((t) => t.subject === subject);
    expect(summary).toBeDefined();
    const thread = (await core.handlers['threads.get']({ threadId: summary!.id })) as ThreadDetail;
    return thread.messages[0]!;
  }

  it('serves each file byte for byte, and finds the message by a file name', async () => {
    const m = await synced();
    expect(m.attachments?.map((a) => a.filename)).toEqual(FILES.map((f) => f.longName ?? f.title));
    for (const [i, attachment] of m.attachments!.entries()) {
      const file = await core.handlers['attachments.get']({
        messageId: m.id,
        attachmentId: attachment.id!,
      });
      expect(file.filename).toBe(attachment.filename);
      expect(file.size).toBe(FILES[i]!.data.length);
      expect(Buffer.from(file.data, 'base64').equals(Buffer.from(FILES[i]!.data))).toBe(true);
    }
    const hits = await core.handlers['search.query']({ query: 'figures has:attachment', limit: 5 });
    expect(hits.items.map((h) => h.subject)).toEqual(['From Outlook']);
  });

  it('lists and serves the files of a winmail.dat in a message over the body cap', async () => {
    const m = await synced('Large from Outlook');
    expect(m.text).toBe('The files are attached.');
    expect(m.attachments?.map((a) => [a.filename, a.contentType, a.size])).toEqual(
      LARGE_FILES.map((f) => [f.title, f.mimeTag, f.data.length]),
    );
    const scan = await core.handlers['attachments.get']({
      messageId: m.id,
      attachmentId: m.attachments![0]!.id!,
    });
    expect(Buffer.from(scan.data, 'base64').equals(Buffer.from(LARGE_FILES[0]!.data))).toBe(true);
  });
});
