// One sync pass of an account over one session: the folder list, then the headers of
// every synced folder (inbox first) so the timeline fills within seconds, then bodies.
import type { ImapFlow } from 'imapflow';
import { syncMailboxBodies } from './body-sync';
import { INBOX, planFolders } from './folders';
import type { MailboxState, MailStore } from './mail-store';
import { syncMailboxOnce, type SyncMailboxOptions } from './mailbox-sync';

export type PassScope =
  /** LIST, every synced folder's headers, then a bounded slice of bodies. */
  | 'all'
  /** What a push on the selected inbox needs: its changes and new headers, then a few bodies. */
  | 'inbox'
  /** Polling: every synced folder but the inbox (IDLE watches that one). */
  | 'others'
  /** Background body download only. */
  | 'bodies';

export interface PassOptions {
  accountId: string;
  store: MailStore;
  scope: PassScope;
  /** Fetch every missing body (a full catch-up, `sync --once`) instead of a bounded slice. */
  allBodies?: boolean;
  /** Folders to sync instead of discovering them. */
  explicit?: string[];
  sync?: SyncMailboxOptions;
  isCancelled: () => boolean;
  log: (line: string) => void;
}

export interface PassResult {
  /** Some folder still has messages without a body, and this pass made progress on them. */
  moreBodies: boolean;
  /** The inbox changed on the server since it was synced, while another folder was selected. */
  inboxMovedOn: boolean;
}

export async function runPass(client: ImapFlow, o: PassOptions): Promise<PassResult> {
  const { store, accountId } = o;
  let paths: string[];
  if (o.scope === 'inbox') paths = [INBOX];
  else if (o.scope === 'bodies' && o.explicit) paths = o.explicit;
  else {
    // LIST every time the folder set matters: one round trip, and renames/deletes show up.
    const plan = await planFolders(client, store, accountId, o.explicit);
    if (plan.removed.length) o.log(`folders gone on the server: ${plan.removed.join(', ')}`);
    paths = o.scope === 'others' ? plan.paths.filter((p) => p !== INBOX) : plan.paths;
  }
  const windowDays = store.folders?.getSyncSettings(accountId).windowDays ?? null;

  if (o.scope !== 'bodies') {
    for (const path of paths) {
      if (o.isCancelled()) break;
      try {
        await syncMailboxOnce(client, store, accountId, path, {
          windowDays,
          ...o.sync,
          // A full catch-up wants every body now: new messages come with theirs in one
          // FETCH pass; the body loop below then only finds older messages still missing one.
          withBodies: o.allBodies === true,
          maxBodiesPerPass: 0,
          isCancelled: o.isCancelled,
        });
      } catch (error) {
        // Deleted between LIST and SELECT: the next LIST removes it; other folders go on.
        if ((error as { mailboxMissing?: boolean }).mailboxMissing) {
          o.log(`folder ${path} disappeared during the sync`);
          continue;
        }
        throw error;
      }
    }
  }

  const perFolder = o.allBodies ? Infinity : (o.sync?.maxBodiesPerPass ?? 500);
  let moreBodies = false;
  for (const path of paths) {
    if (o.isCancelled()) break;
    const budget = o.scope === 'inbox' ? Math.min(perFolder, 50) : perFolder;
    const stored = await syncMailboxBodies(client, store, accountId, path, {
      ...o.sync,
      maxBodies: budget,
      isCancelled: o.isCancelled,
    }).catch((error: unknown) => {
      if ((error as { mailboxMissing?: boolean }).mailboxMissing) return 0;
      throw error;
    });
    // Progress is required too: a message expunged under us never gets a body.
    if (stored > 0 && store.listUidsMissingBody(accountId, path, 1).length) moreBodies = true;
  }

  return { moreBodies, inboxMovedOn: await returnToInbox(client, store, accountId) };
}

/**
 * Leaves the inbox selected, since IDLE watches whatever is selected, and says whether it
 * moved on since it was last synced. Mail delivered to it while another folder was
 * selected raised no EXISTS on this session: without this it would wait for the next one.
 */
export async function returnToInbox(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
): Promise<boolean> {
  const open = client.mailbox;
  if (open && open.path.toUpperCase() === INBOX) return false;
  const lock = await client.getMailboxLock(INBOX);
  lock.release();
  const inbox = client.mailbox;
  return inbox ? movedOn(inbox, store.getMailboxState(accountId, INBOX)) : false;
}

/** What SELECT reported; a server that lies may leave any of it out. */
interface SelectedMailbox {
  uidValidity?: bigint;
  uidNext?: number;
  highestModseq?: bigint;
}

function movedOn(selected: SelectedMailbox, synced: MailboxState | null): boolean {
  // An inbox that is not synced (left out of the folder choice) has nothing to catch up.
  if (!synced) return false;
  const { uidValidity, uidNext } = selected;
  if (synced.uidValidity !== null && uidValidity !== undefined) {
    if (BigInt(uidValidity) !== synced.uidValidity) return true;
  }
  if (uidNext !== undefined && uidNext - 1 > synced.lastSeenUid) return true;
  // Flags changed or messages expunged: CONDSTORE servers move HIGHESTMODSEQ for both.
  return (
    synced.highestModseq !== null &&
    selected.highestModseq !== undefined &&
    BigInt(selected.highestModseq) !== synced.highestModseq
  );
}
