// RSE search walks matching items newest first when a word is common (db/rse-search.ts),
// as mail search does on messages_by_date: it stops after a page of distinct posts
// instead of grouping every match by post and sorting them all. Deleted items are never
// searched, so they stay out of the index.
import type { Migration } from './migration';

export const migration0013: Migration = {
  version: 13,
  name: 'rse-search-by-date',
  up: `
    CREATE INDEX rse_items_by_date ON rse_items (created_at, id) WHERE deleted = 0;
  `,
};
