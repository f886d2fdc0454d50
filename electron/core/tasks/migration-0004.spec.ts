import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/connection';
import { migrations } from '../db/migrations';
import { nativeBindingPath } from '../db/native-binding';

function rawDb() {
  const binding = nativeBindingPath();
  const db = new Database(':memory:', binding ? { nativeBinding: binding } : {});
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migration 0004 (tasks, smtp_settings)', () => {
  it('migrates a database of the previous version with data in it', () => {
    const db = rawDb();
    migrate(
      db,
      migrations.filter((m) => m.version < 4),
    );
    db.prepare(
      "INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('a1', 'Work', 'imap', '{}', '2026-01-01')",
    ).run();
    migrate(db, migrations);
    expect(db.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Work' }]);
    db.prepare(
      "INSERT INTO tasks (account_id, kind, payload, state, next_attempt_at, created_at, updated_at) VALUES ('a1', 'flags', '{}', 'pending', 0, '', '')",
    ).run();
    db.prepare("INSERT INTO smtp_settings VALUES ('a1', '{}')").run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO tasks (account_id, kind, payload, state, next_attempt_at, created_at, updated_at) VALUES ('a1', 'flags', '{}', 'lost', 0, '', '')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // Removing an account drops its outbox and SMTP settings with it.
    db.prepare("DELETE FROM accounts WHERE id = 'a1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM tasks').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM smtp_settings').get()).toEqual({ n: 0 });
    db.close();
  });

  it("the runner's scans use the tasks indexes", () => {
    const db = rawDb();
    migrate(db, migrations);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    expect(plan("SELECT * FROM tasks WHERE state = 'pending' AND next_attempt_at <= 5")).toMatch(
      /tasks_by_state/,
    );
    expect(
      plan(
        "SELECT 1 FROM tasks e WHERE e.account_id = 'a' AND e.id < 9 AND e.state IN ('pending', 'running')",
      ),
    ).toMatch(/tasks_open/);
    db.close();
  });
});
