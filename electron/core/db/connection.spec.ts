import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, openDatabase, schemaVersion } from './connection';
import { LATEST_VERSION, migrations } from './migrations';
import { nativeBindingPath } from './native-binding';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rawDatabase(path: string) {
  const nativeBinding = nativeBindingPath();
  return new Database(path, nativeBinding ? { nativeBinding } : {});
}

describe('openDatabase', () => {
  it('creates the latest schema with WAL, foreign keys and STRICT tables', () => {
    const db = openDatabase(join(dir, 'a.db'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; sql: string }[];
    const names = tables.map((t) => t.name);
    for (const core of ['accounts', 'mailboxes', 'messages', 'thread_links', 'threads', 'tasks']) {
      expect(names).toContain(core);
    }
    // Every table we declare is STRICT; FTS5's virtual table and its shadow tables are
    // SQLite's own and cannot be.
    const fts = new Set(
      tables.filter((t) => /CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name),
    );
    const ours = tables.filter(
      (t) => !fts.has(t.name) && ![...fts].some((v) => t.name.startsWith(`${v}_`)),
    );
    expect(ours.length).toBeGreaterThan(5);
    for (const table of ours) expect(table.sql, table.name).toMatch(/\)\s*STRICT$/);
    db.close();
  });

  it('opens an existing database again without re-running migrations', () => {
    const path = join(dir, 'b.db');
    const first = openDatabase(path);
    first
      .prepare(
        "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a1', 'Work', 'imap', '{}', '2026-01-01')",
      )
      .run();
    first.close();
    const second = openDatabase(path);
    expect(second.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({
      n: 1,
    });
    second.close();
  });

  it('refuses a database written by a newer version, leaving it untouched', () => {
    const path = join(dir, 'newer.db');
    const raw = rawDatabase(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(path)).toThrow(/newer version of Passerelle/);
    const check = rawDatabase(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    check.close();
  });

  it('applies all pending migrations in one transaction: a failure leaves nothing behind', () => {
    const db = rawDatabase(join(dir, 'c.db'));
    const broken = [
      ...migrations,
      {
        version: LATEST_VERSION + 1,
        name: 'good',
        up: 'CREATE TABLE extra (x INTEGER) STRICT;',
      },
      {
        version: LATEST_VERSION + 2,
        name: 'bad',
        up: 'CREATE TABLE nonsense (',
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all()).toEqual([]);
    db.close();
  });

  it('rejects migration lists whose versions do not rise', () => {
    const db = rawDatabase(':memory:');
    const sameTwice = [migrations[0]!, { ...migrations[0]!, name: 'again' }];
    expect(() => migrate(db, sameTwice)).toThrow(/versions must rise/);
    db.close();
  });
});

describe('migration 0001', () => {
  it('migrates an empty database (version 0) and enforces the account cascade', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a1', 'Work', 'imap', '{}', '2026-01-01')",
    ).run();
    db.prepare("INSERT INTO mailboxes (account_id, path) VALUES ('a1', 'INBOX')").run();
    db.prepare(
      "INSERT INTO messages (account_id, mailbox_id, uid, subject, date) VALUES ('a1', 1, 7, 'Hi', '2026-01-01T00:00:00.000Z')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO mailboxes (account_id, path) VALUES ('missing', 'INBOX')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO messages (account_id, mailbox_id, uid, subject, date) VALUES ('a1', 1, 'x', 's', 'd')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare("DELETE FROM accounts WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({
      n: 0,
    });
    db.close();
  });
});
