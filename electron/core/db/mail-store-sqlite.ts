// MailStore over SQLite: each call is one transaction through the single Writer, so a
// batch of messages and the checkpoint that covers it commit together or not at all.
import { parseFetched, parseSources, saveBodies } from '../mail/fetched-message';
import type { FolderStore, MailboxState, MailStore } from '../mail/mail-store';
import type { Db } from './connection';
import type { Writer } from './deltas';
import {
  ensureMailbox,
  getMailbox,
  getSyncSettingsRow,
  listFolderRows,
  reconcileFolders,
  setFolderSyncRow,
  setSyncSettingsRow,
  updateCheckpoint,
} from './mailboxes';
import {
  findMessage,
  getMessageByUid,
  insertMessage,
  setMessageFlags,
  setMessageThread,
  storedUids,
  updateMessage,
} from './messages';
import { attachmentNames, insertAttachments, saveParsedBody } from './attachments';
import { indexMessage, reindexMessage } from './search-index';
import { saveMessageListId, saveMessageUnsubscribe } from './message-lists';
import type { DeltaCollector } from './deltas';
import { assignThread, linkedIds, refreshThreads } from './threads';
import { removeByUid } from './remove-messages';
import { BatchThreadLinks } from './thread-links';
import { stmt } from './statements';
import type { StoreOffload } from './store-offload';
import { hasCarriedState, rememberLocalState, restoreLocalState } from './local-state-carry';

