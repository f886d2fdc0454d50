// `passerelle sync --notify` against a real Dovecot: what a user running the app would
// be told, line by line, as mail arrives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addAccount, settle, startNotifyingSync, type NotifyingSync } from './notify-cli';
import { waitUntil } from './wait';

let dovecot: DovecotServer;
let profile: string;
let sync: NotifyingSync | undefined;

beforeAll(async () => {
  dovecot = await startDovecot();
  profile = mkdtempSync(join(tmpdir(), 'passerelle-notify-'));
  for (let n = 1; n <= 12; n++) {
    await dovecot.deliver(buildMessage({ subject: `Old ${n}`, date: new Date(2026, 0, n) }));
  }
  await dovecot.deliver(buildMessage({ subject: 'Already read' }), 'INBOX', ['\\Seen']);
  await addAccount(profile, dovecot);
});

afterAll(async () => {
  await sync?.stop();
  await dovecot?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('sync --notify against Dovecot', () => {
  it('the first sync of an account with mail gives one summary', async () => {
    sync = startNotifyingSync(profile);
    await sync.online();
    await waitUntil(() => sync!.printed.length > 0, 5_000, 'the summary');
    await settle(2_000);
    expect(
      sync.printed.map((p) => p.title),
      sync.stderr(),
    ).toEqual(['12 new in Work']);
    expect(sync.printed[0]!.itemIds).toHaveLength(12);
  });

  it('a mail delivered while syncing gives exactly one notification within 2 s', async () => {
    const before = sync!.printed.length;
    await dovecot.deliver(
      buildMessage({ from: 'Carol <carol@example.test>', subject: 'Lunch at noon?' }),
    );
    const delivered = Date.now();
    await waitUntil(() => sync!.printed.length > before, 5_000, 'the notification');
    const [shown] = sync!.printed.slice(before);
    expect(shown).toMatchObject({ title: 'Carol', body: 'Lunch at noon?' });
    expect(shown!.at - delivered).toBeLessThan(2_000);
    await settle();
    expect(sync!.printed.length - before).toBe(1);
  });

  it('50 messages delivered at once give one summary', async () => {
    const before = sync!.printed.length;
    const client = await dovecot.client();
    try {
      for (let n = 1; n <= 50; n++) {
        await client.append('INBOX', buildMessage({ subject: `Burst ${n}` }));
      }
    } finally {
      await client.logout();
    }
    await waitUntil(() => sync!.printed.length > before, 10_000, 'the summary');
    await settle();
    expect(sync!.printed.slice(before).map((p) => p.title)).toEqual(['50 new in Work']);
  });

  it('a restart repeats nothing, and still notifies what is new', async () => {
    await sync!.stop();
    sync = startNotifyingSync(profile);
    await sync.online();
    await settle();
    expect(sync.printed, sync.stderr()).toEqual([]);
    await dovecot.deliver(buildMessage({ subject: 'After the restart' }));
    await waitUntil(() => sync!.printed.length > 0, 5_000, 'the notification');
    await settle(1_500);
    expect(sync.printed.map((p) => p.body)).toEqual(['After the restart']);
  });
});
