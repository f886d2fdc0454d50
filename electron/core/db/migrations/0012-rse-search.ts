// Full-text search over RSE posts and comments (db/rse-search.ts reads it).
// - rse_items_fts is contentless, keyed by rse_items.id, with the title, the body as text,
//   the author's name and the space's name, so "from:" and a space's name find items.
// - Triggers keep it in step, unlike mail (0011): RSE items arrive by the dozen per poll,
//   not by the thousand, and every writer (sync upserts, deletions, account removal by
//   cascade, space renames) is then covered in the same transaction.
// - Bodies are HTML. SQLite has no regex, so tags are dropped by a recursive CTE that
//   jumps from one '<' to the next '>' (one step per tag), then the entities WordPress and
//   friends emit are decoded; otherwise "href", "strong" and "8217" would match every post.
// - Deleted items (kept with deleted = 1 for the timeline's bookkeeping) are not indexed.
import type { Migration } from './migration';

/** `html` (an SQL expression) as plain text. */
function htmlText(html: string): string {
  const lt = `instr(rest, '<')`;
  const gt = `instr(substr(rest, ${lt}), '>')`;
  const stripped = `coalesce((WITH RECURSIVE s(rest, out) AS (
      SELECT coalesce(${html}, ''), ''
      UNION ALL
      SELECT CASE WHEN ${lt} = 0 OR ${gt} = 0 THEN '' ELSE substr(rest, ${lt} + ${gt}) END,
        out || CASE WHEN ${lt} = 0 THEN rest ELSE substr(rest, 1, ${lt} - 1) || ' ' END
      FROM s WHERE rest <> ''
    ) SELECT out FROM s WHERE rest = ''), '')`;
  const entities: [string, string][] = [
    ['&nbsp;', ' '],
    ['&#160;', ' '],
    ['&#8217;', "'"],
    ['&#8216;', "'"],
    ['&#8220;', '"'],
    ['&#8221;', '"'],
    ['&#8211;', ' '],
    ['&#8212;', ' '],
    ['&#8230;', ' '],
    ['&hellip;', ' '],
    ['&quot;', '"'],
    ['&#039;', "'"],
    ['&lt;', '<'],
    ['&gt;', '>'],
    ['&#038;', '&'],
    ['&amp;', '&'],
  ];
  return entities.reduce(
    (sql, [from, to]) => `replace(${sql}, '${from}', '${to.replace(/'/g, "''")}')`,
    stripped,
  );
}

/** The space's name for item `i` (comments are filed under their post's space). */
function spaceName(i: string): string {
  return `coalesce((SELECT s.name FROM rse_spaces s WHERE s.account_id = ${i}.account_id
      AND s.remote_id = coalesce(${i}.space_remote_id,
        (SELECT p.space_remote_id FROM rse_items p WHERE p.id = ${i}.post_id))), '')`;
}

/** Index rows for the items `i` that the FROM/WHERE clause `from` selects. */
function indexRows(i: string, from: string): string {
  return `INSERT INTO rse_items_fts (rowid, title, body, author, space)
    SELECT ${i}.id, coalesce(${i}.title, ''), ${htmlText(`${i}.body_html`)}, ${i}.author_name,
      ${spaceName(i)}
    ${from}`;
}

// Items of one space, posts and their comments, for a space that was renamed or came back.
const ITEMS_OF_SPACE = `FROM rse_items i WHERE i.account_id = new.account_id AND i.deleted = 0
      AND coalesce(i.space_remote_id,
        (SELECT p.space_remote_id FROM rse_items p WHERE p.id = i.post_id)) = new.remote_id`;

export const migration0012: Migration = {
  version: 12,
  name: 'rse-search',
  up: `
    CREATE VIRTUAL TABLE rse_items_fts USING fts5 (
      title, body, author, space,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TRIGGER rse_items_fts_insert AFTER INSERT ON rse_items WHEN new.deleted = 0 BEGIN
      ${indexRows('i', 'FROM rse_items i WHERE i.id = new.id')};
    END;
    -- Every poll upserts what it read and the writer recomputes counts on posts; only a
    -- change of searchable text (or deletion, or restoration) touches the index.
    CREATE TRIGGER rse_items_fts_update AFTER UPDATE ON rse_items
      WHEN old.title IS NOT new.title OR old.body_html IS NOT new.body_html
        OR old.author_name IS NOT new.author_name OR old.deleted IS NOT new.deleted
        OR old.space_remote_id IS NOT new.space_remote_id OR old.post_id IS NOT new.post_id
    BEGIN
      DELETE FROM rse_items_fts WHERE rowid = old.id;
      ${indexRows('i', 'FROM rse_items i WHERE i.id = new.id AND i.deleted = 0')};
    END;
    CREATE TRIGGER rse_items_fts_delete AFTER DELETE ON rse_items BEGIN
      DELETE FROM rse_items_fts WHERE rowid = old.id;
    END;

    CREATE TRIGGER rse_spaces_fts_rename AFTER UPDATE OF name ON rse_spaces
      WHEN old.name IS NOT new.name
    BEGIN
      DELETE FROM rse_items_fts WHERE rowid IN (SELECT i.id ${ITEMS_OF_SPACE});
      ${indexRows('i', ITEMS_OF_SPACE)};
    END;
    CREATE TRIGGER rse_spaces_fts_insert AFTER INSERT ON rse_spaces BEGIN
      DELETE FROM rse_items_fts WHERE rowid IN (SELECT i.id ${ITEMS_OF_SPACE});
      ${indexRows('i', ITEMS_OF_SPACE)};
    END;

    -- Items stored before this version become searchable at once.
    ${indexRows('i', 'FROM rse_items i WHERE i.deleted = 0')};
  `,
};
