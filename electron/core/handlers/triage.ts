// Handlers of triage: snooze with its wake-up timer, saved searches, pausing accounts and
// the sidebar summary. Waking goes through the same requests the UI uses (messages.act,
// rse.markRead), so "comes back unread" reaches the server through the outbox.
import type { Handlers } from '../../../shared/contract';
import type { SidebarAccount } from '../../../shared/requests/triage';
import type { CoreContext } from '../core-context';
import { listAccounts } from '../db/accounts';
import type { DeltaCollector } from '../db/deltas';
import { deleteSavedSearch, insertSavedSearch, listSavedSearches } from '../db/saved-searches';
import {
  accountOfItem,
  deleteSnooze,
  dueSnoozes,
  isAccountPaused,
  listSnoozes,
  markWoken,
  nextSnoozeAt,
  parseItemKey,
  setAccountPaused,
  setSnooze,
  type ItemRef,
} from '../db/snoozes';
import { stmt } from '../db/statements';
import { CoreError } from '../errors';
import { engineFor, requireAccount } from './foundation';

/** setTimeout's ceiling (~24.8 days); a later snooze re-arms when this fires. */
const MAX_DELAY = 2 ** 31 - 1;

function touch(deltas: DeltaCollector, ref: ItemRef): void {
  deltas.add(ref.source === 'mail' ? 'threads' : 'rse_items', 'update', [ref.n]);
}

export function triageHandlers(ctx: CoreContext, all: () => Handlers) {
  const { db, writer } = ctx;
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;

  /**
   * Back unread and on top: on top at once (the snooze row goes in the same transaction,
   * so the item never shows at its old place), then unread through the outbox.
   */
  async function wake(ref: ItemRef): Promise<void> {
    if (ref.source === 'mail') {
      const row = stmt(db, 'SELECT latest_message FROM threads WHERE id = ?').get(ref.n) as
        { latest_message: number | null } | undefined;
      if (row?.latest_message != null) {
        await all()['messages.act']({ action: 'unread', messageIds: [String(row.latest_message)] });
      }
    } else {
      await all()['rse.markRead']({ postId: String(ref.n), read: false });
    }
  }

  async function wakeDue(): Promise<void> {
    for (const key of dueSnoozes(db, new Date())) {
      const ref = parseItemKey(key);
      const exists = ref !== null && accountOfItem(db, ref) !== null;
      writer.write((deltas) => {
        deleteSnooze(db, key);
        if (!ref) return;
        if (exists) markWoken(db, ref, new Date().toISOString());
        touch(deltas, ref);
      });
      if (!ref || !exists) continue;
      try {
        await wake(ref);
      } catch (error) {
        ctx.log(`Snooze: could not bring back ${key}: ${String(error)}`);
      }
    }
  }

  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (disposed) return;
    const at = nextSnoozeAt(db);
    if (!at) return;
    const delay = Math.min(MAX_DELAY, Math.max(0, at.getTime() - Date.now()));
    timer = setTimeout(() => {
      void wakeDue().finally(arm);
    }, delay);
  }

  ctx.onDispose(() => {
    disposed = true;
    if (timer) clearTimeout(timer);
  });
  // Start-up check: snoozes that fell due while the app was closed wake now.
  arm();

  function sidebar(): SidebarAccount[] {
    const folders = stmt(
      db,
      `SELECT mb.id, mb.account_id, mb.path, mb.role,
         (SELECT count(*) FROM messages m WHERE m.mailbox_id = mb.id AND m.seen = 0) AS unread
       FROM mailboxes mb WHERE mb.listed = 1 ORDER BY mb.path`,
    ).all() as {
      id: number;
      account_id: string;
      path: string;
      role: string | null;
      unread: number;
    }[];
    const spaces = stmt(
      db,
      `SELECT s.account_id, s.remote_id, s.name,
         (SELECT count(*) FROM rse_items p WHERE p.account_id = s.account_id
            AND p.space_remote_id = s.remote_id AND p.kind = 'post' AND p.deleted = 0
            AND p.unread_count > 0) AS unread
       FROM rse_spaces s WHERE s.followed = 1 ORDER BY s.name`,
    ).all() as { account_id: string; remote_id: string; name: string; unread: number }[];
    return listAccounts(db).map((account) => {
      const own = folders.filter((f) => f.account_id === account.id);
      const ownSpaces = spaces.filter((s) => s.account_id === account.id);
      const inbox = own.find((f) => f.role === 'inbox' || f.path.toUpperCase() === 'INBOX');
      return {
        accountId: account.id,
        paused: isAccountPaused(db, account.id),
        unread: inbox ? inbox.unread : ownSpaces.reduce((n, s) => n + s.unread, 0),
        folders: own.map((f) => ({ id: f.id, path: f.path, role: f.role, unread: f.unread })),
        spaces: ownSpaces.map((s) => ({ remoteId: s.remote_id, name: s.name, unread: s.unread })),
      };
    });
  }

  return {
    'triage.snooze': async ({ itemIds, until }) => {
      const refs = itemIds.map((key) => parseItemKey(key)).filter((r): r is ItemRef => !!r);
      const iso = until === null ? null : new Date(until).toISOString();
      writer.write((deltas) => {
        for (const ref of refs) {
          const accountId = accountOfItem(db, ref);
          if (accountId === null) throw new CoreError('not-found', `No item ${ref.key}.`);
          // null cancels: the item returns where it was (what Undo means), not as new.
          if (iso === null) deleteSnooze(db, ref.key);
          else setSnooze(db, ref.key, accountId, iso);
          touch(deltas, ref);
        }
      });
      arm();
      const keys = new Set(itemIds);
      return listSnoozes(db).filter((s) => keys.has(s.itemId));
    },

    'triage.snoozes': async () => listSnoozes(db),

    'triage.sidebar': async () => sidebar(),

    'searches.list': async () => listSavedSearches(db),

    'searches.save': async ({ name, query }) =>
      writer.write(() => insertSavedSearch(db, name, query)),

    'searches.remove': async ({ id }) => {
      if (!writer.write(() => deleteSavedSearch(db, id))) {
        throw new CoreError('not-found', `No saved search with id ${id}.`);
      }
      return null;
    },

    'accounts.setPaused': async ({ id, paused }) => {
      const account = requireAccount(ctx, id);
      writer.write((deltas) => {
        setAccountPaused(db, account.id, paused);
        deltas.add('accounts', 'update', [account.id]);
      });
      if (paused) await ctx.sync.remove(account.id);
      else if (ctx.options.backgroundSync !== false) (await engineFor(ctx, account)).start();
      return null;
    },
  } satisfies Partial<Handlers>;
}

export { isAccountPaused };
