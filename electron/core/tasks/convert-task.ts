// Posting a planned conversion: the outbox task that uploads the thread's files, rewrites
// the body's cid: references to their URLs, creates the post and then its replies in
// order. Every remote id is saved as soon as it exists, so a retry (after a failure, a
// crash, or the user's "retry") continues where it stopped; before creating the post or
// any reply it looks for one carrying that part's marker (convert-steps.ts), so an item
// whose creation succeeded but was never recorded is found rather than made twice.
import type { ConversionState } from '../../../shared/domain';
import { rememberDestination, rewriteCidReferences, type BodyFormat } from '../convert';
import type { CoreContext } from '../core-context';
import { getAccount, type StoredRseAccount } from '../db/accounts';
import {
  getConversion,
  insertConversion,
  loadPreferences,
  savePreferences,
  updateConversion,
} from '../db/conversions';
import type { ConversionChange } from '../db/conversions';
import { refreshPosts, upsertRseItem } from '../db/rse-items';
import type { ImapAccess } from '../mail/actions/session';
import type { NewPost, RemoteItem, RseConnector } from '../rse/connector';
import { connectorFor } from '../rse/rse-engine';
import type { ThreadSource } from './convert-source';
import {
  partMarker,
  nativeFiles,
  permanence,
  replyOnce,
  uploadMissing,
  withMarker,
  type ConvertUpload,
} from './convert-steps';
import { PermanentTaskError, type RemoteContext, type TaskKind } from './task-kind';

export type { ConvertUpload } from './convert-steps';

/** What the handler hands to the outbox: the validated plan, ready to execute. */
export interface ConvertInput {
  mailAccountId: string;
  rseAccountId: string;
  spaceRemoteId: string;
  spaceName: string;
  marker: string;
  title: string | null;
  format: BodyFormat;
  parts: string[];
  uploads: ConvertUpload[];
  messageIds: string[];
  convertedBy: string;
  context: ThreadSource['context'];
  /** Chosen when the conversion was asked for (convert options, or the request's override). */
  afterwards?: { replyAll: boolean; archive: boolean };
}

export interface ConvertPayload extends ConvertInput {
  conversionId: number;
  /** Progress, saved after each step: ref → URL, then the post, then each reply. */
  uploaded: Record<string, string>;
  postRemoteId?: string;
  permalink?: string | null;
  replyRemoteIds: string[];
  /** The posted hook ran (reply-all, archive and follow-up tasks queued). */
  afterwardsQueued?: boolean;
}

/**
 * What runs once a conversion is posted (reply-all, archive, emails that arrived while it
 * was posting): registered by the handlers, which own the outbox, so this task never
 * reaches up into them.
 */
export type PostedHook = (payload: ConvertPayload) => Promise<void>;
const postedHooks = new WeakMap<CoreContext, PostedHook>();
export function onConversionPosted(core: CoreContext, hook: PostedHook): void {
  postedHooks.set(core, hook);
}

