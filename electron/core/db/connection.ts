// Opens the profile's database: WAL so readers never wait for the writer, foreign keys
// on, and every pending migration applied in one transaction.
import Database from 'better-sqlite3';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';
import { nativeBindingPath } from './native-binding';

export type Db = Database.Database;

export class NewerDatabaseError extends Error {
  constructor(found: number, supported: number) {
    super(
      `This profile's database was written by a newer version of Passerelle (schema ${found}; this version knows up to ${supported}). Update Passerelle, or use another profile.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function openDatabase(path: string, migrations: readonly Migration[] = allMigrations): Db {
  const nativeBinding = nativeBindingPath();
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL'); // durable across app crashes; WAL keeps it consistent
    // Checkpoint every 32 MiB of WAL rather than SQLite's 4 MiB: each checkpoint fsyncs,
    // and a 20,000-message catch-up spent ~0.5 s in a dozen of them (issue 3 bench).
    db.pragma('wal_autocheckpoint = 8192');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  assertRising(migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // foreign_keys cannot change inside a transaction, so it is switched around it.
  const keysOff =
    pending.some((m) => m.foreignKeysOff) && db.pragma('foreign_keys', { simple: true }) === 1;
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) db.exec(migration.up);
      if (keysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new Error('A migration left rows that break foreign keys; nothing was changed.');
      }
      // PRAGMA takes no bound parameters; the value is a checked integer.
      db.pragma(`user_version = ${Math.trunc(latest)}`);
    }).immediate();
  } finally {
    if (keysOff) db.pragma('foreign_keys = ON');
  }
}

function assertRising(migrations: readonly Migration[]): void {
  migrations.reduce((previous, migration) => {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(
        `Migration ${migration.name} has version ${migration.version}; versions must rise.`,
      );
    }
    return migration.version;
  }, 0);
}
