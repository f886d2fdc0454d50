// Requests of notifications and the tray: settings, do-not-disturb, muted threads and
// the unread count the tray, the dock badge and the tab title show.
import { z } from 'zod';
import { id, noParams, request } from './define';

/** What a source (a mail account, an RSE space) may notify: everything, mentions of me, nothing. */
export const SourceMode = z.enum(['all', 'mentions', 'none']);
export type SourceMode = z.infer<typeof SourceMode>;

/** What the unread badge counts. */
export const UnreadCountMode = z.enum(['all', 'inbox-mentions', 'mentions']);
export type UnreadCountMode = z.infer<typeof UnreadCountMode>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const NotifySettings = z
  .object({
    /** Per source id (mail account id, or `space:<id>` for an RSE space); absent means `all`. */
    sources: z.record(z.string().max(300), SourceMode).default({}),
    dnd: z
      .object({
        /** Manual do-not-disturb: on until `until`, or until turned off when `until` is null. */
        active: z.boolean().default(false),
        until: z.string().datetime().nullable().default(null),
        /** A daily quiet period in local time; it may span midnight (22:00–07:00). */
        schedule: z.object({ start: clock, end: clock }).strict().nullable().default(null),
        /** Mentions of me still notify while do-not-disturb is on. */
        allowMentions: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    unreadCountMode: UnreadCountMode.default('all'),
    /** Closing the window keeps the app in the tray (desktop). */
    closeToTray: z.boolean().default(true),
    launchAtLogin: z.boolean().default(false),
  })
  .strict();
export type NotifySettings = z.output<typeof NotifySettings>;

export const NotifySettingsPatch = z
  .object({
    sources: z.record(z.string().max(300), SourceMode.nullable()).optional(),
    dnd: z
      .object({
        allowMentions: z.boolean().optional(),
        schedule: z.object({ start: clock, end: clock }).strict().nullable().optional(),
      })
      .strict()
      .optional(),
    unreadCountMode: UnreadCountMode.optional(),
    closeToTray: z.boolean().optional(),
    launchAtLogin: z.boolean().optional(),
  })
  .strict();
export type NotifySettingsPatch = z.input<typeof NotifySettingsPatch>;

export const DndParams = z.discriminatedUnion('action', [
  z.object({ action: z.literal('on') }).strict(),
  z.object({ action: z.literal('off') }).strict(),
  z
    .object({
      action: z.literal('for'),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  z.object({ action: z.literal('until'), until: z.string().datetime() }).strict(),
  /** Until tomorrow morning (08:00 local), what "until tomorrow" means to people. */
  z.object({ action: z.literal('tomorrow') }).strict(),
]);
export type DndParams = z.infer<typeof DndParams>;

export interface UnreadCount {
  count: number;
  mode: UnreadCountMode;
  /** Do-not-disturb is in effect now (manual or scheduled), for the tray's state. */
  dndActive: boolean;
}

/** What a notification offers besides opening the item. */
export type NotificationAction = 'mark-read' | 'archive';

/** One notification to show: a single item, or a summary of several. */
export interface NotificationPayload {
  id: string;
  title: string;
  body: string;
  /** Timeline item ids (e.g. `mail-thread:12`); the first is opened on click. */
  itemIds: string[];
  accountId: string;
  /** Set for a single mail, so Mark read can act on its thread. */
  threadId?: string;
  actions: NotificationAction[];
  /** The actions' button labels in the user's language (desktop shell); absent: English. */
  actionLabels?: Partial<Record<NotificationAction, string>>;
}

export const notifyRequests = {
  'notify.getSettings': request<NotifySettings>()(noParams),
  'notify.setSettings': request<NotifySettings>()(NotifySettingsPatch),
  'notify.dnd': request<NotifySettings>()(DndParams),
  'notify.muteThread': request<null>()(z.object({ threadId: id, muted: z.boolean() }).strict()),
  'notify.unreadCount': request<UnreadCount>()(
    z.object({ mode: UnreadCountMode.optional() }).strict(),
  ),
  /**
   * The window's language (BCP 47, e.g. `fr-FR`), sent at startup and on change: the core
   * words notifications in it, since the desktop shell shows them without the window.
   */
  'settings.setLocale': request<null>()(
    z
      .object({ locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'BCP 47 tag') })
      .strict(),
  ),
} as const;
