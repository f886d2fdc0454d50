// A snoozed item that wakes comes back "unread and on top" (issue 5) and must stay on top
// until something newer happens in it. Its timeline date is recomputed from its messages
// (refreshThreads) or comments (refreshPosts) at every change, which used to drop it back
// where it was. woken_at records the wake-up (db/snoozes.ts markWoken), and a trigger
// holds the date at or above it whatever recomputes it: the invariant lives with the data,
// so every writer (sync, actions, rethreading) keeps it without knowing about snoozes.
// Recursive triggers are off (SQLite's default), so each trigger's own UPDATE does not
// fire it again; a NULL woken_at compares to NULL and never fires it.
import type { Migration } from './migration';

export const migration0016: Migration = {
  version: 16,
  name: 'woken-snoozes',
  up: `
    ALTER TABLE threads ADD COLUMN woken_at TEXT;
    ALTER TABLE rse_items ADD COLUMN woken_at TEXT;

    CREATE TRIGGER threads_stay_woken AFTER UPDATE OF latest_date ON threads
      WHEN NEW.woken_at > NEW.latest_date
    BEGIN
      UPDATE threads SET latest_date = NEW.woken_at WHERE id = NEW.id;
    END;

    CREATE TRIGGER rse_posts_stay_woken AFTER UPDATE OF activity_at ON rse_items
      WHEN NEW.woken_at > NEW.activity_at
    BEGIN
      UPDATE rse_items SET activity_at = NEW.woken_at WHERE id = NEW.id;
    END;
  `,
};
