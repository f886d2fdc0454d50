// Requests of a mail account's folders: which sync (by default all but Junk, Trash and the
// virtual All/Flagged), how far back new messages are fetched, and emptying Trash or Junk.
import { z } from 'zod';
import { id, request } from './define';
import type { TaskInfo } from './mail-actions';

export interface FolderSetting {
  path: string;
  /** Special-use role (RFC 6154) or null for the user's own folders. */
  role: string | null;
  syncEnabled: boolean;
  /** The user chose; false: the role's default applies. */
  chosen: boolean;
}

export interface MailSyncChoices {
  folders: FolderSetting[];
  /** Only messages of the last N days are fetched; null: everything. */
  windowDays: number | null;
}

const accountId = id;

export const folderRequests = {
  'folders.list': request<MailSyncChoices>()(z.object({ accountId }).strict()),
  /** true or false: the user's choice for the folder; null: back to the role's default. */
  'folders.setSync': request<MailSyncChoices>()(
    z
      .object({ accountId, path: z.string().min(1).max(1000), sync: z.boolean().nullable() })
      .strict(),
  ),
  /** Every message of the account's Trash or Junk, for good; other folders are refused. */
  'folders.empty': request<TaskInfo[]>()(
    z.object({ accountId, path: z.string().min(1).max(1000) }).strict(),
  ),
  /** Applies to messages fetched from now on; what is stored stays. */
  'folders.setWindow': request<MailSyncChoices>()(
    z.object({ accountId, windowDays: z.number().int().min(1).max(36_500).nullable() }).strict(),
  ),
} as const;
