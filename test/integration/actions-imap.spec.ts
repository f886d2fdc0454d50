// Two-way actions through the outbox against a real Dovecot: the local effect is visible
// at once, the server state is checked with a separate imapflow client, a refusal rolls
// back and is reported, and the remote MOVE step is safe to replay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { moveMessages } from '../../electron/core/mail/actions/move-messages';
import type { TaskInfo } from '../../shared/requests/mail-actions';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { dovecotAccount, openTestCore } from '../harness/test-core';

let dovecot: DovecotServer;
let profile: string;
let core: Core;
let accountId: string;
const failedEvents: TaskInfo[] = [];

async function settled(task: TaskInfo): Promise<TaskInfo> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = (await core.handlers['tasks.list']({})).find((t) => t.id === task.id)!;
    if (!['pending', 'running'].includes(now.state) || Date.now() > deadline) return now;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function threadOf(messageId: string) {
  const threads = await core.handlers['threads.list']({});
  return threads.find((t) => t.messages.some((m) => m.messageId === messageId))!;
}

/** UIDs of the message with this Message-ID in a folder, asked of the server. */
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

async function deliverAndSync(messageId: string, subject: string): Promise<void> {
  await dovecot.deliver(buildMessage({ messageId, subject }));
  await core.handlers['sync.now']({ accountId });
}

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-actions-'));
  core = await openTestCore(profile);
  core.on('tasks.failed', (task) => failedEvents.push(task));
  const account = await core.handlers['accounts.addImap'](dovecotAccount(dovecot));
  accountId = account.id;
});

