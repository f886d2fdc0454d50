// AccountSync (the live session: initial sync, IDLE, reconnects, remote writes) and
// testConnection against a real Dovecot.
import { createServer, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStatus, ImapSettings } from '../../shared/domain';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { testConnection } from '../../electron/core/mail/test-connection';
import { buildMessage, freePort, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startTcpProxy } from '../harness/tcp-proxy';
import { MemoryMailStore } from './memory-mail-store';
import { waitUntil } from './wait';

const ACCOUNT = 'acc-live';

function settingsOf(server: DovecotServer): ImapSettings {
  return { host: server.host, port: server.port, tls: 'none', user: server.user };
}

function openSockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (h) =>
      h instanceof Socket && !(h as Socket).destroyed && (h as Socket).remotePort !== undefined,
  ).length;
}

describe('AccountSync against Dovecot', () => {
  let server: DovecotServer;
  let store: MemoryMailStore;
  let engine: AccountSync | null = null;
  let statuses: AccountStatus[];
  let logs: string[];

  function makeEngine(
    password = server.password,
    route: { port?: number; mailboxes?: string[] } = {},
  ): AccountSync {
    engine = new AccountSync({
      accountId: ACCOUNT,
      settings: { ...settingsOf(server), port: route.port ?? server.port },
      ...(route.mailboxes ? { mailboxes: route.mailboxes } : {}),
      password,
      store,
      onStatus: (s) => statuses.push(s),
      log: (l) => logs.push(l),
      backoff: { initialMs: 200, maxMs: 1_000 },
      debounceMs: 50,
    });
    return engine;
  }

  beforeEach(async () => {
    server = await startDovecot();
    store = new MemoryMailStore();
    statuses = [];
    logs = [];
  });

  afterEach(async () => {
    await engine?.dispose();
    engine = null;
    await server?.stop();
  });

  it('does an initial sync, then IDLE brings a new message into the store within 2 s', async () => {
    await server.deliver(buildMessage({ subject: 'before start' }));
    const sync = makeEngine();
    sync.start();
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
    expect(store.messages(ACCOUNT).map((m) => m.subject)).toEqual(['before start']);
    expect(statuses.map((s) => s.kind)).toEqual(['syncing', 'online']);
    // Give imapflow time to enter IDLE, as a user's session would be.
    await new Promise((r) => setTimeout(r, 1_500));
    const delivered = Date.now();
    await server.deliver(buildMessage({ subject: 'pushed', text: 'Arrived by IDLE.' }));
    await waitUntil(
      () => store.messages(ACCOUNT).some((m) => m.subject === 'pushed' && m.snippet),
      2_000,
      'pushed message',
    );
    expect(Date.now() - delivered).toBeLessThan(2_000);
    expect(store.messages(ACCOUNT)).toHaveLength(2);
  });

  it('catches up mail that reached the inbox while the first sync was in another folder', async () => {
    // The proxy holds the session's SELECT of Archive until a mail has reached the inbox,
    // which was synced just before: that delivery raises no EXISTS on this session.
    let delivered = false;
    const proxy = await startTcpProxy(server.port, '127.0.0.1', {
      beforeClientData: (chunk) => {
        if (delivered || !/SELECT "?Archive/i.test(chunk.toString('latin1'))) return;
        delivered = true;
        return server.deliver(buildMessage({ subject: 'meanwhile' })).then(() => undefined);
      },
    });
    try {
      const sync = makeEngine(server.password, {
        port: proxy.port,
        mailboxes: ['INBOX', 'Archive'],
      });
      sync.start();
      await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
      expect(delivered).toBe(true);
      const online = Date.now();
      await waitUntil(
        () => store.messages(ACCOUNT).some((m) => m.subject === 'meanwhile'),
        2_000,
        'the mail delivered during the first sync',
      );
      expect(Date.now() - online).toBeLessThan(2_000);
      expect(store.messages(ACCOUNT)).toHaveLength(1);
    } finally {
      await engine?.dispose();
      engine = null;
      await proxy.close();
    }
  });

  it('IDLE also reports flag changes and expunges made by another client', async () => {
    const a = (await server.deliver(buildMessage({ subject: 'a' })))!;
    const b = (await server.deliver(buildMessage({ subject: 'b' })))!;
    const sync = makeEngine();
    sync.start();
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
    await new Promise((r) => setTimeout(r, 1_500));
    await server.setSeen(a, true);
    await server.expunge(b);
    await waitUntil(
      () => {
        const msgs = store.messages(ACCOUNT);
        return msgs.length === 1 && msgs[0]!.flags.includes('\\Seen');
      },
      3_000,
      'flag change and expunge',
    );
  });

  it('setSeen sets and clears \\Seen on the server, live and without a session', async () => {
    const uid = (await server.deliver(buildMessage({ subject: 'read me' })))!;
    const idle = makeEngine();
    // Not started: a short-lived connection does the write.
    await idle.setSeen('INBOX', uid, true);
    expect(await server.fetchFlags(uid)).toContain('\\Seen');
    idle.start();
    await waitUntil(() => idle.status.kind === 'online', 10_000, 'online');
    await idle.setSeen('INBOX', uid, false);
    expect(await server.fetchFlags(uid)).not.toContain('\\Seen');
    // The server's answer flows back into the store too.
    await waitUntil(
      () => store.messages(ACCOUNT)[0]?.flags.includes('\\Seen') === false,
      3_000,
      'local flags',
    );
  });

  it('syncOnce catches up without a running session and reports idle', async () => {
    await server.deliver(buildMessage({ subject: 'one' }));
    const sync = makeEngine();
    await sync.syncOnce();
    expect(store.messages(ACCOUNT).map((m) => m.subject)).toEqual(['one']);
    expect(sync.status.kind).toBe('idle');
    expect(sync.status.lastSyncAt).toBeTruthy();
  });

  it('a wrong password gives auth-failed, from testConnection and as the account status', async () => {
    const problem = await testConnection(settingsOf(server), 'wrong-password');
    expect(problem?.code).toBe('auth-failed');
    expect(problem?.message).toMatch(/password/);
    expect(problem?.message).not.toContain('wrong-password');
    // Dovecot's auth penalty grows with each failure from one IP, so few attempts here.
    const sync = makeEngine('wrong-password');
    sync.start();
    await waitUntil(() => sync.status.kind === 'auth-failed', 10_000, 'auth-failed status');
    expect(logs.join('\n')).not.toContain('wrong-password');
    expect(await testConnection(settingsOf(server), server.password)).toBeNull();
  });

  it('a closed port gives unavailable', async () => {
    const port = await freePort();
    const problem = await testConnection(
      { host: '127.0.0.1', port, tls: 'none', user: 'alice' },
      'x',
    );
    expect(problem).toMatchObject({ code: 'unavailable' });
    expect(problem?.message).toMatch(/refused/);
  });

  it('a server that never greets gives unavailable after the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const problem = await testConnection(
        { host: '127.0.0.1', port, tls: 'none', user: 'alice' },
        'x',
        { timeoutMs: 1_000 },
      );
      expect(problem?.code).toBe('unavailable');
    } finally {
      silent.close();
    }
  });

  it('reconnects with a fresh session after the server drops it, and keeps syncing', async () => {
    const sync = makeEngine();
    sync.start();
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
    await server.doveadm('kick', 'alice');
    await waitUntil(() => statuses.some((s) => s.kind === 'offline'), 5_000, 'offline status');
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'back online');
    await new Promise((r) => setTimeout(r, 1_500));
    await server.deliver(buildMessage({ subject: 'after reconnect' }));
    await waitUntil(
      () => store.messages(ACCOUNT).some((m) => m.subject === 'after reconnect'),
      3_000,
      'message after reconnect',
    );
  });

  it('dispose() closes the session and leaves no open sockets or timers behind', async () => {
    const baseline = openSockets();
    const sync = makeEngine();
    sync.start();
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
    expect(openSockets()).toBeGreaterThan(baseline);
    await sync.dispose();
    await waitUntil(() => openSockets() <= baseline, 2_000, 'sockets closed');
    const after = statuses.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(statuses.length).toBe(after); // no reconnect loop after dispose
    await expect(sync.syncOnce()).rejects.toThrow(/stopped/);
  });
});
