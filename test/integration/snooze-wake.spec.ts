// A snoozed thread wakes "unread and on top" (issue 5) and stays on top through later
// changes (a flag on it synced back from the real Dovecot, an older message elsewhere)
// and a restart of the core, until a message newer than the wake-up arrives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { waitUntil } from './wait';
import { dovecotAccount, openTestCore } from '../harness/test-core';

const hour = 3_600_000;
let dovecot: DovecotServer;
let profile: string;
let core: Core;
let accountId: string;

async function openCore(): Promise<Core> {
  return openTestCore(profile);
}

async function inbox() {
  const page = await core.handlers['timeline.page']({ view: 'all', limit: 50, unreadOnly: false });
  return page.items.map((item) => ({ subject: item.subject, unread: item.unread, id: item.id }));
}
const subjects = async () => (await inbox()).map((i) => i.subject);

async function deliver(subject: string, date: Date, messageId?: string): Promise<void> {
  await dovecot.deliver(buildMessage({ subject, date, messageId, text: `${subject}.` }), 'INBOX', [
    '\\Seen',
  ]);
}

async function settleTasks(): Promise<void> {
  await waitUntil(
    async () =>
      (await core.handlers['tasks.list']({})).every(
        (t) => !['pending', 'running'].includes(t.state),
      ),
    20_000,
    'the outbox to settle',
  );
}

beforeAll(async () => {
  dovecot = await startDovecot();
  const base = Date.now() - 10 * hour;
  await deliver('Quarterly plan', new Date(base), '<plan@example.test>');
  await deliver('Lunch friday', new Date(base + hour));
  await deliver('Release notes', new Date(base + 2 * hour));
  profile = mkdtempSync(join(tmpdir(), 'passerelle-snooze-'));
  core = await openCore();
  const account = await core.handlers['accounts.addImap'](dovecotAccount(dovecot));
  accountId = account.id;
  await core.handlers['sync.now']({ accountId });
});

afterAll(async () => {
  await core?.dispose();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('a snooze that wakes', () => {
  it('comes back unread on top and stays there until something newer arrives', async () => {
    expect(await subjects()).toEqual(['Release notes', 'Lunch friday', 'Quarterly plan']);
    const plan = (await inbox()).find((i) => i.subject === 'Quarterly plan')!;
    expect(plan.unread).toBe(false);

    await core.handlers['triage.snooze']({
      itemIds: [plan.id],
      until: new Date(Date.now() + 1_000).toISOString(),
    });
    expect(await subjects()).toEqual(['Release notes', 'Lunch friday']);
    await waitUntil(async () => (await inbox())[0]?.id === plan.id, 15_000, 'the wake-up');
    await settleTasks();
    expect((await inbox())[0]).toEqual({ ...plan, unread: true });

    // A change to the woken thread itself, reaching the server and synced back: the
    // thread's date is recomputed from its messages, and it must keep its place.
    await core.handlers['threads.act']({ action: 'flag', threadIds: [plan.id] });
    await settleTasks();
    await deliver('Older newsletter', new Date(Date.now() - 5 * hour));
    await core.handlers['sync.now']({ accountId });
    expect(await subjects()).toEqual([
      'Quarterly plan',
      'Older newsletter',
      'Release notes',
      'Lunch friday',
    ]);
    expect((await inbox())[0]!.unread).toBe(true);

    // Across a restart: the wake-up time is stored, not held in memory.
    await core.dispose();
    core = await openCore();
    await core.handlers['sync.now']({ accountId });
    expect((await subjects())[0]).toBe('Quarterly plan');

    // A message newer than the wake-up goes above it, in another thread or in its own.
    await deliver('Fresh news', new Date(Date.now() + 60_000));
    await core.handlers['sync.now']({ accountId });
    expect((await subjects()).slice(0, 2)).toEqual(['Fresh news', 'Quarterly plan']);
    await dovecot.deliver(
      buildMessage({
        subject: 'Re: Quarterly plan',
        inReplyTo: '<plan@example.test>',
        references: ['<plan@example.test>'],
        date: new Date(Date.now() + 120_000),
      }),
    );
    await core.handlers['sync.now']({ accountId });
    expect((await subjects()).slice(0, 2)).toEqual(['Quarterly plan', 'Fresh news']);
  });
});
