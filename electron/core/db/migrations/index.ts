// Numbered, append-only migrations. Never edit a released one: add the next number.
import { migration0001 } from './0001-initial';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [migration0001];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;
