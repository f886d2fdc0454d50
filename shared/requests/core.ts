// Requests of the foundation: the app, accounts, sync, the timeline and threads.
import { z } from 'zod';
import type { Account, AppInfo, ThreadDetail, ThreadSummary, TimelinePage } from '../domain';
import { id, noParams, request } from './define';
import { SmtpSettings } from './mail-actions';
import { TimelineFilters } from './triage';

export const AddImapAccountParams = z
  .object({
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(['none', 'starttls', 'tls']),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(4096),
    /** Outgoing mail; the IMAP password is used for SMTP too. */
    smtp: SmtpSettings.optional(),
  })
  .strict();
export type AddImapAccountParams = z.infer<typeof AddImapAccountParams>;

export const TimelineQuery = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    unreadOnly: z.boolean().default(false),
    before: z.object({ date: z.string(), id: z.string() }).strict().optional(),
  })
  .extend(TimelineFilters.shape)
  .strict();
export type TimelineQuery = z.input<typeof TimelineQuery>;

export const coreRequests = {
  'app.info': request<AppInfo>()(noParams),
  'accounts.list': request<Account[]>()(noParams),
  'accounts.addImap': request<Account>()(AddImapAccountParams),
  'accounts.remove': request<null>()(z.object({ id }).strict()),
  'sync.now': request<null>()(z.object({ accountId: id.optional() }).strict()),
  'timeline.page': request<TimelinePage>()(TimelineQuery),
  'threads.list': request<ThreadSummary[]>()(noParams),
  'threads.get': request<ThreadDetail | null>()(z.object({ threadId: id }).strict()),
  'threads.markRead': request<null>()(z.object({ threadId: id, read: z.boolean() }).strict()),
} as const;
