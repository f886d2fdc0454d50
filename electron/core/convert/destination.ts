// Where the c key posts without asking: the destination remembered for this thread, else
// for its mailing list (List-Id) or one of its correspondents, else the mail account's
// default, else the last one used. Pure functions over a small preferences shape that
// the caller loads and saves; remembering returns a new value instead of mutating.

export interface DestinationRef {
  /** The RSE account. */
  accountId: string;
  spaceRemoteId: string;
}

export interface DestinationPreferences {
  byThread: Readonly<Record<string, DestinationRef>>;
  /** Keyed by List-Id, without angle brackets, lower-case. */
  byList: Readonly<Record<string, DestinationRef>>;
  /** Keyed by lower-case address. */
  byCorrespondent: Readonly<Record<string, DestinationRef>>;
  /** Keyed by mail account id; set by the user, not learnt. */
  byAccount: Readonly<Record<string, DestinationRef>>;
  lastUsed: DestinationRef | null;
}

export interface ThreadContext {
  threadId: string;
  mailAccountId: string;
  listId: string | null;
  /** The thread's other participants, most recent first (the user's own addresses excluded). */
  correspondents: readonly string[];
}

export type DestinationReason = 'thread' | 'list' | 'correspondent' | 'account' | 'last-used';

export const EMPTY_PREFERENCES: DestinationPreferences = {
  byThread: {},
  byList: {},
  byCorrespondent: {},
  byAccount: {},
  lastUsed: null,
};

function listKey(listId: string): string {
  return listId.trim().replace(/^<|>$/gu, '').toLowerCase();
}

export function resolveDestination(
  prefs: DestinationPreferences,
  thread: ThreadContext,
): { destination: DestinationRef; reason: DestinationReason } | null {
  const byThread = prefs.byThread[thread.threadId];
  if (byThread) return { destination: byThread, reason: 'thread' };
  // A list thread's senders change from one thread to the next; the list does not, so
  // it wins over them. A list never converted before falls back to its senders.
  const byList = thread.listId ? prefs.byList[listKey(thread.listId)] : undefined;
  if (byList) return { destination: byList, reason: 'list' };
  for (const address of thread.correspondents) {
    const found = prefs.byCorrespondent[address.trim().toLowerCase()];
    if (found) return { destination: found, reason: 'correspondent' };
  }
  const byAccount = prefs.byAccount[thread.mailAccountId];
  if (byAccount) return { destination: byAccount, reason: 'account' };
  return prefs.lastUsed ? { destination: prefs.lastUsed, reason: 'last-used' } : null;
}

/**
 * After a conversion: the thread, its list or else its correspondents, and "last used"
 * learn it. List mail teaches nothing about its senders: Bob writing to the dev list says
 * nothing about where Bob's direct mail belongs.
 */
export function rememberDestination(
  prefs: DestinationPreferences,
  thread: ThreadContext,
  destination: DestinationRef,
): DestinationPreferences {
  const byCorrespondent = { ...prefs.byCorrespondent };
  if (!thread.listId) {
    for (const address of thread.correspondents) {
      byCorrespondent[address.trim().toLowerCase()] = destination;
    }
  }
  return {
    ...prefs,
    byThread: { ...prefs.byThread, [thread.threadId]: destination },
    byList: thread.listId
      ? { ...prefs.byList, [listKey(thread.listId)]: destination }
      : prefs.byList,
    byCorrespondent,
    lastUsed: destination,
  };
}

/** The user's explicit default for a mail account (null clears it). */
export function setAccountDefault(
  prefs: DestinationPreferences,
  mailAccountId: string,
  destination: DestinationRef | null,
): DestinationPreferences {
  const byAccount = { ...prefs.byAccount };
  if (destination) byAccount[mailAccountId] = destination;
  else delete byAccount[mailAccountId];
  return { ...prefs, byAccount };
}
