// Around a conversion, against a real Dovecot, a real SMTP server and a real WordPress:
// the destination remembered per mailing list (List-Id stored at sync), the optional
// reply-all "This conversation continues at LINK" sent over SMTP, archiving the thread
// once posted, and follow mode's "offered" variant (new emails wait for the user's go).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type { ConversionInfo, ConvertPreview } from '../../shared/requests/convert';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { waitUntil } from './wait';
import { dovecotAccount, openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let wp: WordPressServer;
let profile: string;
let core: Core;
let mailId: string;
let rseId: string;
let devId: number;

const LIST = 'List-Id: "Dev team" <dev.lists.example.test>';
const hour = 3_600_000;
const base = Date.now() - 10 * hour;

/** buildMessage with extra header lines after the Message-ID. */
function withHeaders(raw: string, ...headers: string[]): string {
  return raw.replace(/(Message-ID: [^\r\n]+\r\n)/u, `$1${headers.map((h) => `${h}\r\n`).join('')}`);
}

async function threadIdOf(messageId: string): Promise<string> {
  const threads = await core.handlers['threads.list']({});
  return threads.find((t) => t.messages.some((m) => m.messageId === messageId))!.id;
}

async function settle(): Promise<void> {
  await waitUntil(
    async () =>
      (await core.handlers['tasks.list']({ states: ['pending', 'running'] })).length === 0,
    60_000,
    'the outbox to settle',
  );
}

async function convert(
  threadId: string,
  extra: {
    destination?: { accountId: string; spaceId: string };
    replyAll?: boolean;
    archive?: boolean;
  } = {},
): Promise<ConversionInfo> {
  const result = await core.handlers['convert.thread']({
    threadId,
    preview: false,
    delayMs: 0,
    ...extra,
  });
  if (!('conversion' in result)) throw new Error('expected a conversion');
  await settle();
  return (await core.handlers['convert.get']({ conversionId: result.conversion.id }))!;
}

async function preview(threadId: string): Promise<ConvertPreview> {
  const result = await core.handlers['convert.thread']({ threadId, preview: true, delayMs: 0 });
  if (!('preview' in result)) throw new Error('expected a preview');
  return result.preview;
}

async function serverUids(path: string, messageId: string): Promise<number[]> {
  const client = await dovecot.client();
  try {
    const lock = await client.getMailboxLock(path);
    try {
      return (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

const comments = (post: string) =>
  wp.rest<{ id: number; content: { raw: string } }[]>(
    'GET',
    `/wp/v2/comments?post=${post}&context=edit&status=all`,
  );

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  smtp = await startSmtp(dovecot);
  await wp.createCategory('Finance');
  devId = await wp.createCategory('Dev');
  const mails = [
    withHeaders(
      buildMessage({
        messageId: '<list-a@example.test>',
        from: 'Bob <bob@example.test>',
        to: 'Dev team <dev@lists.example.test>',
        subject: '[dev] Release train',
        date: new Date(base),
        text: 'The release train leaves on Friday.',
      }),
      LIST,
    ),
    withHeaders(
      buildMessage({
        messageId: '<list-b@example.test>',
        from: 'Carol <carol@example.test>',
        to: 'Dev team <dev@lists.example.test>',
        subject: '[dev] Flaky tests',
        date: new Date(base + hour),
        text: 'The login test fails one run in ten.',
      }),
      LIST,
    ),
    buildMessage({
      messageId: '<direct@example.test>',
      from: 'Bob <bob@example.test>',
      subject: 'Lunch?',
      date: new Date(base + 2 * hour),
      text: 'Lunch on Thursday?',
    }),
    buildMessage({
      messageId: '<offsite-1@example.test>',
      from: 'Dan <dan@example.test>',
      to: 'Alice <alice@example.test>',
      subject: 'Offsite venue',
      date: new Date(base + 3 * hour),
      text: 'The offsite will be at the lake house.',
    }),
    buildMessage({
      messageId: '<offsite-2@example.test>',
      from: 'Erin <erin@example.test>',
      to: 'Alice <alice@example.test>, Dan <dan@example.test>',
      subject: 'Re: Offsite venue',
      date: new Date(base + 4 * hour),
      inReplyTo: '<offsite-1@example.test>',
      references: ['<offsite-1@example.test>'],
      text: 'Great, I will book the bus.',
    }),
  ];
  for (const raw of mails) await dovecot.deliver(raw);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-convert-after-'));
  core = await openTestCore(profile);
  mailId = (
    await core.handlers['accounts.addImap'](
      dovecotAccount(dovecot, {
        smtp: { host: smtp.host, port: smtp.port, tls: 'none', from: 'Alice <alice@example.test>' },
      }),
    )
  ).id;
  await core.handlers['sync.now']({ accountId: mailId });
  rseId = (
    await core.handlers['accounts.addRse']({
      kind: 'wordpress',
      name: 'Intranet',
      url: wp.url,
      user: 'admin',
      secret: wp.appPassword,
    })
  ).id;
  await core.handlers['rse.follow']({ accountId: rseId, spaceId: 'Finance' });
  await core.handlers['rse.follow']({ accountId: rseId, spaceId: 'Dev' });
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await smtp?.stop();
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('after and around a conversion', () => {
  it('sends two threads of one mailing list, from different senders, to the list’s space', async () => {
    const options = await core.handlers['convert.options']({});
    expect(options).toEqual({ follow: 'on', replyAll: false, archive: false });
    const first = await convert(await threadIdOf('<list-a@example.test>'), {
      destination: { accountId: rseId, spaceId: 'Dev' },
    });
    expect(first).toMatchObject({ state: 'posted', spaceName: 'Dev' });
    // Finance is now the last used: only the list can explain Dev below.
    const offsite = await convert(await threadIdOf('<offsite-1@example.test>'), {
      destination: { accountId: rseId, spaceId: 'Finance' },
      replyAll: true,
      archive: true,
    });
    expect(offsite).toMatchObject({ state: 'posted', spaceName: 'Finance' });

    // Carol never wrote to us before; her list thread goes where the list's went.
    const carol = await threadIdOf('<list-b@example.test>');
    expect((await preview(carol)).destination).toMatchObject({ spaceName: 'Dev', reason: 'list' });
    const second = await convert(carol);
    expect(second).toMatchObject({ state: 'posted', spaceName: 'Dev' });
    const dev = await wp.rest<{ title: { raw: string } }[]>(
      'GET',
      `/wp/v2/posts?categories=${devId}&context=edit`,
    );
    expect(dev.map((p) => p.title.raw).sort()).toEqual(['Flaky tests', 'Release train']);
    // Bob's direct mail is not list mail: the list taught nothing about Bob.
    const direct = await preview(await threadIdOf('<direct@example.test>'));
    expect(direct.destination).toMatchObject({ spaceName: 'Dev', reason: 'last-used' });
  }, 120_000);

  it('tells the participants where the conversation continues, over SMTP, and archives the thread', async () => {
    const [offsite] = await core.handlers['convert.list']({
      threadId: await threadIdOf('<offsite-1@example.test>'),
    });
    expect(offsite!.permalink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//u);
    const notices = smtp.received.filter((m) => m.raw.includes('This conversation continues at'));
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.to.sort()).toEqual(['dan@example.test', 'erin@example.test']);
    const text = notice.raw.replace(/=\r\n/gu, ''); // quoted-printable soft line breaks
    expect(text).toContain(`This conversation continues at ${offsite!.permalink}`);
    expect(notice.raw).toMatch(/^Subject: Re: Offsite venue$/mu);
    expect(notice.raw).toMatch(/^In-Reply-To: <offsite-2@example\.test>$/mu);
    // Archived on the server, both messages.
    await waitUntil(
      async () => (await serverUids('Archive', '<offsite-2@example.test>')).length === 1,
      30_000,
      'the thread in Archive',
    );
    expect(await serverUids('Archive', '<offsite-1@example.test>')).toHaveLength(1);
    expect(await serverUids('INBOX', '<offsite-1@example.test>')).toEqual([]);
    // The notice came back (delivered to alice): it is not "new" for follow mode.
    await core.handlers['sync.now']({ accountId: mailId });
    await settle();
    const after = (await core.handlers['convert.get']({ conversionId: offsite!.id }))!;
    expect(after.newMessageIds).toEqual([]);
    expect(await comments(after.postRemoteId!)).toEqual([]);
    // Without the options, no mail is sent: the other conversions sent none.
    expect(smtp.received).toHaveLength(1);
  }, 120_000);

  it('offers a later email instead of adding it when follow mode is "offered"', async () => {
    await core.handlers['convert.setOptions']({ follow: 'offered' });
    const threadId = await threadIdOf('<list-a@example.test>');
    const [conversion] = await core.handlers['convert.list']({ threadId });
    await dovecot.deliver(
      withHeaders(
        buildMessage({
          messageId: '<list-a-2@example.test>',
          from: 'Frank <frank@example.test>',
          to: 'Dev team <dev@lists.example.test>',
          subject: 'Re: [dev] Release train',
          inReplyTo: '<list-a@example.test>',
          references: ['<list-a@example.test>'],
          text: 'Can we add the hotfix to it?',
        }),
        LIST,
      ),
    );
    await core.handlers['sync.now']({ accountId: mailId });
    await settle();
    const offered = (await core.handlers['convert.get']({ conversionId: conversion!.id }))!;
    expect(offered.newMessageIds).toEqual(['<list-a-2@example.test>']);
    expect(await comments(offered.postRemoteId!)).toEqual([]);

    const following = await core.handlers['convert.follow']({ conversionId: conversion!.id });
    expect(following.newMessageIds).toEqual([]);
    await settle();
    const added = await comments(offered.postRemoteId!);
    expect(added).toHaveLength(1);
    expect(added[0]!.content.raw).toContain('Can we add the hotfix to it?');
    const done = (await core.handlers['convert.get']({ conversionId: conversion!.id }))!;
    expect(done.messageIds).toContain('<list-a-2@example.test>');
    expect(done.replyRemoteIds).toEqual([String(added[0]!.id)]);
    await expect(core.handlers['convert.follow']({ conversionId: conversion!.id })).rejects.toThrow(
      /No new email/u,
    );
    await core.handlers['convert.setOptions']({ follow: 'on' });
  }, 120_000);
});
