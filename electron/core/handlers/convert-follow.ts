// Follow mode and the conversion options. Once a thread is posted, every email that later
// joins it (seen as message inserts in the committed deltas) is either queued at once as
// a comment on the post ('on', the default), left for the user to add with convert.follow
// ('offered': the conversion lists it in newMessageIds), or ignored ('off').
import type { Handlers } from '../../../shared/contract';
import type { ConversionInfo } from '../../../shared/requests/convert';
import { planFollowUp, withLimits } from '../convert';
import type { CoreContext } from '../core-context';
import { getAccount } from '../db/accounts';
import {
  conversionsReachedBy,
  getConversion,
  loadConvertOptions,
  newMessageIds,
  rowToConversion,
  saveConvertOptions,
  type ConversionRow,
} from '../db/conversions';
import { CoreError } from '../errors';
import { loadThreadSource } from '../tasks/convert-source';
import type { FollowInput } from '../tasks/convert-follow-task';
import type { TaskRunner } from '../tasks/runner';

/** The thread's emails that came after the post and are not in it yet, oldest first. */
function newMessagesOf(ctx: CoreContext, row: ConversionRow) {
  const fresh = new Set(newMessageIds(ctx.db, row));
  let source;
  try {
    source = loadThreadSource(ctx.db, String(row.thread_id));
  } catch {
    return null; // the thread is gone (messages deleted or merged away)
  }
  const indexes = source.messages
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.messageId && fresh.has(m.messageId))
    .map(({ i }) => i);
  return { source, indexes };
}

/** Plans the new emails as comments and queues them; false when there is nothing to add. */
export function queueFollowUp(ctx: CoreContext, runner: TaskRunner, row: ConversionRow): boolean {
  const account = getAccount(ctx.db, row.rse_account_id);
  const found = newMessagesOf(ctx, row);
  if (!account || account.kind === 'imap' || !row.post_remote_id || !found) return false;
  const { source, indexes } = found;
  if (indexes.length === 0) return false;
  const plan = planFollowUp({
    messages: indexes.map((i) => source.messages[i]!),
    limits: withLimits(account.kind),
    convertedBy: source.self,
    convertedAt: new Date().toISOString(),
  });
  if (!plan.ok) {
    ctx.log(`conversion ${row.id}: ${plan.problems.map((p) => p.message).join(' ')}`);
    return false;
  }
  const input: FollowInput = {
    conversionId: row.id,
    threadId: String(row.thread_id),
    mailAccountId: row.mail_account_id,
    rseAccountId: row.rse_account_id,
    postRemoteId: row.post_remote_id,
    key: row.idempotency_key,
    format: withLimits(account.kind).format,
    parts: plan.parts.map((p) => p.body),
    uploads: plan.uploads.map((u) => ({
      ref: u.ref,
      partIndex: u.partIndex,
      filename: u.filename,
      contentType: u.contentType,
      ...source.locations[indexes[u.messageIndex]!]!,
      partId: u.partId!, // convert-source keeps only files with an IMAP part
    })),
    messageIds: indexes.map((i) => source.messages[i]!.messageId!),
  };
  return runner.enqueue(row.rse_account_id, 'convert-follow', input) !== null;
}

export function withNewMessages(ctx: CoreContext, row: ConversionRow): ConversionInfo {
  const info = rowToConversion(row);
  return row.state === 'posted' ? { ...info, newMessageIds: newMessageIds(ctx.db, row) } : info;
}

export function followHandlers(ctx: CoreContext, runner: () => TaskRunner) {
  const { db, writer } = ctx;
  const dispose = writer.onDidCommit((deltas) => {
    const inserted = deltas.find((d) => d.table === 'messages' && d.op === 'insert');
    if (!inserted || loadConvertOptions(db).follow !== 'on') return;
    const reached = conversionsReachedBy(db, inserted.ids.map(Number));
    const conversions = new Map(reached.map((r) => [r.conversion.id, r.conversion]));
    for (const row of conversions.values()) {
      try {
        queueFollowUp(ctx, runner(), row);
      } catch (error) {
        ctx.log(`conversion ${row.id}: follow-up not queued: ${String(error)}`);
      }
    }
  });
  ctx.onDispose(() => void dispose());

  return {
    'convert.options': async () => loadConvertOptions(db),

    'convert.setOptions': async (change) => {
      const next = { ...loadConvertOptions(db), ...change };
      writer.write(() => saveConvertOptions(db, next));
      return next;
    },

    'convert.follow': async ({ conversionId }) => {
      const row = getConversion(db, Number(conversionId));
      if (!row) throw new CoreError('not-found', `No conversion ${conversionId}.`);
      if (row.state !== 'posted') {
        throw new CoreError('conflict', `Conversion ${conversionId} is ${row.state}, not posted.`);
      }
      if (!queueFollowUp(ctx, runner(), row)) {
        throw new CoreError('conflict', 'No new email in this thread to add to the post.');
      }
      return withNewMessages(ctx, getConversion(db, row.id)!);
    },
  } satisfies Partial<Handlers>;
}
