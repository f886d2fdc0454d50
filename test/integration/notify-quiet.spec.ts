// What must stay silent: a muted thread and do-not-disturb, each checked next to a mail
// that does notify, so silence is the policy at work and not a broken pipeline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadSummary } from '../../shared/domain';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addAccount, cli, settle, startNotifyingSync, type NotifyingSync } from './notify-cli';
import { waitUntil } from './wait';

let dovecot: DovecotServer;
let profile: string;
let sync: NotifyingSync;

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-notify-quiet-'));
  await dovecot.deliver(
    buildMessage({ subject: 'Noisy thread', messageId: '<noisy@x>', date: new Date(2026, 0, 1) }),
  );
  await addAccount(profile, dovecot);
  await cli(profile, ['sync', '--once']);
  const threads = JSON.parse(await cli(profile, ['threads', '--json'])) as ThreadSummary[];
  await cli(profile, ['notify', 'mute', threads[0]!.id]);
  sync = startNotifyingSync(profile);
  await sync.online();
});

afterAll(async () => {
  await sync?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function expectOnly(bodies: string[]) {
  await waitUntil(() => sync.printed.length >= bodies.length, 5_000, bodies.join(', '));
  await settle();
  expect(
    sync.printed.map((p) => p.body),
    sync.stderr(),
  ).toEqual(bodies);
}

describe('silence', () => {
  it('a reply in a muted thread gives nothing, a new thread still notifies', async () => {
    await dovecot.deliver(
      buildMessage({
        subject: 'Re: Noisy thread',
        inReplyTo: '<noisy@x>',
        references: ['<noisy@x>'],
      }),
    );
    await dovecot.deliver(buildMessage({ subject: 'Something else' }));
    await expectOnly(['Something else']);
  });

  it('do-not-disturb gives nothing until it is turned off', async () => {
    sync.printed.length = 0;
    // Set from another process on the same profile, as the desktop app would.
    await cli(profile, ['notify', 'dnd', '--minutes', '30']);
    await dovecot.deliver(buildMessage({ subject: 'During the meeting' }));
    await settle();
    expect(sync.printed).toEqual([]);
    await cli(profile, ['notify', 'dnd', '--off']);
    await dovecot.deliver(buildMessage({ subject: 'After the meeting' }));
    await expectOnly(['After the meeting']);
  });
});
