// Resilience against Dovecot: every connection cut in the middle of a FETCH (through a TCP
// proxy), a server restart, and a rejected password that pauses the sync instead of
// hammering the server. Each ends with exact counts: nothing lost, nothing twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../shared/domain';
import { AccountSync } from '../../electron/core/mail/account-sync';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startTcpProxy, type TcpProxy } from '../harness/tcp-proxy';
import { ACCOUNT, STORE_KINDS, type StoreFixture } from './stores';
import { waitUntil } from './wait';

const sqliteFixture = STORE_KINDS.find(([name]) => name === 'sqlite store')![1];

describe('resilience against Dovecot', () => {
  let server: DovecotServer;
  let proxy: TcpProxy | null = null;
  let fx: StoreFixture;
  let engine: AccountSync | null = null;
  let statuses: AccountStatus[];

  function makeEngine(port: number, password = server.password): AccountSync {
    engine = new AccountSync({
      accountId: ACCOUNT,
      settings: { host: '127.0.0.1', port, tls: 'none', user: server.user },
      password,
      store: fx.store,
      onStatus: (s) => statuses.push(s),
      backoff: { initialMs: 100, maxMs: 500 },
      debounceMs: 50,
      // Small batches so the cut lands between two FETCHes as well as inside one.
      sync: { headerBatch: 200, bodyBatch: 50 },
    });
    return engine;
  }

  const uniqueUids = () => new Set(fx.view().map((m) => m.uid)).size;

  beforeEach(async () => {
    server = await startDovecot();
    fx = sqliteFixture();
    statuses = [];
  });

  afterEach(async () => {
    await engine?.dispose();
    engine = null;
    await proxy?.close();
    proxy = null;
    fx?.close();
    await server?.stop();
  });

  it('a connection cut mid-fetch reconnects on a fresh session and ends with every message once', async () => {
    const total = 3000;
    await server.importMessages(
      Array.from({ length: total }, (_, i) =>
        buildMessage({ subject: `bulk ${i}`, text: 'x'.repeat(2000) }),
      ),
    );
    proxy = await startTcpProxy(server.port);
    const sync = makeEngine(proxy.port);
    sync.start();
    // Cut while headers or bodies are streaming: some data down, the sync not done.
    await waitUntil(() => proxy!.bytesDown > 200_000, 20_000, 'fetch under way');
    const before = fx.view().length;
    proxy.dropAll();
    await waitUntil(() => statuses.some((s) => s.kind === 'offline'), 5_000, 'offline status');
    await waitUntil(
      () => fx.view().length === total && fx.view().every((m) => m.bodyText !== null),
      60_000,
      'complete sync after the cut',
    );
    expect(before).toBeLessThan(total * 2);
    expect(uniqueUids()).toBe(total);
    expect(sync.status.kind).toBe('online');
    expect(statuses.find((s) => s.kind === 'offline')?.message).toBeTruthy();
  });

  it('a server restart: offline with the reason, then online again, and new mail flows', async () => {
    await server.deliver(buildMessage({ subject: 'before' }));
    const sync = makeEngine(server.port);
    sync.start();
    await waitUntil(() => sync.status.kind === 'online', 10_000, 'online');
    await server.restart(300);
    await waitUntil(() => statuses.some((s) => s.kind === 'offline'), 5_000, 'offline');
    await waitUntil(() => sync.status.kind === 'online', 15_000, 'online again');
    await new Promise((r) => setTimeout(r, 1_200)); // let the new session enter IDLE
    await server.deliver(buildMessage({ subject: 'after restart' }));
    await waitUntil(() => fx.view().length === 2, 3_000, 'message after restart');
    expect(fx.view().map((m) => m.subject)).toEqual(['before', 'after restart']);
  });

  it('a rejected password pauses sync (no retries) and says so, until the user syncs again', async () => {
    proxy = await startTcpProxy(server.port);
    const sync = makeEngine(proxy.port, 'wrong-password');
    sync.start();
    await waitUntil(() => sync.status.kind === 'auth-failed', 10_000, 'auth-failed');
    expect(sync.status.message).toMatch(/paused/);
    // With a 100 ms backoff a retry loop would have reconnected many times by now.
    const statusCount = statuses.length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(statuses.length).toBe(statusCount);
    expect(proxy.connections).toBe(0);
    await expect(sync.syncOnce()).rejects.toThrow(/password|credentials|authenticat/i);
    expect(sync.status.kind).toBe('auth-failed');
  });
});