export function convertTask(
  core: CoreContext,
  imap: (accountId: string) => Promise<ImapAccess>,
): TaskKind<ConvertInput | ConvertPayload, ConvertPayload> {
  const record = (ctx: RemoteContext, p: ConvertPayload, change: ConversionChange) =>
    ctx.write((db, deltas) => {
      updateConversion(db, p.conversionId, change);
      deltas.add('threads', 'update', [p.context.threadId]);
    });

  const stored = (ctx: RemoteContext, p: ConvertPayload, item: RemoteItem) =>
    ctx.write((db, deltas) => {
      const row = upsertRseItem(db, p.rseAccountId, item, true, deltas);
      if (row) refreshPosts(db, [row.postId]);
    });

  const upload = (ctx: RemoteContext, rse: RseConnector, p: ConvertPayload) =>
    uploadMissing(rse, imap, p, () => ctx.save(p));

  async function post(ctx: RemoteContext, rse: RseConnector, p: ConvertPayload) {
    const urls = new Map(Object.entries(p.uploaded));
    if (!p.postRemoteId) {
      const draft: NewPost = {
        spaceRemoteId: p.spaceRemoteId,
        ...(p.title ? { title: p.title } : {}),
        bodyHtml: withMarker(rewriteCidReferences(p.parts[0]!, urls, p.format), p.format, p.marker),
        networkMarkup: true, // rendered for this network by the planner
        marker: p.marker,
        attachments: [],
      };
      const found = await rse.findPostByMarker?.(p.spaceRemoteId, p.marker, draft);
      const created =
        found ??
        (await rse.createPost({ ...draft, attachments: await nativeFiles(rse, imap, p, 0) }));
      p.postRemoteId = created.remoteId;
      p.permalink = created.permalink;
      ctx.save(p);
      stored(ctx, p, created);
      record(ctx, p, { post_remote_id: created.remoteId, permalink: created.permalink });
    }
    for (let i = 1; i < p.parts.length; i++) {
      if (p.replyRemoteIds[i - 1]) continue;
      const reply = await replyOnce(rse, {
        postRemoteId: p.postRemoteId,
        body: rewriteCidReferences(p.parts[i]!, urls, p.format),
        format: p.format,
        marker: partMarker(p.marker, i),
        files: () => nativeFiles(rse, imap, p, i),
      });
      p.replyRemoteIds = [...p.replyRemoteIds, reply.remoteId];
      ctx.save(p);
      stored(ctx, p, reply);
      record(ctx, p, { reply_remote_ids: JSON.stringify(p.replyRemoteIds) });
    }
  }

  return {
    applyLocal(db, input, deltas) {
      // A retry re-applies the saved payload: keep its progress, reopen the record.
      if ('conversionId' in input) {
        updateConversion(db, input.conversionId, { state: 'queued', last_error: null });
        return input;
      }
      const conversionId = insertConversion(db, {
        threadId: Number(input.context.threadId),
        mailAccountId: input.mailAccountId,
        rseAccountId: input.rseAccountId,
        spaceRemoteId: input.spaceRemoteId,
        spaceName: input.spaceName,
        title: input.title ?? input.parts[0]!.split('\n', 1)[0]!.slice(0, 200),
        messageIds: input.messageIds,
        idempotencyKey: input.marker,
        convertedBy: input.convertedBy,
        now: new Date().toISOString(),
      }).id;
      deltas.add('threads', 'update', [input.context.threadId]);
      return { ...input, conversionId, uploaded: {}, replyRemoteIds: [] };
    },

    async runRemote(payload, ctx) {
      const p: ConvertPayload = { ...payload };
      record(ctx, p, { state: 'posting', last_error: null });
      try {
        const account = getAccount(ctx.db, p.rseAccountId) as StoredRseAccount | null;
        if (!account) throw new PermanentTaskError('The RSE account was removed.');
        const rse = await connectorFor(core, account);
        await upload(ctx, rse, p);
        await post(ctx, rse, p);
      } catch (error) {
        // Visible at once, not only when the task finally fails: a post without all its
        // replies is 'partial' until a retry completes it.
        const reason = error instanceof Error ? error.message : String(error);
        record(ctx, p, { state: p.postRemoteId ? 'partial' : 'queued', last_error: reason });
        throw permanence(error);
      }
      ctx.write((db, deltas) => {
        updateConversion(db, p.conversionId, { state: 'posted', last_error: null });
        const destination = { accountId: p.rseAccountId, spaceRemoteId: p.spaceRemoteId };
        savePreferences(db, rememberDestination(loadPreferences(db), p.context, destination));
        deltas.add('threads', 'update', [p.context.threadId]);
      });
      if (!p.afterwardsQueued) {
        await postedHooks.get(core)?.(p);
        p.afterwardsQueued = true;
        ctx.save(p);
      }
      return p;
    },

    rollbackLocal(db, payload, deltas) {
      // Called on undo of a pending task (never started: cancelled) or on final failure.
      const current = getConversion(db, payload.conversionId);
      const state: ConversionState =
        current?.state === 'queued' && !current.last_error
          ? 'cancelled'
          : current?.post_remote_id
            ? 'partial'
            : 'failed';
      updateConversion(db, payload.conversionId, { state });
      deltas.add('threads', 'update', [payload.context.threadId]);
    },

    describe(payload) {
      const what = payload.title ?? payload.parts[0]!.slice(0, 60);
      return `Post “${what}” to ${payload.spaceName}`;
    },
  };
}
