// Handlers of a mail account's sync choices (shared/requests/folders.ts). A change starts
// a pass at once, so a folder just chosen fills without waiting for the next poll.
import type { Handlers } from '../../../shared/contract';
import type { MailSyncChoices } from '../../../shared/requests/folders';
import type { CoreContext } from '../core-context';
import type { StoredAccount } from '../db/accounts';
import { isAccountPaused } from '../db/snoozes';
import { CoreError } from '../errors';
import type { FolderStore } from '../mail/mail-store';
import { engineFor, requireAccount } from './foundation';

export function folderHandlers(ctx: CoreContext) {
  function foldersOf(accountId: string): { account: StoredAccount; folders: FolderStore } {
    const account = requireAccount(ctx, accountId);
    const folders = ctx.mailStore.folders;
    if (account.kind !== 'imap' || !folders) {
      throw new CoreError('invalid-params', 'Only mail accounts have folders.');
    }
    return { account, folders };
  }

  function choices(folders: FolderStore, accountId: string): MailSyncChoices {
    return {
      folders: folders.listFolders(accountId).map((f) => ({
        path: f.path,
        role: f.role,
        syncEnabled: f.syncEnabled,
        chosen: f.syncOverride !== null,
      })),
      windowDays: folders.getSyncSettings(accountId).windowDays,
    };
  }

  function syncSoon(account: StoredAccount): void {
    if (ctx.options.backgroundSync === false || isAccountPaused(ctx.db, account.id)) return;
    void engineFor(ctx, account)
      .then((engine) => engine.syncOnce())
      .catch((error: unknown) => ctx.log(`[folders] sync after a change failed: ${String(error)}`));
  }

  return {
    'folders.list': async ({ accountId }) => {
      const { folders } = foldersOf(accountId);
      return choices(folders, accountId);
    },

    'folders.setSync': async ({ accountId, path, sync }) => {
      const { account, folders } = foldersOf(accountId);
      if (!folders.listFolders(accountId).some((f) => f.path === path)) {
        throw new CoreError('not-found', `There is no folder "${path}" in ${account.name}.`);
      }
      folders.setFolderSync(accountId, path, sync);
      syncSoon(account);
      return choices(folders, accountId);
    },

    'folders.setWindow': async ({ accountId, windowDays }) => {
      const { account, folders } = foldersOf(accountId);
      folders.setSyncSettings(accountId, { windowDays });
      syncSoon(account);
      return choices(folders, accountId);
    },
  } satisfies Partial<Handlers>;
}
