// Notifications in the user's language: the window sends it (settings.setLocale), the
// core keeps it and words every notification in it, since the desktop shell shows them
// without the window. Over a real database, like the notifier's own spec.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { notifyRequests, type NotificationPayload } from '../../../shared/requests/notify';
import { openDatabase, type Db } from '../db/connection';
import { Writer } from '../db/deltas';
import { createSqliteMailStore } from '../db/mail-store-sqlite';
import type { IncomingMessage, MailStore } from '../mail/mail-store';
import { createCore, DATABASE_FILE } from '../core';
import { FileSecretStore } from '../secrets/secret-store';
import { manualTimers } from './manual-timers';
import { startNotifier } from './notifier';
import { readLocale, writeLocale } from './notify-store';
import { NOTIFY_LOCALES, notifyTexts } from './notify-texts';

let db: Db;
let writer: Writer;
let store: MailStore;
let shown: NotificationPayload[];
let clock: ReturnType<typeof manualTimers>;

function message(uid: number, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    uid,
    messageId: `<m${uid}@example.com>`,
    inReplyTo: null,
    references: [],
    subject: `Sujet ${uid}`,
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

beforeEach(() => {
  db = openDatabase(':memory:');
  db.prepare(
    `INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('acc', 'Travail', 'imap', '{}', '')`,
  ).run();
  writer = new Writer(db);
  store = createSqliteMailStore(writer);
  shown = [];
  clock = manualTimers();
  startNotifier(
    {
      db,
      writer,
      emit: (_e, payload) => shown.push(payload as NotificationPayload),
      log: () => {},
    },
    new EventEmitter(),
    { timers: clock.timers, quietMs: 1000, maxWaitMs: 5000 },
  );
});

describe('notifications in the user’s language', () => {
  it('are English until the window says otherwise', () => {
    expect(readLocale(db)).toBeNull();
    store.saveMessages('acc', 'INBOX', [message(1, { from: null, subject: '' })], {});
    clock.advance(1000);
    expect(shown).toMatchObject([
      {
        title: '(unknown sender)',
        body: '(no subject)',
        actionLabels: { 'mark-read': 'Mark read', archive: 'Archive' },
      },
    ]);
  });

  it('are French once the window sent a French locale, labels included', () => {
    writer.write(() => writeLocale(db, 'fr-FR'));
    store.saveMessages('acc', 'INBOX', [message(1, { from: null, subject: '' })], {});
    clock.advance(1000);
    expect(shown).toMatchObject([
      {
        title: '(expéditeur inconnu)',
        body: '(sans objet)',
        actions: ['mark-read', 'archive'],
        actionLabels: { 'mark-read': 'Marquer comme lu', archive: 'Archiver' },
      },
    ]);
  });

  it('summarise a burst in French, with French plural and colon', () => {
    writer.write(() => writeLocale(db, 'fr'));
    const burst = [1, 2, 3, 4, 5].map((uid) => message(uid));
    store.saveMessages('acc', 'INBOX', burst, {});
    clock.advance(1000);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('5 nouveaux dans Travail');
    expect(shown[0]!.body.split('\n')).toEqual([
      'Ada\u00a0: Sujet 1',
      'Ada\u00a0: Sujet 2',
      'Ada\u00a0: Sujet 3',
      'et 2 de plus',
    ]);
  });

  it('follow a change of language from one notification to the next', () => {
    writer.write(() => writeLocale(db, 'fr'));
    store.saveMessages('acc', 'INBOX', [message(1, { subject: '' })], {});
    clock.advance(1000);
    writer.write(() => writeLocale(db, 'en-GB'));
    store.saveMessages('acc', 'INBOX', [message(2, { subject: '' })], {});
    clock.advance(1000);
    expect(shown.map((n) => n.body)).toEqual(['(sans objet)', '(no subject)']);
  });

  it('pick the language from a BCP 47 tag, English for one not shipped', () => {
    expect(notifyTexts('fr-CA')).toBe(NOTIFY_LOCALES.fr);
    expect(notifyTexts('FR')).toBe(NOTIFY_LOCALES.fr);
    expect(notifyTexts('de-DE')).toBe(NOTIFY_LOCALES.en);
    expect(notifyTexts('constructor')).toBe(NOTIFY_LOCALES.en);
    expect(notifyTexts(null)).toBe(NOTIFY_LOCALES.en);
    expect(NOTIFY_LOCALES.fr.newIn(1, '#design')).toBe('1 nouveau dans #design');
  });

  it('keep the language the window sends through the request', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'passerelle-locale-'));
    try {
      const core = await createCore({
        profileDir: profile,
        mode: 'browser',
        backgroundSync: false,
        secrets: new FileSecretStore(profile),
        log: () => undefined,
      });
      expect(await core.dispatch('settings.setLocale', { locale: 'fr-FR' })).toEqual({
        ok: true,
        value: null,
      });
      const refused = await core.dispatch('settings.setLocale', { locale: 'fr; DROP' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
      await core.dispose();
      const stored = openDatabase(join(profile, DATABASE_FILE));
      expect(readLocale(stored)).toBe('fr-FR');
      stored.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('accept only a language tag from the window', () => {
    const params = notifyRequests['settings.setLocale'].params;
    expect(params.safeParse({ locale: 'fr-FR' }).success).toBe(true);
    expect(params.safeParse({ locale: 'fr; DROP' }).success).toBe(false);
    expect(params.safeParse({ locale: '' }).success).toBe(false);
  });
});
