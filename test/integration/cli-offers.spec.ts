// `passerelle unsubscribe` and `passerelle invite` as a user runs them: a real child process
// per command, a throwaway profile, a real Dovecot and SMTP server. A newsletter's mailto:
// request and an invitation's answer leave through SMTP; the exit codes say what happened.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../shared/domain';
import { imapAccountArgs, runCli, smtpAccountArgs } from '../harness/app-server';
import { CORPUS_INVITATION } from '../harness/corpora';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let profile: string;

const cli = (args: string[]) => runCli(profile, args, { env: { PW: dovecot.password } });

/** The timeline item id of the thread with that subject. */
async function item(subject: RegExp): Promise<string> {
  const listed = await cli(['timeline', '--json']);
  return (JSON.parse(listed.stdout) as TimelineItem[]).find((i) => subject.test(i.subject))!.id;
}

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp(dovecot);
  await dovecot.deliver(
    buildMessage({
      subject: 'Daily digest',
      headers: ['List-Unsubscribe: <mailto:leave@digest.example?subject=Remove%20me>'],
    }),
  );
  await dovecot.deliver(buildMessage({ subject: 'A note from Bob' }));
  await dovecot.deliver(readFileSync(CORPUS_INVITATION.file));
  profile = mkdtempSync(join(tmpdir(), 'passerelle-cli-offers-'));
  const added = await cli([...imapAccountArgs('Work', dovecot, 'PW'), ...smtpAccountArgs(smtp)]);
  expect(added.code, added.stderr).toBe(0);
  const synced = await cli(['sync', '--once']);
  expect(synced.code, synced.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('passerelle unsubscribe', () => {
  it('sends the request a newsletter asks for, and refuses mail that offers none', async () => {
    const done = await cli(['unsubscribe', await item(/^Daily digest$/)]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/\tdone\t/);
    const sent = smtp.received.filter((m) => m.to.includes('leave@digest.example'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.raw).toMatch(/^Subject: Remove me\r$/m);

    const none = await cli(['unsubscribe', await item(/^A note from Bob$/)]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('offers no way to unsubscribe');
  });
});

describe('passerelle invite', () => {
  it('shows the invitation, answers it, and says when there is none', async () => {
    const invitation = await item(/^Invitation: Test event/);
    const shown = await cli(['invite', invitation, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(CORPUS_INVITATION.read);
    const plain = await cli(['invite', invitation]);
    expect(plain.stdout).toContain('Test event ⏰\nWhen: ');
    expect(plain.stdout).toContain('Organizer: andris@postalsys.com');

    const answered = await cli(['invite', invitation, '--answer', 'no']);
    expect(answered.code, answered.stderr).toBe(0);
    const reply = smtp.received.find((m) => m.to.includes('andris@postalsys.com'))!;
    const parsed = await PostalMime.parse(reply.raw);
    expect(parsed.subject).toBe('Declined: Test event ⏰');
    expect(parsed.attachments.find((a) => a.mimeType === 'text/calendar')?.method).toBe('REPLY');

    const wrong = await cli(['invite', invitation, '--answer', 'perhaps']);
    expect(wrong.code).toBe(2);
    const none = await cli(['invite', await item(/^A note from Bob$/)]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('holds no calendar invitation');
  });
});
