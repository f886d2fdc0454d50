// Calendar invitations against a real Dovecot and SMTP server: Google Calendar's invitation
// from the MIME corpus is stored with its calendar part marked, attachments.invite reads
// it over IMAP into what the reading pane shows, and attachments.answerInvite sends the
// organiser an iTIP REPLY through the outbox; another kind of file is no invitation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInvite } from '../../electron/core/mail/calendar-invite';
import type { Core } from '../../electron/core/core-types';
import type { MessageDetail } from '../../shared/domain';
import { CORPUS_INVITATION } from '../harness/corpora';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { dovecotAccount, openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let profile: string;
let core: Core;

const withFile =
  'From: Carol <carol@example.test>\r\nTo: alice@example.test\r\nSubject: Minutes\r\n' +
  'Message-ID: <minutes@example.test>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n' +
  'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n' +
  '--m\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n' +
  '--m\r\nContent-Type: text/plain; name="minutes.txt"\r\n' +
  'Content-Disposition: attachment; filename="minutes.txt"\r\n\r\nBEGIN:VCALENDAR (not one)\r\n--m--\r\n';

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.deliver(readFileSync(CORPUS_INVITATION.file));
  await dovecot.deliver(withFile);
  smtp = await startSmtp(dovecot);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-invite-'));
  core = await openTestCore(profile);
  const account = await core.handlers['accounts.addImap'](
    dovecotAccount(dovecot, {
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', from: 'alice@example.test' },
    }),
  );
  await core.handlers['accounts.setIdentity']({ id: account.id, name: 'Alice', signature: '' });
  await core.handlers['sync.now']({ accountId: account.id });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await smtp?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function message(subject: RegExp): Promise<MessageDetail> {
  const thread = (await core.handlers['threads.list']({})).find((t) => subject.test(t.subject))!;
  return (await core.handlers['threads.get']({ threadId: thread.id }))!.messages[0]!;
}

describe('attachments.invite', () => {
  it('reads the invitation of a calendar part, fetched over IMAP', async () => {
    const invitation = await message(/^Invitation: Test event/);
    const part = invitation.attachments!.find((a) => a.calendarMethod !== null)!;
    expect(part).toMatchObject({ contentType: 'text/calendar', calendarMethod: 'REQUEST' });
    expect(
      await core.handlers['attachments.invite']({
        messageId: invitation.id,
        attachmentId: part.id!,
      }),
    ).toEqual(CORPUS_INVITATION.read);
  });

  it('is null for a file that is not a calendar, whatever it contains', async () => {
    const minutes = await message(/^Minutes$/);
    const file = minutes.attachments!.find((a) => a.filename === 'minutes.txt')!;
    expect(file.calendarMethod).toBe(null);
    expect(
      await core.handlers['attachments.invite']({ messageId: minutes.id, attachmentId: file.id! }),
    ).toBe(null);
  });

  it('answers the organiser with an iTIP REPLY, and refuses to answer a plain file', async () => {
    const invitation = await message(/^Invitation: Test event/);
    const part = invitation.attachments!.find((a) => a.calendarMethod !== null)!;
    const task = await core.handlers['attachments.answerInvite']({
      messageId: invitation.id,
      attachmentId: part.id!,
      answer: 'TENTATIVE',
    });
    expect(task.kind).toBe('send');
    const sent = await PostalMime.parse((await smtp.mailTo('andris@postalsys.com')).raw);
    expect(sent.subject).toBe('Tentatively accepted: Test event ⏰');
    expect(sent.text?.trim()).toBe('Alice has tentatively accepted this invitation.');
    expect(sent.from).toEqual({ name: 'Alice', address: 'alice@example.test' });
    const ics = sent.attachments.find((a) => a.mimeType === 'text/calendar')!;
    expect(ics.method).toBe('REPLY');
    const content =
      typeof ics.content === 'string' ? ics.content : new TextDecoder().decode(ics.content);
    expect(readInvite(content)).toMatchObject({
      method: 'REPLY',
      reply: { from: { name: 'Alice', address: 'alice@example.test' }, answer: 'TENTATIVE' },
    });

    const minutes = await message(/^Minutes$/);
    const file = minutes.attachments!.find((a) => a.filename === 'minutes.txt')!;
    const refused = await core.dispatch('attachments.answerInvite', {
      messageId: minutes.id,
      attachmentId: file.id,
      answer: 'ACCEPTED',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });
});
