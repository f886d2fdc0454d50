export interface Migration {
  /** Strictly increasing; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up: string;
  /**
   * Runs with foreign keys off (a table rebuild: DROP TABLE would otherwise cascade to
   * every referencing row); the migration then fails unless foreign_key_check is clean.
   */
  foreignKeysOff?: boolean;
}
