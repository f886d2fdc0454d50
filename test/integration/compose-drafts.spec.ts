// The composer's core against a real Dovecot and SMTP server: a draft is saved locally
// and its one copy in Drafts follows every save; a sent draft carries its attachment,
// leaves Drafts, and an undone send gives the draft back; addresses are suggested from
// synced mail; sending later waits for its time; a send and the Drafts-folder updates
// of its draft run in order (no stale copy, no copy lost during the undo window).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type { RequestName, ParamsOf, ResultOf } from '../../shared/contract';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { dovecotAccount, openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let profile: string;
let core: Core;
let accountId: string;

async function call<N extends RequestName>(name: N, params: ParamsOf<N>): Promise<ResultOf<N>> {
  const outcome = await core.dispatch(name, params);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as ResultOf<N>;
}

/** Subjects of the copies in Drafts, with their \Draft flag. */
async function draftsFolder(server = dovecot): Promise<{ subject: string; draft: boolean }[]> {
  const client = await server.client();
  try {
    const list = await client.list();
    if (!list.some((f) => f.path === 'Drafts')) return [];
    const lock = await client.getMailboxLock('Drafts');
    try {
      const out: { subject: string; draft: boolean }[] = [];
      for await (const m of client.fetch('1:*', { envelope: true, flags: true })) {
        out.push({ subject: m.envelope?.subject ?? '', draft: m.flags?.has('\\Draft') ?? false });
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Waits until only sends scheduled for later are left; fails if that never happens. */
const settledTasks = async () => {
  await expect
    .poll(
      async () => {
        const open = await call('tasks.list', { states: ['pending', 'running'] });
        return open.every((t) => t.kind === 'send' && t.state === 'pending');
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(true);
};

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtp(dovecot);
  profile = mkdtempSync(join(tmpdir(), 'passerelle-compose-'));
  core = await openTestCore(profile);
  const account = await core.handlers['accounts.addImap'](
    dovecotAccount(dovecot, {
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', from: 'Alice <alice@example.test>' },
    }),
  );
  accountId = account.id;
}, 60_000);

afterAll(async () => {
  await core?.dispose();
  await smtp?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('drafts and sending from the composer', () => {
  it('keeps one up-to-date copy in Drafts, sends with the attachment, and undo gives the draft back', async () => {
    const first = await call('drafts.save', { accountId, to: ['bob@example.test'], subject: 'v1' });
    await call('drafts.save', { id: first.id, accountId, to: ['bob@example.test'], subject: 'v2' });
    await call('drafts.addAttachment', {
      draftId: first.id,
      filename: 'notes.txt',
      contentType: 'text/plain',
      dataBase64: Buffer.from('hello attachment').toString('base64'),
    });
    await settledTasks();
    expect(await draftsFolder()).toEqual([{ subject: 'v2', draft: true }]);
    await call('drafts.save', { id: first.id, accountId, to: ['bob@example.test'], subject: 'v3' });
    await settledTasks();
    expect(await draftsFolder()).toEqual([{ subject: 'v3', draft: true }]);

    // Undo within the delay: nothing leaves, the draft is listed again.
    const held = await call('drafts.send', { id: first.id, delayMs: 60_000 });
    expect(held.draftId).toBe(first.id); // what the outbox gives back on cancel
    expect((await call('drafts.list', {})).map((d) => d.id)).not.toContain(first.id);
    await call('tasks.undo', { taskId: held.id });
    expect((await call('drafts.list', {})).map((d) => d.id)).toContain(first.id);
    expect(smtp.received).toHaveLength(0);

    const task = await call('drafts.send', { id: first.id });
    await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(1);
    expect(smtp.received[0]!.raw).toContain('filename=notes.txt');
    expect(smtp.received[0]!.raw).toContain(Buffer.from('hello attachment').toString('base64'));
    expect(task.kind).toBe('send');
    await settledTasks();
    expect(await draftsFolder()).toEqual([]);
    expect((await call('drafts.list', {})).map((d) => d.id)).not.toContain(first.id);
  }, 50_000);

  it('orders a send with the Drafts-folder updates of its draft: undo keeps the copy, a sent draft leaves no stale one', async () => {
    const before = smtp.received.length;
    const draft = await call('drafts.save', {
      accountId,
      to: ['erin@example.test'],
      subject: 'race v1',
    });
    // Sent before the debounced upload of v1 ran: the upload runs first and the copy stays
    // while the message waits in its undo window (it used to be removed at once).
    const held = await call('drafts.send', { id: draft.id, delayMs: 4_000 });
    await expect
      .poll(() => draftsFolder(), { timeout: 10_000 })
      .toEqual([{ subject: 'race v1', draft: true }]);
    await call('tasks.undo', { taskId: held.id });
    // The update queued with the send now sees the send undone: the copy is kept.
    await settledTasks();
    expect(await draftsFolder()).toEqual([{ subject: 'race v1', draft: true }]);
    expect(smtp.received.length).toBe(before);

    // Edit and send at once: the save of v2 to Drafts and the send race no more; once
    // the message has left, no copy of either version is left behind.
    await call('drafts.save', {
      id: draft.id,
      accountId,
      to: ['erin@example.test'],
      subject: 'race v2',
    });
    await call('drafts.send', { id: draft.id });
    await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(before + 1);
    expect(smtp.received.at(-1)!.raw).toContain('Subject: race v2');
    // A late save (a debounce firing after the send) cannot bring the sent draft back.
    const late = await core.dispatch('drafts.save', {
      id: draft.id,
      accountId,
      to: ['erin@example.test'],
      subject: 'race v2, late keystroke',
    });
    expect(late.ok).toBe(false);
    await settledTasks();
    expect(await draftsFolder()).toEqual([]);
    expect((await call('drafts.list', {})).map((d) => d.id)).not.toContain(draft.id);
  }, 50_000);

  it('refuses an attachment past the size cap with a clear message', async () => {
    const draft = await call('drafts.save', { accountId, subject: 'big' });
    const outcome = await core.dispatch('drafts.addAttachment', {
      draftId: draft.id,
      filename: 'huge.bin',
      dataBase64: Buffer.alloc(26 * 1024 * 1024).toString('base64'),
    });
    expect(outcome.ok).toBe(false);
    await call('drafts.remove', { id: draft.id });
  });

  it('suggests addresses from synced mail, most frequent first', async () => {
    for (const subject of ['a', 'b']) {
      await dovecot.deliver(
        buildMessage({ from: 'Carol Lee <carol@example.test>', subject, to: 'alice@example.test' }),
      );
    }
    await dovecot.deliver(buildMessage({ from: 'Carl Jung <carl@example.test>', subject: 'c' }));
    await core.handlers['sync.now']({ accountId });
    const byPrefix = await call('contacts.suggest', { prefix: 'car' });
    expect(byPrefix.map((s) => s.address).slice(0, 2)).toEqual([
      'carol@example.test',
      'carl@example.test',
    ]);
    const byName = await call('contacts.suggest', { prefix: 'lee' });
    expect(byName[0]).toMatchObject({ address: 'carol@example.test', name: 'Carol Lee' });
  });

  it('sends later at the chosen time, not before', async () => {
    const before = smtp.received.length;
    const draft = await call('drafts.save', {
      accountId,
      to: ['dan@example.test'],
      subject: 'later',
    });
    // A time already past would send at once, with no undo: refused.
    const past = await core.dispatch('drafts.send', {
      id: draft.id,
      sendAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.ok ? null : past.error.message).toBe('That time has passed: choose a later one.');
    await call('drafts.send', { id: draft.id, sendAt: new Date(Date.now() + 3_000).toISOString() });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.received.length).toBe(before);
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(before + 1);
  });

  it('gives back, to edit, a message the SMTP server refused', async () => {
    const before = smtp.received.length;
    smtp.refuse({ code: 550, message: 'No such user here' });
    try {
      const draft = await call('drafts.save', {
        accountId,
        to: ['nobody@example.test'],
        subject: 'typo in the address',
      });
      const task = await call('drafts.send', { id: draft.id, delayMs: 0 });
      await expect
        .poll(async () => (await call('tasks.list', { states: ['failed'] })).map((t) => t.id), {
          timeout: 15_000,
        })
        .toContain(task.id);
      const failed = (await call('tasks.list', { states: ['failed'] })).find(
        (t) => t.id === task.id,
      )!;
      expect(failed).toMatchObject({ undoable: true, draftId: draft.id });
      expect((await call('drafts.list', {})).map((d) => d.id)).not.toContain(draft.id);
      // Cancelled, the message is a draft again: fixed and sent, it leaves once.
      await call('tasks.undo', { taskId: task.id });
      expect((await call('drafts.list', {})).map((d) => d.id)).toContain(draft.id);
      smtp.refuse(null);
      await call('drafts.save', {
        id: draft.id,
        accountId,
        to: ['bob@example.test'],
        subject: 'typo in the address',
      });
      await call('drafts.send', { id: draft.id, delayMs: 0 });
      await expect.poll(() => smtp.received.length, { timeout: 15_000 }).toBe(before + 1);
      expect(smtp.received.at(-1)!.to).toEqual(['bob@example.test']);
      await settledTasks();
    } finally {
      smtp.refuse(null);
    }
  }, 50_000);

  it('moves the Drafts copy to the account the user now sends from', async () => {
    const home = await startDovecot();
    try {
      const homeAccount = await core.handlers['accounts.addImap'](
        dovecotAccount(home, { name: 'Home' }),
      );
      const fields = { to: ['fay@example.test'], subject: 'which account?' };
      const draft = await call('drafts.save', { accountId, ...fields });
      await settledTasks();
      expect(await draftsFolder()).toEqual([{ subject: 'which account?', draft: true }]);

      // The user picks another From: the copy leaves Work's Drafts for Home's.
      await call('drafts.save', { id: draft.id, accountId: homeAccount.id, ...fields });
      await settledTasks();
      expect(await draftsFolder()).toEqual([]);
      expect(await draftsFolder(home)).toEqual([{ subject: 'which account?', draft: true }]);
      expect((await call('drafts.list', { accountId: homeAccount.id })).map((d) => d.id)).toEqual([
        draft.id,
      ]);
      await call('drafts.remove', { id: draft.id });
      await settledTasks();
      expect(await draftsFolder(home)).toEqual([]);
      await call('accounts.remove', { id: homeAccount.id });
    } finally {
      await home.stop();
    }
  }, 50_000);
});