/** `offload`: the store worker that parses and stores catch-up batches, when the host built one. */
export function createSqliteMailStore(writer: Writer, offload?: StoreOffload): MailStore {
  const db = writer.db;
  // Inside batch(), calls share its transaction and delta collector instead of opening a
  // savepoint each: FTS5 flushes its pending terms to a new segment at every savepoint,
  // which made a batch of bodies cost as much as one transaction per body. A call that
  // throws poisons the batch, so a caller that catches it still cannot commit half a call.
  let open: { deltas: DeltaCollector; failed: unknown } | null = null;
  const write = <T>(fn: (deltas: DeltaCollector) => T): T => {
    if (!open) return writer.write(fn);
    try {
      return fn(open.deltas);
    } catch (error) {
      open.failed ??= error;
      throw error;
    }
  };
  const mailboxIdOf = (accountId: string, path: string): number =>
    (
      stmt(db, 'SELECT id FROM mailboxes WHERE account_id = ? AND path = ?').get(
        accountId,
        path,
      ) as { id: number } | undefined
    )?.id ?? ensureMailbox(db, accountId, path);

  const folders: FolderStore = {
    applyFolderList(accountId, list) {
      return writer.write((deltas) => {
        const { deleteIds, ...changes } = reconcileFolders(db, accountId, list);
        for (const mailboxId of deleteIds) {
          // A folder deleted on the server takes its messages along; their threads shrink.
          const removed = stmt(db, 'SELECT id, thread_id FROM messages WHERE mailbox_id = ?').all(
            mailboxId,
          ) as { id: number; thread_id: number | null }[];
          stmt(db, 'DELETE FROM messages WHERE mailbox_id = ?').run(mailboxId);
          stmt(db, 'DELETE FROM mailboxes WHERE id = ?').run(mailboxId);
          deltas.add(
            'messages',
            'delete',
            removed.map((m) => m.id),
          );
          refreshThreads(db, threadIdsOf(removed), deltas);
        }
        return changes;
      });
    },
    listFolders: (accountId) => listFolderRows(db, accountId),
    setFolderSync: (accountId, path, enabled) =>
      writer.write(() => setFolderSyncRow(db, accountId, path, enabled)),
    getSyncSettings: (accountId) => getSyncSettingsRow(db, accountId),
    setSyncSettings: (accountId, settings) =>
      writer.write(() => setSyncSettingsRow(db, accountId, settings)),
  };

  const store: MailStore = {
    folders,

    batch: (fn) => {
      if (open) return fn();
      return writer.write((deltas) => {
        const batch = (open = { deltas, failed: undefined as unknown });
        try {
          const result = fn();
          if (batch.failed !== undefined) throw batch.failed;
          return result;
        } finally {
          open = null;
        }
      });
    },

    getMailboxState(accountId: string, path: string): MailboxState | null {
      const mailbox = getMailbox(db, accountId, path);
      if (!mailbox) return null;
      const { id: _id, ...state } = mailbox;
      return state;
    },

    resetMailbox(accountId, path, uidValidity) {
      write((deltas) => {
        const mailboxId = mailboxIdOf(accountId, path);
        const removed = stmt(db, 'SELECT id, thread_id FROM messages WHERE mailbox_id = ?').all(
          mailboxId,
        ) as { id: number; thread_id: number | null }[];
        stmt(db, 'DELETE FROM messages WHERE mailbox_id = ?').run(mailboxId);
        stmt(
          db,
          'UPDATE mailboxes SET uid_validity = ?, highest_modseq = NULL, last_seen_uid = 0 WHERE id = ?',
        ).run(uidValidity.toString(), mailboxId);
        deltas.add(
          'messages',
          'delete',
          removed.map((m) => m.id),
        );
        refreshThreads(db, threadIdsOf(removed), deltas);
      });
    },

    // Local state across a UIDVALIDITY change: db/local-state-carry.ts.
    rememberLocalState(accountId, path) {
      write(() => rememberLocalState(db, accountId, path));
    },
    restoreLocalState(accountId, path, final) {
      if (!hasCarriedState(db, accountId, path)) return;
      write((deltas) => {
        const { moved } = restoreLocalState(db, accountId, path, final);
        if (moved.length) deltas.add('threads', 'update', moved);
      });
    },

    saveMessages(accountId, path, messages, checkpoint) {
      write((deltas) => {
        const mailboxId = mailboxIdOf(accountId, path);
        const touched = new Set<number>();
        // Two reads for the whole batch instead of two per message: which UIDs are stored
        // (an initial sync: none) and the thread links of every id the batch names.
        const stored = storedUids(
          db,
          mailboxId,
          messages.map((m) => m.uid),
        );
        const links = new BatchThreadLinks(db, accountId, messages.flatMap(linkedIds));
        for (const message of messages) {
          // A UID stored before the batch, or twice in it, is read again: a merge earlier in
          // the batch may have moved its row to another thread.
          const existing = stored.has(message.uid) ? findMessage(db, mailboxId, message.uid) : null;
          if (!existing) {
            // Threaded before the insert, so the row is written once with its thread.
            const threadId = assignThread(
              db,
              accountId,
              message,
              message,
              deltas,
              undefined,
              links,
            );
            const id = insertMessage(db, accountId, mailboxId, message, threadId);
            stored.add(message.uid);
            if (message.listId) saveMessageListId(db, id, message.listId);
            if (message.unsubscribe) saveMessageUnsubscribe(db, id, message.unsubscribe);
            // A body parsed with the header is indexed with it: one FTS5 row per message.
            const names = message.bodyExtras
              ? insertAttachments(db, id, message.bodyExtras.attachments)
              : '';
            indexMessage(db, id, message, message.bodyText, names);
            deltas.add('messages', 'insert', [id]);
            touched.add(threadId);
            continue;
          }
          updateMessage(db, accountId, mailboxId, message, existing.id);
          // Changed headers reindex through a trigger; a body given with the header here.
          if (message.bodyText !== null && message.bodyExtras) {
            saveParsedBody(db, existing.id, message.bodyText, message.snippet, message.bodyExtras);
          } else if (message.bodyText !== null) {
            reindexMessage(db, existing.id, message.bodyText, attachmentNames(db, existing.id));
          }
          deltas.add('messages', 'update', [existing.id]);
          const threadId = assignThread(db, accountId, message, message, deltas, undefined, links);
          if (threadId !== existing.thread_id) setMessageThread(db, existing.id, threadId);
          touched.add(threadId);
          if (existing.thread_id !== null) touched.add(existing.thread_id);
        }
        // A missing field leaves the checkpoint as it is: the sync fetches newest first, so
        // only it knows when every UID below a batch is safely stored.
        updateCheckpoint(db, mailboxId, checkpoint);
        refreshThreads(db, existingThreads(db, touched), deltas);
      });
    },

    updateFlags(accountId, path, changes, highestModseq) {
      write((deltas) => {
        const mailboxId = mailboxIdOf(accountId, path);
        const touched = new Set<number>();
        for (const change of changes) {
          const message = getMessageByUid(db, mailboxId, change.uid);
          if (!message || message.flags === JSON.stringify(change.flags)) continue;
          setMessageFlags(db, message.id, change.flags);
          deltas.add('messages', 'update', [message.id]);
          if (message.thread_id !== null) touched.add(message.thread_id);
        }
        if (highestModseq !== undefined) updateCheckpoint(db, mailboxId, { highestModseq });
        refreshThreads(db, touched, deltas);
      });
    },

    removeMessages(accountId, path, uids) {
      if (uids.length === 0) return;
      write((deltas) => removeByUid(db, accountId, path, uids, deltas));
    },

    saveBody(accountId, path, uid, bodyText, snippet, extras) {
      write((deltas) => {
        const message = findMessage(db, mailboxIdOf(accountId, path), uid);
        if (!message) return;
        saveParsedBody(db, message.id, bodyText, snippet, extras);
        deltas.add('messages', 'update', [message.id]);
        if (message.thread_id !== null) deltas.add('threads', 'update', [message.thread_id]);
      });
    },

    listUids(accountId, path) {
      const mailbox = getMailbox(db, accountId, path);
      if (!mailbox) return [];
      return (
        stmt(db, 'SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid').all(mailbox.id) as {
          uid: number;
        }[]
      ).map((r) => r.uid);
    },

    listUidsMissingBody(accountId, path, limit) {
      const mailbox = getMailbox(db, accountId, path);
      if (!mailbox) return [];
      return (
        stmt(
          db,
          'SELECT uid FROM messages WHERE mailbox_id = ? AND body_text IS NULL ORDER BY uid DESC LIMIT ?',
        ).all(mailbox.id, limit) as { uid: number }[]
      ).map((r) => r.uid);
    },
  };
  /** UID → row id of the stored messages among `uids` in the folder. */
  function uidsIn(accountId: string, path: string, uids: number[]): Map<number, string> {
    const mailbox = getMailbox(db, accountId, path);
    if (!mailbox || uids.length === 0) return new Map();
    const rows = stmt(
      db,
      'SELECT uid, id FROM messages WHERE mailbox_id = ? AND uid IN (SELECT value FROM json_each(?))',
    ).all(mailbox.id, JSON.stringify(uids)) as { uid: number; id: number }[];
    return new Map(rows.map((r) => [r.uid, String(r.id)]));
  }

  // Offered only with a worker: without one the sync parses and stores in its own thread,
  // as it does here when the worker is unavailable.
  if (offload) {
    store.saveFetched = async (accountId, path, items, checkpoint) => {
      const uids = items.map((item) => (item.source === null ? item.message.uid : item.facts.uid));
      const storedBefore = uidsIn(accountId, path, uids);
      const saved = await offload.save({ kind: 'messages', accountId, path, items, checkpoint });
      if (saved !== 'unavailable') {
        writer.announce(saved.deltas);
        return;
      }
      // A worker that stopped after committing never said what it inserted: storing the
      // batch again finds those rows and reports updates, and the notifications (which
      // hear of inserts) would miss them. Announced here as the inserts they were.
      const committedUnheard = [...uidsIn(accountId, path, uids).keys()].filter(
        (uid) => !storedBefore.has(uid),
      );
      store.saveMessages(accountId, path, await parseFetched(items), checkpoint);
      const ids = [...uidsIn(accountId, path, committedUnheard).values()];
      if (ids.length > 0) writer.announce([{ table: 'messages', op: 'insert', ids }]);
    };
    store.saveFetchedBodies = async (accountId, path, sources, parsed) => {
      const saved = await offload.save({ kind: 'bodies', accountId, path, sources, parsed });
      if (saved !== 'unavailable') {
        writer.announce(saved.deltas);
        return saved.savedUids;
      }
      const all = [...(await parseSources(sources)), ...parsed];
      saveBodies(store, accountId, path, all);
      return all.map((p) => p.uid);
    };
  }
  return store;
}

function threadIdsOf(rows: { thread_id: number | null }[]): number[] {
  return rows.map((r) => r.thread_id).filter((id): id is number => id !== null);
}

/** Threads merged away during the batch no longer exist; refresh only the survivors. */
function existingThreads(db: Db, ids: Set<number>): number[] {
  const exists = stmt(db, 'SELECT 1 FROM threads WHERE id = ?');
  return [...ids].filter((id) => exists.get(id) !== undefined);
}
