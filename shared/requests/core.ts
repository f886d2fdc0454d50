// Requests of the foundation: the app, accounts, sync, the timeline and threads.
import { z } from 'zod';
import type { Account, AppInfo, ThreadDetail, ThreadSummary, TimelinePage } from '../domain';
import { id, noParams, request } from './define';
import { SmtpSettings } from './mail-actions';
import { TimelineFilters } from './triage';

/** A SHA-256 fingerprint as hex, with or without colons; the core normalises it. */
export const CertificateFingerprint = z
  .string()
  .trim()
  .regex(/^(sha-?256[:=\s]*)?([0-9a-fA-F]{2}[:\s]?){31}[0-9a-fA-F]{2}$/i);

export const AddImapAccountParams = z
  .object({
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(['none', 'starttls', 'tls']),
    user: z.string().min(1).max(320),
    /** The password, or the OAuth2 access token when auth is 'xoauth2'. */
    password: z.string().min(1).max(4096),
    /** Outgoing mail; the IMAP password is used for SMTP too. */
    smtp: SmtpSettings.optional(),
    auth: z.enum(['password', 'xoauth2']).optional(),
    /** XOAUTH2: a shell command printing a fresh access token, run when the server rejects one. */
    oauthTokenCommand: z.string().trim().min(1).max(2000).optional(),
    /** The user confirmed this certificate (SHA-256) although it failed verification. */
    trustedCertSha256: CertificateFingerprint.optional(),
    /** An extra CA certificate (PEM) trusted for this account only. */
    trustedCaPem: z
      .string()
      .max(64 * 1024)
      .regex(/-----BEGIN CERTIFICATE-----/)
      .optional(),
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
  /** The account's display name; another account's name is a conflict. */
  'accounts.rename': request<Account>()(
    z.object({ id, name: z.string().trim().min(1).max(100) }).strict(),
  ),
  /** A mail account's display name in From and its signature (plain text). */
  'accounts.setIdentity': request<Account>()(
    z
      .object({
        id,
        // One line of printable text: it goes into the From header.
        name: z
          .string()
          .trim()
          .max(200)
          // eslint-disable-next-line no-control-regex
          .regex(/^[^\x00-\x1f\x7f]*$/, 'a name on one line'),
        signature: z.string().max(10_000),
      })
      .strict(),
  ),
  /**
   * A new password (or token) for the account: checked with the server first, a refusal
   * leaves the old one; then the sync starts again with it.
   */
  'accounts.setPassword': request<Account>()(
    z.object({ id, password: z.string().min(1).max(4096) }).strict(),
  ),
  /**
   * Accept, for this account only, the certificate with this SHA-256 fingerprint although it
   * failed verification (the user confirmed it). Connects first: a different certificate is
   * still refused and nothing is saved.
   */
  'accounts.trustCertificate': request<Account>()(
    z.object({ accountId: id, fingerprint: CertificateFingerprint }).strict(),
  ),
  'sync.now': request<null>()(z.object({ accountId: id.optional() }).strict()),
  'timeline.page': request<TimelinePage>()(TimelineQuery),
  'threads.list': request<ThreadSummary[]>()(noParams),
  'threads.get': request<ThreadDetail | null>()(z.object({ threadId: id }).strict()),
  'threads.markRead': request<null>()(z.object({ threadId: id, read: z.boolean() }).strict()),
} as const;
