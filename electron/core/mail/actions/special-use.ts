// Finds the folder playing a role (Archive, Trash, Junk, Sent) through LIST's special-use
// attributes (RFC 6154), which imapflow also guesses from common names when a server does
// not announce them; creates a conventionally named folder when the account has none.
import type { ImapFlow } from 'imapflow';
import { ServerRefusal } from './session';

export type MailboxRole = 'archive' | 'trash' | 'junk' | 'sent' | 'drafts';

const ATTRIBUTE: Record<MailboxRole, string> = {
  archive: '\\Archive',
  trash: '\\Trash',
  junk: '\\Junk',
  sent: '\\Sent',
  drafts: '\\Drafts',
};

/** The name used when the server has no such folder, and the local guess before a LIST. */
export const CONVENTIONAL_NAME: Record<MailboxRole, string> = {
  archive: 'Archive',
  trash: 'Trash',
  junk: 'Junk',
  sent: 'Sent',
  drafts: 'Drafts',
};

export async function listFolders(
  client: ImapFlow,
): Promise<{ path: string; specialUse?: string }[]> {
  return (await client.list()).map((m) => ({ path: m.path, specialUse: m.specialUse }));
}

export async function findRoleFolder(client: ImapFlow, role: MailboxRole): Promise<string | null> {
  const folders = await listFolders(client);
  const byUse = folders.find((f) => f.specialUse === ATTRIBUTE[role]);
  if (byUse) return byUse.path;
  const wanted = CONVENTIONAL_NAME[role].toLowerCase();
  return folders.find((f) => f.path.toLowerCase() === wanted)?.path ?? null;
}

export async function ensureRoleFolder(client: ImapFlow, role: MailboxRole): Promise<string> {
  const found = await findRoleFolder(client, role);
  if (found) return found;
  const created = await client.mailboxCreate(CONVENTIONAL_NAME[role]);
  return created.path;
}

export async function requireFolder(client: ImapFlow, path: string): Promise<void> {
  const folders = await listFolders(client);
  if (!folders.some((f) => f.path === path)) {
    throw new ServerRefusal(`There is no folder "${path}" on the server.`);
  }
}
