// Address suggestions for the composer, read from the addresses of synced mail (from,
// to, cc). No table of its own: the recent messages are the address book, so it is
// never stale and needs no sync of its own.
import type { ContactSuggestion } from '../../../shared/requests/compose';
import type { Db } from './connection';
import { stmt } from './statements';

/** How many of the newest messages are looked at: bounds the cost on large mailboxes. */
const RECENT_MESSAGES = 20_000;

/** LIKE patterns match literally: % and _ typed by the user are not wildcards. */
function likePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Ranked by frequency damped by age (a month halves an address's weight), so the people
 * written to often and lately come first.
 */
export function suggestContacts(db: Db, prefix: string, limit: number): ContactSuggestion[] {
  const starts = likePrefix(prefix);
  const rows = stmt(
    db,
    `WITH recent AS (
       SELECT from_json, to_json, cc_json, date FROM messages ORDER BY date DESC LIMIT ${RECENT_MESSAGES}
     ), people AS (
       SELECT j.value AS person, r.date FROM recent r, json_each(r.to_json) j
       UNION ALL SELECT j.value, r.date FROM recent r, json_each(r.cc_json) j
       UNION ALL SELECT r.from_json, r.date FROM recent r WHERE r.from_json IS NOT NULL
     ), flat AS (
       SELECT lower(json_extract(person, '$.address')) AS address,
              json_extract(person, '$.name') AS name, date FROM people
     )
     SELECT address, max(name) AS name, count(*) AS count, max(date) AS last_seen
     FROM flat
     WHERE address LIKE @starts ESCAPE '\\'
        OR lower(name) LIKE @starts ESCAPE '\\'
        OR lower(name) LIKE '% ' || @starts ESCAPE '\\'
     GROUP BY address
     ORDER BY count(*) / (1.0 + max(0, julianday('now') - julianday(max(date))) / 30.0) DESC,
              max(date) DESC
     LIMIT @limit`,
  ).all({ starts, limit }) as {
    address: string;
    name: string | null;
    count: number;
    last_seen: string;
  }[];
  return rows.map((r) => ({
    name: r.name || null,
    address: r.address,
    count: r.count,
    lastSeen: r.last_seen,
  }));
}
