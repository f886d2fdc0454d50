// RSE spaces (WordPress categories, channels, streams…) with the user's follow flag, and
// the cursors of incremental reads, one per account and stream.
import type { RseSpace } from '../../../shared/domain';
import type { Cursors, RemoteSpace } from '../rse/connector';
import type { Db } from './connection';
import type { DeltaCollector } from './deltas';
import { stmt } from './statements';

interface SpaceRow {
  id: number;
  account_id: string;
  remote_id: string;
  name: string;
  description: string | null;
  followed: number;
}

function rowToSpace(row: SpaceRow): RseSpace {
  return {
    accountId: row.account_id,
    remoteId: row.remote_id,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    followed: row.followed === 1,
  };
}

/** Records the spaces the network lists, keeping follow flags; spaces gone are removed. */
export function replaceSpaces(
  db: Db,
  accountId: string,
  spaces: RemoteSpace[],
  deltas: DeltaCollector,
): void {
  const upsert = stmt(
    db,
    `INSERT INTO rse_spaces (account_id, remote_id, name, description) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, remote_id) DO UPDATE SET name = excluded.name,
       description = excluded.description
     RETURNING id`,
  );
  const keep = new Set<string>();
  for (const space of spaces) {
    const row = upsert.get(accountId, space.remoteId, space.name, space.description ?? null) as {
      id: number;
    };
    keep.add(space.remoteId);
    deltas.add('rse_spaces', 'update', [row.id]);
  }
  const existing = stmt(db, 'SELECT id, remote_id FROM rse_spaces WHERE account_id = ?').all(
    accountId,
  ) as { id: number; remote_id: string }[];
  const remove = stmt(db, 'DELETE FROM rse_spaces WHERE id = ?');
  for (const row of existing) {
    if (keep.has(row.remote_id)) continue;
    remove.run(row.id);
    deltas.add('rse_spaces', 'delete', [row.id]);
  }
}

export function listSpaces(db: Db, accountId: string): RseSpace[] {
  return (
    stmt(db, 'SELECT * FROM rse_spaces WHERE account_id = ? ORDER BY name, remote_id').all(
      accountId,
    ) as SpaceRow[]
  ).map(rowToSpace);
}

export function followedSpaces(db: Db, accountId: string): RemoteSpace[] {
  return listSpaces(db, accountId)
    .filter((s) => s.followed)
    .map((s) => ({ remoteId: s.remoteId, name: s.name }));
}

/** Finds a space by remote id or, failing that, by name (case-insensitive), for the CLI. */
export function findSpace(db: Db, accountId: string, ref: string): RseSpace | undefined {
  const spaces = listSpaces(db, accountId);
  return (
    spaces.find((s) => s.remoteId === ref) ??
    spaces.find((s) => s.name.toLowerCase() === ref.toLowerCase())
  );
}

export function setFollowed(
  db: Db,
  accountId: string,
  remoteId: string,
  followed: boolean,
  deltas: DeltaCollector,
): void {
  const row = stmt(
    db,
    'UPDATE rse_spaces SET followed = ? WHERE account_id = ? AND remote_id = ? RETURNING id',
  ).get(followed ? 1 : 0, accountId, remoteId) as { id: number } | undefined;
  if (row) deltas.add('rse_spaces', 'update', [row.id]);
}

export function getCursors(db: Db, accountId: string): Cursors {
  const rows = stmt(db, 'SELECT stream, cursor FROM rse_cursors WHERE account_id = ?').all(
    accountId,
  ) as { stream: string; cursor: string }[];
  return Object.fromEntries(rows.map((r) => [r.stream, r.cursor]));
}

export function saveCursors(db: Db, accountId: string, cursors: Cursors): void {
  const save = stmt(
    db,
    `INSERT INTO rse_cursors (account_id, stream, cursor) VALUES (?, ?, ?)
     ON CONFLICT (account_id, stream) DO UPDATE SET cursor = excluded.cursor`,
  );
  for (const [stream, cursor] of Object.entries(cursors)) save.run(accountId, stream, cursor);
}

export function clearCursor(db: Db, accountId: string, spaceRemoteId: string): void {
  stmt(db, 'DELETE FROM rse_cursors WHERE account_id = ? AND stream = ?').run(
    accountId,
    `posts:${spaceRemoteId}`,
  );
}
