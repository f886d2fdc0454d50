// Tests read a profile's database directly, read-only, with the SQLite addon built for
// this runtime (see electron/core/db/native-binding.ts).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { nativeBindingPath } from '../../electron/core/db/native-binding';

export function openProfileDbReadonly(profileDir: string): Database.Database {
  const nativeBinding = nativeBindingPath();
  return new Database(join(profileDir, 'passerelle.db'), {
    readonly: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}
