// Folder discovery: LIST with the SPECIAL-USE return option (RFC 6154 §2, RFC 5258) and
// the UIDVALIDITY of each folder (LIST-STATUS, RFC 5819, or STATUS per folder when the
// server lacks it; imapflow picks), then the account's choice of folders to sync.
import type { ImapFlow } from 'imapflow';
import type { FolderRole, MailStore, ServerFolder } from './mail-store';

export const INBOX = 'INBOX';

const ROLES: Record<string, FolderRole> = {
  '\\inbox': 'inbox',
  '\\sent': 'sent',
  '\\archive': 'archive',
  '\\trash': 'trash',
  '\\junk': 'junk',
  '\\drafts': 'drafts',
  '\\all': 'all',
  '\\flagged': 'flagged',
};

/** The role for a special-use attribute (as imapflow reports it), else null. */
export function roleOf(specialUse: string | undefined, path: string): FolderRole | null {
  if (path.toUpperCase() === INBOX) return 'inbox';
  return specialUse ? (ROLES[specialUse.toLowerCase()] ?? null) : null;
}

/** Every selectable folder on the server, with its role and UIDVALIDITY. */
export async function listServerFolders(client: ImapFlow): Promise<ServerFolder[]> {
  const entries = await client.list({ statusQuery: { uidValidity: true } });
  const folders: ServerFolder[] = [];
  for (const entry of entries) {
    const flags = [...entry.flags].map((f) => f.toLowerCase());
    // RFC 3501 §7.2.2 \Noselect and RFC 5258 §3.4 \NonExistent name a hierarchy level, not a folder.
    if (flags.includes('\\noselect') || flags.includes('\\nonexistent')) continue;
    const path = entry.path.toUpperCase() === INBOX ? INBOX : entry.path;
    folders.push({
      path,
      role: roleOf(entry.specialUse, path),
      delimiter: entry.delimiter || null,
      uidValidity: entry.status?.uidValidity ? BigInt(entry.status.uidValidity) : null,
    });
  }
  return folders;
}

export interface FolderPlan {
  /** Folders to sync, INBOX first so the timeline fills with what matters most. */
  paths: string[];
  /** Paths deleted or renamed away on the server during this refresh. */
  removed: string[];
}

/**
 * Refreshes the stored folder list from the server and returns what to sync. A store
 * without folder support (or an explicit list from the caller) syncs the given folders.
 */
export async function planFolders(
  client: ImapFlow,
  store: MailStore,
  accountId: string,
  explicit: string[] | undefined,
): Promise<FolderPlan> {
  if (explicit || !store.folders) {
    const rest = (explicit ?? [INBOX]).filter((p) => p.toUpperCase() !== INBOX);
    return { paths: [INBOX, ...rest], removed: [] };
  }
  const changes = store.folders.applyFolderList(accountId, await listServerFolders(client));
  const enabled = store.folders
    .listFolders(accountId)
    .filter((f) => f.syncEnabled)
    .map((f) => f.path);
  const paths = enabled.includes(INBOX) ? [INBOX, ...enabled.filter((p) => p !== INBOX)] : enabled;
  return { paths, removed: [...changes.removed, ...changes.renamed.map((r) => r.from)] };
}
