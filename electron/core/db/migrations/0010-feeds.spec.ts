import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../connection';
import { migrations } from './index';

describe('migration 0010 (feeds)', () => {
  it('lets accounts be feeds, keeping every account and what references it', () => {
    const before = migrations.filter((m) => m.version < 10);
    const db = openDatabase(':memory:', before);
    db.exec(`
      INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('w', 'Intranet', 'wordpress', '{"url":"http://x"}', '');
      INSERT INTO rse_items (account_id, kind, remote_id, author_name, body_html, created_at)
        VALUES ('w', 'post', '1', 'Ann', 'x', '2026-01-01T00:00:00.000Z');
      INSERT INTO rse_cursors VALUES ('w', 'posts:1', '2026-01-01');
    `);
    expect(() =>
      db.exec(
        `INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('f', 'Blog', 'feed', '{}', '')`,
      ),
    ).toThrow(/CHECK/);
    migrate(db, migrations);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.exec(
      `INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('f', 'Blog', 'feed', '{"url":"http://y"}', '')`,
    );
    expect(db.prepare('SELECT count(*) AS n FROM rse_items').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM rse_cursors').get()).toEqual({ n: 1 });
    // The rebuilt table still cascades: removing an account removes its items.
    db.prepare("DELETE FROM accounts WHERE id = 'w'").run();
    expect(db.prepare('SELECT count(*) AS n FROM rse_items').get()).toEqual({ n: 0 });
    expect(() =>
      db.exec(
        `INSERT INTO accounts (id, name, kind, settings, created_at) VALUES ('z', 'Z', 'gopher', '{}', '')`,
      ),
    ).toThrow(/CHECK/);
    db.close();
  });
});
