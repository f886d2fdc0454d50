// The saved_searches table (migration 0008): named queries in the core's search syntax,
// shown in the sidebar. The query is stored as typed; it is parsed when run.
import type { SavedSearch } from '../../../shared/requests/triage';
import type { Db } from './connection';
import { stmt } from './statements';

interface SavedSearchRow {
  id: number;
  name: string;
  query: string;
  created_at: string;
}

function rowToSavedSearch(row: SavedSearchRow): SavedSearch {
  return { id: String(row.id), name: row.name, query: row.query, createdAt: row.created_at };
}

export function listSavedSearches(db: Db): SavedSearch[] {
  const rows = stmt(db, 'SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE, id').all();
  return (rows as SavedSearchRow[]).map(rowToSavedSearch);
}

export function insertSavedSearch(db: Db, name: string, query: string): SavedSearch {
  const createdAt = new Date().toISOString();
  const { lastInsertRowid } = stmt(
    db,
    'INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)',
  ).run(name, query, createdAt);
  return { id: String(lastInsertRowid), name, query, createdAt };
}

export function deleteSavedSearch(db: Db, id: string): boolean {
  return stmt(db, 'DELETE FROM saved_searches WHERE id = ?').run(Number(id)).changes > 0;
}
