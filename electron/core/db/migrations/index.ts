// Numbered, append-only migrations. Never edit a released one: add the next number.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-mime-search';
import { migration0003 } from './0003-rse';
import { migration0004 } from './0004-tasks';
import { migration0005 } from './0005-folders';
import { migration0006 } from './0006-notifications';
import { migration0007 } from './0007-conversions';
import { migration0008 } from './0008-triage';
import { migration0009 } from './0009-drafts';
import { migration0010 } from './0010-feeds';
import { migration0011 } from './0011-fast-index';
import { migration0012 } from './0012-rse-search';
import { migration0013 } from './0013-rse-search-by-date';
import { migration0014 } from './0014-local-state-carry';
import { migration0015 } from './0015-list-ids';
import { migration0016 } from './0016-woken-snoozes';
import { migration0017 } from './0017-conversion-follow-mark';
import { migration0018 } from './0018-tnef-files';
import { migration0019 } from './0019-identities';
import { migration0020 } from './0020-unsubscribe';
import type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;