afterAll(async () => {
  await core?.dispose();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('mail actions through the outbox', () => {
  it('read, unread, flag and unflag are local at once and reach the server', async () => {
    await deliverAndSync('<flags@x>', 'Flags');
    const thread = await threadOf('<flags@x>');
    const uid = thread.messages[0]!.uid;
    const [read] = await core.handlers['threads.act']({
      action: 'read',
      threadIds: [`mail-thread:${thread.id}`],
    });
    expect((await threadOf('<flags@x>')).messages[0]!.unread).toBe(false); // before the server answered
    expect((await settled(read!)).state).toBe('done');
    expect(await dovecot.fetchFlags(uid)).toContain('\\Seen');

    const [flag] = await core.handlers['threads.act']({ action: 'flag', threadIds: [thread.id] });
    await settled(flag!);
    expect(await dovecot.fetchFlags(uid)).toEqual(['\\Flagged', '\\Seen']);

    const [unflag] = await core.handlers['messages.act']({
      action: 'unflag',
      messageIds: [thread.messages[0]!.id],
    });
    const [unread] = await core.handlers['messages.act']({
      action: 'unread',
      messageIds: [thread.messages[0]!.id],
    });
    await settled(unflag!);
    await settled(unread!);
    expect(await dovecot.fetchFlags(uid)).toEqual([]);
    expect((await threadOf('<flags@x>')).messages[0]).toMatchObject({
      unread: true,
      flagged: false,
    });
  });

  it('threads.markRead keeps its contract and goes through the outbox', async () => {
    await deliverAndSync('<markread@x>', 'Mark read');
    const thread = await threadOf('<markread@x>');
    expect(await core.handlers['threads.markRead']({ threadId: thread.id, read: true })).toBeNull();
    const [task] = await core.handlers['tasks.list']({});
    expect(task!.description).toMatch(/Mark read/);
    await settled(task!);
    expect(await dovecot.fetchFlags(thread.messages[0]!.uid)).toContain('\\Seen');
  });

  for (const [action, folder] of [
    ['archive', 'Archive'],
    ['trash', 'Trash'],
    ['junk', 'Junk'],
  ] as const) {
    it(`${action} moves the message to ${folder} on the server and locally`, async () => {
      const id = `<${action}@x>`;
      await deliverAndSync(id, action);
      const before = await threadOf(id);
      const [task] = await core.handlers['threads.act']({ action, threadIds: [before.id] });
      expect((await threadOf(id)).messages[0]!.mailbox).toBe(folder);
      expect((await settled(task!)).state).toBe('done');
      expect(await serverUids('INBOX', id)).toEqual([]);
      const uids = await serverUids(folder, id);
      expect(uids).toHaveLength(1);
      expect((await threadOf(id)).messages[0]).toMatchObject({ mailbox: folder, uid: uids[0] });
    });
  }

  it('junk leaves what the user sent; not junk brings back only what was in Junk', async () => {
    await dovecot.importMessages(
      [buildMessage({ messageId: '<spam-reply@x>', inReplyTo: '<spam@x>', subject: 'Re: Win' })],
      'Sent',
    );
    await deliverAndSync('<spam@x>', 'Win');
    const thread = await threadOf('<spam@x>');
    expect(thread.messages.map((m) => m.mailbox).sort()).toEqual(['INBOX', 'Sent']);

    const [junk] = await core.handlers['threads.act']({ action: 'junk', threadIds: [thread.id] });
    expect((await settled(junk!)).state).toBe('done');
    expect(await serverUids('Junk', '<spam@x>')).toHaveLength(1);
    expect(await serverUids('Sent', '<spam-reply@x>')).toHaveLength(1);
    expect(await serverUids('Junk', '<spam-reply@x>')).toEqual([]);

    const [back] = await core.handlers['threads.act']({
      action: 'notjunk',
      threadIds: [thread.id],
    });
    expect(back!.description).toMatch(/Not junk/);
    expect((await settled(back!)).state).toBe('done');
    expect(await serverUids('Junk', '<spam@x>')).toEqual([]);
    expect(await serverUids('INBOX', '<spam@x>')).toHaveLength(1);
    expect(await serverUids('Sent', '<spam-reply@x>')).toHaveLength(1);
    const after = await threadOf('<spam@x>');
    expect(after.messages.map((m) => m.mailbox).sort()).toEqual(['INBOX', 'Sent']);
  });

  it('deletes forever from Trash only, after the server expunged', async () => {
    await deliverAndSync('<gone@x>', 'Delete me');
    const thread = await threadOf('<gone@x>');
    // Not in Trash or Junk yet: nothing to delete for good.
    expect(
      await core.handlers['threads.act']({ action: 'delete', threadIds: [thread.id] }),
    ).toEqual([]);
    const [trash] = await core.handlers['threads.act']({ action: 'trash', threadIds: [thread.id] });
    expect((await settled(trash!)).state).toBe('done');

    const [del] = await core.handlers['threads.act']({ action: 'delete', threadIds: [thread.id] });
    expect(del).toMatchObject({ kind: 'expunge', description: 'Delete forever (1 message)' });
    expect((await settled(del!)).state).toBe('done');
    expect(await serverUids('Trash', '<gone@x>')).toEqual([]);
    expect(await serverUids('INBOX', '<gone@x>')).toEqual([]);
    expect(await threadOf('<gone@x>')).toBeUndefined();
  });

  it('refuses to delete forever when the folder was reset on the server since the sync', async () => {
    await deliverAndSync('<kept@x>', 'Keep me');
    const [trash] = await core.handlers['threads.act']({
      action: 'trash',
      threadIds: [(await threadOf('<kept@x>')).id],
    });
    await settled(trash!);
    // Trash synced, so its UIDVALIDITY is known; then the server resets the folder.
    const choices = await core.handlers['folders.setSync']({
      accountId,
      path: 'Trash',
      sync: true,
    });
    expect(choices.folders.find((f) => f.path === 'Trash')).toMatchObject({ syncEnabled: true });
    await core.handlers['sync.now']({ accountId });
    await dovecot.doveadm('mailbox', 'update', '-u', 'alice', '--uid-validity', '4242', 'Trash');
    const [del] = await core.handlers['threads.act']({
      action: 'delete',
      threadIds: [(await threadOf('<kept@x>')).id],
    });
    const result = await settled(del!);
    expect(result.state).toBe('failed');
    expect(result.lastError).toMatch(/reset on the server/);
    expect(await serverUids('Trash', '<kept@x>')).toHaveLength(1);
    expect((await threadOf('<kept@x>')).messages[0]!.mailbox).toBe('Trash');
  });

  it('empties Trash on the server, mail never synced here included; only Trash and Junk', async () => {
    await deliverAndSync('<bin1@x>', 'Bin one');
    const [trash] = await core.handlers['threads.act']({
      action: 'trash',
      threadIds: [(await threadOf('<bin1@x>')).id],
    });
    await settled(trash!);
    await dovecot.deliver(buildMessage({ messageId: '<bin2@x>' }), 'Trash');
    await expect(core.handlers['folders.empty']({ accountId, path: 'INBOX' })).rejects.toThrow(
      /Only Trash and Junk/,
    );

    const [empty] = await core.handlers['folders.empty']({ accountId, path: 'Trash' });
    expect(empty).toMatchObject({ kind: 'empty', description: 'Empty Trash' });
    expect((await settled(empty!)).state).toBe('done');
    const client = await dovecot.client();
    const status = await client.status('Trash', { messages: true });
    await client.logout();
    expect(status && status.messages).toBe(0);
    expect(await threadOf('<bin1@x>')).toBeUndefined();
  });

  it("marks a folder's unread mail read, on the server too, and undo brings it back", async () => {
    const uids = [];
    for (const n of [1, 2, 3]) {
      uids.push((await dovecot.deliver(buildMessage({ messageId: `<all${n}@x>` })))!);
    }
    await core.handlers['sync.now']({ accountId });
    const [account] = (await core.handlers['triage.sidebar']({})).filter(
      (a) => a.accountId === accountId,
    );
    const inbox = account!.folders.find((f) => f.path === 'INBOX')!;
    expect(inbox.unread).toBeGreaterThanOrEqual(3);

    const tasks = await core.handlers['timeline.markAllRead']({ accountId, mailboxId: inbox.id });
    expect(tasks.map((t) => t.kind)).toEqual(['flags']);
    expect((await settled(tasks[0]!)).state).toBe('done');
    for (const uid of uids) expect(await dovecot.fetchFlags(uid)).toContain('\\Seen');
    const after = (await core.handlers['triage.sidebar']({})).find(
      (a) => a.accountId === accountId,
    );
    expect(after!.folders.find((f) => f.path === 'INBOX')!.unread).toBe(0);
    // Nothing left to mark: no task.
    expect(await core.handlers['timeline.markAllRead']({ accountId, mailboxId: inbox.id })).toEqual(
      [],
    );

    const back = await core.handlers['tasks.undo']({ taskId: tasks[0]!.id });
    expect((await settled(back)).state).toBe('done');
    expect(await dovecot.fetchFlags(uids[0]!)).not.toContain('\\Seen');
  });

  it('moves to a chosen folder, and undo moves it back', async () => {
    const client = await dovecot.client();
    await client.mailboxCreate('Projects');
    await client.logout();
    await deliverAndSync('<move@x>', 'Move me');
    const message = (await threadOf('<move@x>')).messages[0]!;
    const [task] = await core.handlers['messages.act']({
      action: 'move',
      folder: 'Projects',
      messageIds: [message.id],
    });
    await settled(task!);
    expect(await serverUids('Projects', '<move@x>')).toHaveLength(1);

    const back = await core.handlers['tasks.undo']({ taskId: task!.id });
    expect((await settled(back)).state).toBe('done');
    expect(await serverUids('Projects', '<move@x>')).toEqual([]);
    const uids = await serverUids('INBOX', '<move@x>');
    expect((await threadOf('<move@x>')).messages[0]).toMatchObject({
      mailbox: 'INBOX',
      uid: uids[0],
    });
  });

  it('a server refusal rolls the local change back and reports the reason', async () => {
    await deliverAndSync('<refused@x>', 'Refused');
    const message = (await threadOf('<refused@x>')).messages[0]!;
    const [task] = await core.handlers['messages.act']({
      action: 'move',
      folder: 'Nowhere',
      messageIds: [message.id],
    });
    expect((await threadOf('<refused@x>')).messages[0]!.mailbox).toBe('Nowhere');
    const result = await settled(task!);
    expect(result).toMatchObject({ state: 'failed' });
    expect(result.lastError).toMatch(/no folder "Nowhere"/);
    expect((await threadOf('<refused@x>')).messages[0]).toMatchObject({
      mailbox: 'INBOX',
      uid: message.uid,
    });
    expect(failedEvents.map((t) => t.id)).toContain(task!.id);
    expect((await core.handlers['tasks.list']({ states: ['failed'] })).map((t) => t.id)).toContain(
      task!.id,
    );
    expect(await serverUids('INBOX', '<refused@x>')).toEqual([message.uid]);
  });

  it('the remote MOVE replayed after a crash moves nothing twice and finds the new UID', async () => {
    const uid = (await dovecot.deliver(buildMessage({ messageId: '<replay@x>' })))!;
    const client = await dovecot.client();
    try {
      const first = await moveMessages(client, 'INBOX', 'Archive', [
        { uid, messageId: '<replay@x>' },
      ]);
      const again = await moveMessages(client, 'INBOX', 'Archive', [
        { uid, messageId: '<replay@x>' },
      ]);
      expect(again.get(uid)).toBe(first.get(uid));
      expect(first.get(uid)).toBeGreaterThan(0);
    } finally {
      await client.logout();
    }
    expect(await serverUids('Archive', '<replay@x>')).toHaveLength(1);
  });
});
