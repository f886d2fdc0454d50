// The notifier over a real database: what the mail store commits is what notifies.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationPayload } from '../../../shared/requests/notify';
import { openDatabase, type Db } from '../db/connection';
import { Writer } from '../db/deltas';
import { createSqliteMailStore } from '../db/mail-store-sqlite';
import type { IncomingMessage, MailStore } from '../mail/mail-store';
import { manualTimers } from './manual-timers';
import { startNotifier } from './notifier';
import { setThreadMuted, writeSettings } from './notify-store';
import { NotifySettings } from '../../../shared/requests/notify';

let db: Db;
let writer: Writer;
let store: MailStore;
let events: EventEmitter;
let shown: NotificationPayload[];
let clock: ReturnType<typeof manualTimers>;

function message(uid: number, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    uid,
    messageId: `<m${uid}@example.com>`,
    inReplyTo: null,
    references: [],
    subject: `Subject ${uid}`,
    from: { name: 'Ada', address: 'ada@example.com' },
    to: [],
    cc: [],
    date: new Date(Date.UTC(2026, 0, 1, 0, uid)).toISOString(),
    flags: [],
    size: 100,
    snippet: '',
    bodyText: null,
    ...overrides,
  };
}

function start() {
  clock = manualTimers();
  return startNotifier(
    {
      db,
      writer,
      emit: (_event, payload) => shown.push(payload as NotificationPayload),
      log: () => undefined,
    },
    events,
    { timers: clock.timers, quietMs: 1000, maxWaitMs: 5000 },
  );
}

const status = (kind: 'syncing' | 'online') =>
  events.emit('account.status', { accountId: 'acc', status: { kind } });

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(
    `INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('acc', 'Work', 'imap', '{}', '')`,
  ).run();
  writer = new Writer(db);
  store = createSqliteMailStore(writer);
  events = new EventEmitter();
  shown = [];
});

describe('notifier', () => {
  it('one new inbox mail gives one notification naming sender and subject', () => {
    start();
    store.saveMessages('acc', 'INBOX', [message(1)], {});
    clock.advance(1000);
    expect(shown).toMatchObject([
      { title: 'Ada', body: 'Subject 1', actions: ['mark-read', 'archive'] },
    ]);
    expect(shown[0]!.itemIds[0]).toMatch(/^mail-thread:\d+$/);
  });

  it('the first sync of an account gives one summary, however many batches', () => {
    start();
    status('syncing');
    for (let batch = 0; batch < 4; batch++) {
      store.saveMessages(
        'acc',
        'INBOX',
        [1, 2, 3, 4, 5].map((n) => message(batch * 10 + n)),
        {},
      );
      clock.advance(2000);
    }
    expect(shown).toEqual([]);
    status('online');
    expect(shown.map((n) => n.title)).toEqual(['20 new in Work']);
  });

  it('ignores read mail, other folders, junk and muted threads', () => {
    start();
    store.saveMessages('acc', 'INBOX', [message(1, { flags: ['\\Seen'] })], {});
    store.saveMessages('acc', 'Archive', [message(2)], {});
    store.saveMessages('acc', 'INBOX', [message(3, { flags: ['$Junk'] })], {});
    const thread = db.prepare('SELECT thread_id FROM messages WHERE uid = 1').get() as {
      thread_id: number;
    };
    setThreadMuted(db, 'acc', `mail:${thread.thread_id}`, true);
    store.saveMessages(
      'acc',
      'INBOX',
      [message(4, { inReplyTo: '<m1@example.com>', references: ['<m1@example.com>'] })],
      {},
    );
    clock.advance(5000);
    expect(shown).toEqual([]);
  });

  it('do not disturb silences new mail', () => {
    writeSettings(db, NotifySettings.parse({ dnd: { active: true } }));
    start();
    store.saveMessages('acc', 'INBOX', [message(1)], {});
    clock.advance(5000);
    expect(shown).toEqual([]);
  });

  it('never notifies an item twice, across a restart and a re-download', () => {
    const first = start();
    store.saveMessages('acc', 'INBOX', [message(1)], {});
    clock.advance(1000);
    first.dispose();
    expect(shown).toHaveLength(1);

    start();
    // UIDVALIDITY changed: the server's messages come again under new rows.
    store.resetMailbox('acc', 'INBOX', 2n);
    store.saveMessages('acc', 'INBOX', [message(1), message(2)], {});
    clock.advance(1000);
    expect(shown.map((n) => n.body)).toEqual(['Subject 1', 'Subject 2']);
  });

  it('shows what it held when the core shuts down', () => {
    const notifier = start();
    store.saveMessages('acc', 'INBOX', [message(1)], {});
    notifier.dispose();
    expect(shown).toHaveLength(1);
    store.saveMessages('acc', 'INBOX', [message(2)], {});
    clock.advance(5000);
    expect(shown).toHaveLength(1);
  });
});
