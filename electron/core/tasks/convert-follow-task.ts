// Follow mode's outbox task: the emails that reached a posted thread become comments on
// its post. The local step adds their Message-IDs to the conversion at once (so they are
// queued once, and the thread no longer counts them as new); the remote step uploads their
// files and creates each comment "once": every comment carries a marker derived from the
// conversion's key and the email's Message-ID, looked up on the network before creating,
// so a kill between "comment created" and "comment recorded" never posts it twice.
import type { BodyFormat } from '../convert';
import { rewriteCidReferences } from '../convert';
import type { CoreContext } from '../core-context';
import { getAccount, type StoredRseAccount } from '../db/accounts';
import { getConversion, updateConversion } from '../db/conversions';
import type { Db } from '../db/connection';
import type { DeltaCollector } from '../db/deltas';
import { refreshPosts, upsertRseItem } from '../db/rse-items';
import type { ImapAccess } from '../mail/actions/session';
import { connectorFor } from '../rse/rse-engine';
import {
  followMarker,
  nativeFiles,
  permanence,
  replyOnce,
  uploadMissing,
  type ConvertUpload,
} from './convert-steps';
import { PermanentTaskError, type TaskKind } from './task-kind';

export interface FollowInput {
  conversionId: number;
  threadId: string;
  mailAccountId: string;
  rseAccountId: string;
  postRemoteId: string;
  /** The conversion's idempotency key, from which each comment's marker derives. */
  key: string;
  format: BodyFormat;
  /** The comments, in order (one, unless the new emails exceed the length limit). */
  parts: string[];
  uploads: ConvertUpload[];
  /** The emails added, oldest first. */
  messageIds: string[];
}

export interface FollowPayload extends FollowInput {
  uploaded: Record<string, string>;
  replyRemoteIds: string[];
}

function changeMessageIds(db: Db, conversionId: number, change: (ids: string[]) => string[]) {
  const row = getConversion(db, conversionId);
  if (!row) return;
  const ids = change(JSON.parse(row.message_ids) as string[]);
  updateConversion(db, conversionId, { message_ids: JSON.stringify(ids) });
}

export function convertFollowTask(
  core: CoreContext,
  imap: (accountId: string) => Promise<ImapAccess>,
): TaskKind<FollowInput, FollowPayload> {
  return {
    applyLocal(db: Db, input: FollowInput, deltas: DeltaCollector) {
      if ('uploaded' in input) return input as FollowPayload; // a retry keeps its progress
      changeMessageIds(db, input.conversionId, (ids) => [
        ...ids,
        ...input.messageIds.filter((id) => !ids.includes(id)),
      ]);
      deltas.add('threads', 'update', [input.threadId]);
      return { ...input, uploaded: {}, replyRemoteIds: [] };
    },

    async runRemote(payload, ctx) {
      const p: FollowPayload = { ...payload };
      const account = getAccount(ctx.db, p.rseAccountId) as StoredRseAccount | null;
      if (!account) throw new PermanentTaskError('The RSE account was removed.');
      try {
        const rse = await connectorFor(core, account);
        await uploadMissing(rse, imap, p, () => ctx.save(p));
        const urls = new Map(Object.entries(p.uploaded));
        for (let i = 0; i < p.parts.length; i++) {
          if (p.replyRemoteIds[i]) continue;
          const reply = await replyOnce(rse, {
            postRemoteId: p.postRemoteId,
            body: rewriteCidReferences(p.parts[i]!, urls, p.format),
            format: p.format,
            marker: followMarker(p.key, p.messageIds[0]!, i),
            files: () => nativeFiles(rse, imap, p, i),
          });
          p.replyRemoteIds = [...p.replyRemoteIds, reply.remoteId];
          ctx.save(p);
          ctx.write((db, deltas) => {
            const row = upsertRseItem(db, p.rseAccountId, reply, true, deltas);
            if (row) refreshPosts(db, [row.postId]);
            const current = getConversion(db, p.conversionId);
            const replies = JSON.parse(current?.reply_remote_ids ?? '[]') as string[];
            if (!replies.includes(reply.remoteId)) {
              const next = JSON.stringify([...replies, reply.remoteId]);
              updateConversion(db, p.conversionId, { reply_remote_ids: next });
            }
            deltas.add('threads', 'update', [p.threadId]);
          });
        }
      } catch (error) {
        throw permanence(error);
      }
      return p;
    },

    rollbackLocal(db, payload, deltas) {
      // Never added: the emails count as new again, for the user to add or retry.
      if (payload.replyRemoteIds.length > 0) return;
      changeMessageIds(db, payload.conversionId, (ids) =>
        ids.filter((id) => !payload.messageIds.includes(id)),
      );
      deltas.add('threads', 'update', [payload.threadId]);
    },

    describe(payload) {
      const n = payload.messageIds.length;
      return `Add ${n === 1 ? 'a new email' : `${n} new emails`} to the post`;
    },
  };
}
