// Sending through the outbox: a real SMTP server (smtp-server) that delivers into the test
// Dovecot. A reply carries the right threading headers and joins its thread, a copy lands
// in Sent, and an SMTP failure keeps the message in the outbox until a retry delivers it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type { SendParams, TaskInfo } from '../../shared/requests/mail-actions';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { dovecotAccount, openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let profile: string;
let core: Core;
let accountId: string;

async function settled(task: TaskInfo, timeoutMs = 20_000): Promise<TaskInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = (await core.handlers['tasks.list']({})).find((t) => t.id === task.id)!;
    if (!['pending', 'running'].includes(now.state) || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sentCount(messageId: string): Promise<number> {
  const client = await dovecot.client();
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      return ((await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [])
        .length;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Through dispatch, as a client calls it: params are validated and defaulted at the edge. */
async function send(params: SendParams): Promise<TaskInfo> {
  const outcome = await core.dispatch('mail.send', params);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as TaskInfo;
}

const headerOf = (raw: string, name: string) =>
  new RegExp(`^${name}: ?(.*(?:\\r\\n[ \\t].*)*)`, 'mi')
    .exec(raw)?.[1]
    ?.replace(/\r\n[ \t]+/g, ' ');

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp(dovecot);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-send-'));
  core = await openTestCore(profile);
  const account = await core.handlers['accounts.addImap'](
    dovecotAccount(dovecot, {
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', from: 'Alice <alice@example.test>' },
    }),
  );
  accountId = account.id;
});

afterAll(async () => {
  await core?.dispose();
  await smtp?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('sending through the outbox', () => {
  it('a reply arrives with In-Reply-To and References, joins its thread, and is filed in Sent', async () => {
    await dovecot.deliver(buildMessage({ messageId: '<root@x>', subject: 'Budget' }));
    await dovecot.deliver(
      buildMessage({
        messageId: '<second@x>',
        subject: 'Re: Budget',
        inReplyTo: '<root@x>',
        references: ['<root@x>'],
      }),
    );
    await core.handlers['sync.now']({ accountId });
    const thread = (await core.handlers['threads.list']({})).find((t) =>
      t.subject.includes('Budget'),
    )!;
    const second = thread.messages.find((m) => m.messageId === '<second@x>')!;
    const draft = await core.handlers['mail.replyDraft']({
      messageId: second.id,
      mode: 'replyAll',
    });
    expect(draft).toMatchObject({
      subject: 'Re: Budget',
      inReplyTo: '<second@x>',
      references: ['<root@x>', '<second@x>'],
    });

    const task = await send({
      accountId,
      to: ['Alice <alice@example.test>'],
      subject: draft.subject,
      text: `Agreed.${draft.text}`,
      inReplyTo: '<second@x>',
    });
    expect((await settled(task)).state).toBe('done');
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!.raw;
    expect(headerOf(raw, 'In-Reply-To')).toBe('<second@x>');
    expect(headerOf(raw, 'References')).toBe('<root@x> <second@x>');
    expect(smtp.received[0]!.from).toBe('alice@example.test');
    const messageId = headerOf(raw, 'Message-ID')!;
    expect(await sentCount(messageId)).toBe(1);

    await core.handlers['sync.now']({ accountId });
    const joined = (await core.handlers['threads.list']({})).find((t) => t.id === thread.id)!;
    expect(joined.messages.map((m) => m.messageId)).toContain(messageId);
  });

  it('an SMTP refusal keeps the message in the outbox with the reason, and a retry delivers it once', async () => {
    smtp.refuse({ code: 550, message: 'Mailbox unavailable' });
    const task = await send({
      accountId,
      to: ['alice@example.test'],
      subject: 'Refused first',
      text: 'Hello',
    });
    const failed = await settled(task);
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/550|Mailbox unavailable/);
    expect((await core.handlers['tasks.list']({ states: ['failed'] })).map((t) => t.id)).toContain(
      task.id,
    );

    smtp.refuse(null);
    const before = smtp.received.length;
    await core.handlers['tasks.retry']({ taskId: task.id });
    expect((await settled(task)).state).toBe('done');
    expect(smtp.received.length - before).toBe(1);
    expect(headerOf(smtp.received.at(-1)!.raw, 'Subject')).toBe('Refused first');
  });

  it('a temporary SMTP failure is retried with backoff until it goes through', async () => {
    smtp.refuse({ code: 451, message: 'Try again later' });
    const task = await send({
      accountId,
      to: ['alice@example.test'],
      subject: 'Temporary',
      text: 'Hi',
    });
    const deadline = Date.now() + 10_000;
    let seen: TaskInfo | undefined;
    while (Date.now() < deadline) {
      seen = (await core.handlers['tasks.list']({})).find((t) => t.id === task.id);
      if (seen?.lastError) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toMatchObject({ state: 'pending', attempts: 1 });
    expect(seen!.lastError).toMatch(/451|Try again/);
    smtp.refuse(null);
    expect((await settled(task)).state).toBe('done');
    expect(smtp.received.filter((m) => headerOf(m.raw, 'Subject') === 'Temporary')).toHaveLength(1);
  });

  it('undo send cancels a delayed message before it leaves', async () => {
    const before = smtp.received.length;
    const task = await send({
      accountId,
      to: ['alice@example.test'],
      subject: 'Oops',
      text: 'x',
      delayMs: 5_000,
    });
    expect((await core.handlers['tasks.undo']({ taskId: task.id })).state).toBe('undone');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before);
  });

  it('sends from the name of the account’s identity, comma and accent kept, to the same address', async () => {
    const named = await core.dispatch('accounts.setIdentity', {
      id: accountId,
      name: 'Lovelace, Adà',
      signature: '',
    });
    expect(named.ok).toBe(true);
    const task = await send({ accountId, to: ['bob@example.test'], subject: 'Named', text: 'x' });
    expect((await settled(task)).state).toBe('done');
    const mail = smtp.received.find((m) => headerOf(m.raw, 'Subject') === 'Named')!;
    const { from } = await PostalMime.parse(mail.raw);
    expect(from).toEqual({ name: 'Lovelace, Adà', address: 'alice@example.test' });
    expect(mail.from).toBe('alice@example.test');
    // A name on two lines would be a second header line: refused at the edge.
    const injected = await core.dispatch('accounts.setIdentity', {
      id: accountId,
      name: 'Ada\r\nBcc: eve@example.test',
      signature: '',
    });
    expect(injected).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    await core.handlers['accounts.setIdentity']({ id: accountId, name: '', signature: '' });
  });
});
