// Numbered, append-only migrations. Never edit a released one: add the next number.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-mime-search';
import { migration0003 } from './0003-rse';
import { migration0004 } from './0004-tasks';
import { migration0005 } from './0005-folders';
import { migration0006 } from './0006-notifications';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;
