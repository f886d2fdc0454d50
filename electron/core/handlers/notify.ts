// Handlers of notifications: settings, do-not-disturb, muted threads and the unread
// count. Building the group also starts the notifier that feeds `notify.show`.
import type { EventEmitter } from 'node:events';
import type { Handlers } from '../../../shared/contract';
import type { NotifySettings } from '../../../shared/requests/notify';
import type { CoreContext } from '../core-context';
import { stmt } from '../db/statements';
import { CoreError } from '../errors';
import { startNotifier, type NotifierOptions } from '../notify/notifier';
import {
  readSettings,
  setThreadMuted,
  unreadMailCount,
  writeLocale,
  writeSettings,
} from '../notify/notify-store';
import { isDndActive, tomorrowMorning } from '../notify/policy';
import { rseMuteTarget, unreadRseCount } from '../notify/rse-source';

export function notifyHandlers(
  ctx: CoreContext,
  events: Pick<EventEmitter, 'on' | 'off'>,
  options: NotifierOptions = {},
) {
  const { db, writer } = ctx;
  const notifier = startNotifier(ctx, events, options);
  ctx.onDispose(() => notifier.dispose());

  const update = (change: (settings: NotifySettings) => NotifySettings): NotifySettings =>
    writer.write(() => {
      const next = change(readSettings(db));
      writeSettings(db, next);
      return next;
    });

  return {
    'notify.getSettings': async () => readSettings(db),

    'settings.setLocale': async ({ locale }) => {
      writer.write(() => writeLocale(db, locale));
      return null;
    },

    'notify.setSettings': async (patch) =>
      update((current) => {
        const sources = { ...current.sources };
        // null resets a source to the default (all).
        for (const [id, mode] of Object.entries(patch.sources ?? {})) {
          if (mode === null) delete sources[id];
          else sources[id] = mode;
        }
        return {
          ...current,
          ...(patch.unreadCountMode ? { unreadCountMode: patch.unreadCountMode } : {}),
          ...(patch.closeToTray !== undefined ? { closeToTray: patch.closeToTray } : {}),
          ...(patch.launchAtLogin !== undefined ? { launchAtLogin: patch.launchAtLogin } : {}),
          sources,
          dnd: { ...current.dnd, ...patch.dnd },
        };
      }),

    'notify.dnd': async (params) =>
      update((current) => {
        const until =
          params.action === 'for'
            ? new Date(Date.now() + params.minutes * 60_000).toISOString()
            : params.action === 'until'
              ? new Date(params.until).toISOString()
              : params.action === 'tomorrow'
                ? tomorrowMorning(new Date()).toISOString()
                : null;
        return { ...current, dnd: { ...current.dnd, active: params.action !== 'off', until } };
      }),

    'notify.muteThread': async ({ threadId, muted }) => {
      // An RSE post is muted by its timeline id, `rse-post:<id>`.
      const post = rseMuteTarget(db, threadId);
      if (post) {
        writer.write(() => setThreadMuted(db, post.accountId, post.threadKey, muted));
        return null;
      }
      const thread = stmt(db, 'SELECT account_id FROM threads WHERE id = ?').get(
        Number(threadId),
      ) as { account_id: string } | undefined;
      if (!thread) throw new CoreError('not-found', `No thread with id ${threadId}.`);
      writer.write(() => setThreadMuted(db, thread.account_id, `mail:${threadId}`, muted));
      return null;
    },

    'notify.unreadCount': async ({ mode }) => {
      const settings = readSettings(db);
      const chosen = mode ?? settings.unreadCountMode;
      return {
        count: unreadMailCount(db, chosen) + unreadRseCount(db, chosen),
        mode: chosen,
        dndActive: isDndActive(settings.dnd, new Date()),
      };
    },
  } satisfies Partial<Handlers>;
}
