// Requests of triage: snoozing timeline items, saved searches, pausing an account, and
// the sidebar's per-account folders, spaces and unread counts. Smart views themselves are
// filters of timeline.page (shared/requests/core.ts).
import { z } from 'zod';
import { id, noParams, request } from './define';

/** The smart views of the sidebar; every one is a filter of the same keyset-paged timeline. */
export const TIMELINE_VIEWS = [
  'all',
  'unread',
  'mentions',
  'flagged',
  'snoozed',
  'converted',
] as const;
export type TimelineView = (typeof TIMELINE_VIEWS)[number];

/** Additive filters for timeline.page; absent means the inbox of every account. */
export const TimelineFilters = z.object({
  view: z.enum(TIMELINE_VIEWS).optional(),
  accountId: id.optional(),
  /** A mail folder (mailboxes.id): its threads instead of the inbox. */
  mailboxId: z.number().int().positive().optional(),
  /** An RSE space's remote id (with accountId): its posts only. */
  spaceId: z.string().min(1).max(200).optional(),
});

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  createdAt: string;
}

export interface SnoozeInfo {
  itemId: string;
  until: string;
}

export interface SidebarFolder {
  id: number;
  path: string;
  /** Special-use role (RFC 6154) or null for the user's own folders. */
  role: string | null;
  unread: number;
}

export interface SidebarSpace {
  remoteId: string;
  name: string;
  unread: number;
}

export interface SidebarAccount {
  accountId: string;
  paused: boolean;
  /** Unread items in the account's inbox (mail) or followed spaces (RSE). */
  unread: number;
  folders: SidebarFolder[];
  spaces: SidebarSpace[];
}

const itemIds = z
  .array(z.string().regex(/^(mail-thread|rse-post):\d+$/))
  .min(1)
  .max(5000);

export const triageRequests = {
  /** Hides items until `until` (ISO); they come back unread and on top. null wakes them now. */
  'triage.snooze': request<SnoozeInfo[]>()(
    z.object({ itemIds, until: z.string().datetime({ offset: true }).nullable() }).strict(),
  ),
  'triage.snoozes': request<SnoozeInfo[]>()(noParams),
  'triage.sidebar': request<SidebarAccount[]>()(noParams),
  'searches.list': request<SavedSearch[]>()(noParams),
  'searches.save': request<SavedSearch>()(
    z
      .object({ name: z.string().trim().min(1).max(100), query: z.string().min(1).max(1000) })
      .strict(),
  ),
  'searches.remove': request<null>()(z.object({ id }).strict()),
  /** Paused accounts stop syncing (and stay paused across restarts) until resumed. */
  'accounts.setPaused': request<null>()(z.object({ id, paused: z.boolean() }).strict()),
} as const;
