// Handlers of the thread → post conversion. A preview plans it (no network); a conversion
// plans it the same way, refuses it before any network call when it does not fit, and
// otherwise queues the plan as an outbox task (tasks/convert-task.ts) that executes it.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/contract';
import { coreText, formatCoreText } from '../../../shared/core-text';
import type {
  ConvertDestination,
  ConvertPreview,
  ConvertThreadParams,
  DestinationReason,
} from '../../../shared/requests/convert';
import { planConversion, resolveDestination, setAccountDefault, withLimits } from '../convert';
import type { ConversionInput, ConversionPlan, ConversionProblem } from '../convert';
import { conversionProblem } from '../convert/types';
import type { CoreContext } from '../core-context';
import { getAccount, type StoredRseAccount } from '../db/accounts';
import {
  getConversion,
  listConversions,
  loadConvertOptions,
  loadPreferences,
  rowToConversion,
  savePreferences,
  updateConversion,
} from '../db/conversions';
import { findSpace } from '../db/rse-spaces';
import { CoreError } from '../errors';
import { loadThreadSource, type ThreadSource } from '../tasks/convert-source';
import { onConversionPosted, type ConvertInput } from '../tasks/convert-task';
import { afterPosted } from './convert-afterwards';
import { followHandlers, withNewMessages } from './convert-follow';
import { outboxes } from './mail-actions';
import { participantCredits } from './rse-users';
import type { ParticipantMentions } from '../convert/mentions';

type Params = Omit<ConvertThreadParams, 'preview' | 'delayMs'>;

function requireRse(ctx: CoreContext, accountId: string): StoredRseAccount {
  const account = getAccount(ctx.db, accountId);
  if (!account || account.kind === 'imap') {
    throw new CoreError('not-found', `No RSE account with id ${accountId}.`);
  }
  return account;
}

function destinationOf(
  ctx: CoreContext,
  ref: { accountId: string; spaceId: string },
  reason: DestinationReason,
): ConvertDestination {
  const account = requireRse(ctx, ref.accountId);
  const space = findSpace(ctx.db, account.id, ref.spaceId);
  if (!space) {
    throw new CoreError(
      'not-found',
      `${account.name} has no space "${ref.spaceId}"; list them with spaces.`,
    );
  }
  return {
    accountId: account.id,
    accountName: account.name,
    network: account.kind,
    spaceId: space.remoteId,
    spaceName: space.name,
    reason,
  };
}

function chooseDestination(
  ctx: CoreContext,
  params: Params,
  source: ThreadSource,
): ConvertDestination | null {
  if (params.destination) return destinationOf(ctx, params.destination, 'chosen');
  const found = resolveDestination(loadPreferences(ctx.db), source.context);
  if (!found) return null;
  const { accountId, spaceRemoteId } = found.destination;
  return destinationOf(ctx, { accountId, spaceId: spaceRemoteId }, found.reason);
}

/** The plan with the user's edits applied, or every problem with what to change. */
function plan(
  source: ThreadSource,
  destination: ConvertDestination,
  edits: Params['edits'],
  credits?: ParticipantMentions,
): { plan: ConversionPlan | null; problems: ConversionProblem[] } {
  const limits = withLimits(destination.network);
  const firstId = source.messages.find((m) => m.messageId)?.messageId;
  const input: ConversionInput = {
    subject: source.subject,
    messages: source.messages,
    limits,
    convertedBy: source.self,
    convertedAt: new Date().toISOString(),
    mailbox: source.mailboxLabel,
    // RFC 2392 mid: names the message itself, whichever mailbox or app opens it.
    backLink: firstId
      ? `mid:${encodeURIComponent(firstId.replace(/^<|>$/gu, ''))}`
      : `passerelle://thread/${source.threadId}`,
    ...credits,
  };
  const result = planConversion(input);
  if (!result.ok) return { plan: null, problems: result.problems };
  const edited: ConversionPlan = { ...result.plan, parts: [...result.plan.parts] };
  if (edits?.title && edited.title !== null) edited.title = edits.title;
  if (edits?.body) edited.parts[0] = { ...edited.parts[0]!, body: edits.body };
  const max = limits.maxTitleLength;
  if (edited.title && max !== null && [...edited.title].length > max) {
    return {
      plan: null,
      problems: [conversionProblem('too-long', coreText('convertTitleTooLong', { max }))],
    };
  }
  return { plan: edited, problems: [] };
}

/** The preview's problem before any destination is known (not a planning problem). */
function noDestination() {
  const text = coreText('convertNoDestination');
  return { code: 'no-destination', message: formatCoreText(text), text };
}

function previewOf(
  destination: ConvertDestination | null,
  planned: ReturnType<typeof plan> | null,
): ConvertPreview {
  const p = planned?.plan;
  return {
    destination,
    title: p?.title ?? null,
    format: p?.format ?? 'html',
    parts: p?.parts.map((part) => part.body) ?? [],
    uploads:
      p?.uploads.map((u) => ({
        filename: u.filename,
        contentType: u.contentType,
        size: u.size,
        inline: u.inline,
      })) ?? [],
    problems: destination ? (planned?.problems ?? []) : [noDestination()],
    warnings: p?.warnings ?? [],
    ...(p?.warningTexts ? { warningTexts: p.warningTexts } : {}),
  };
}

function taskInput(
  source: ThreadSource,
  d: ConvertDestination,
  p: ConversionPlan,
  afterwards: ConvertInput['afterwards'],
): ConvertInput {
  return {
    mailAccountId: source.mailAccountId,
    rseAccountId: d.accountId,
    spaceRemoteId: d.spaceId,
    spaceName: d.spaceName,
    // Letters and digits only: WordPress' search splits on punctuation.
    marker: `passerelleconversion${randomUUID().replace(/-/gu, '')}`,
    title: p.title,
    format: p.format,
    parts: p.parts.map((part) => part.body),
    uploads: p.uploads.map((u) => ({
      ref: u.ref,
      partIndex: u.partIndex,
      filename: u.filename,
      contentType: u.contentType,
      ...source.locations[u.messageIndex]!,
      partId: u.partId!, // convert-source keeps only files with an IMAP part
    })),
    messageIds: p.messageIds,
    convertedBy: source.self,
    context: source.context,
    ...(afterwards ? { afterwards } : {}),
  };
}

export function convertHandlers(ctx: CoreContext) {
  const { db, writer } = ctx;
  const runner = () => {
    const outbox = outboxes.get(ctx);
    if (!outbox) throw new Error('The outbox has not started.');
    return outbox;
  };
  onConversionPosted(ctx, afterPosted(ctx, runner));

  return {
    'convert.thread': async (params) => {
      const source = loadThreadSource(db, params.threadId);
      const destination = chooseDestination(ctx, params, source);
      // Participants who are users of the network are @-mentioned (credited by name otherwise).
      const credits = destination
        ? await participantCredits(ctx, destination.accountId, destination.network, source.messages)
        : undefined;
      const planned = destination ? plan(source, destination, params.edits, credits) : null;
      if (params.preview) return { preview: previewOf(destination, planned) };
      if (!destination || !planned?.plan) {
        const { problems } = previewOf(destination, planned);
        throw new CoreError('invalid-params', problems.map((p) => p.message).join('\n'));
      }
      // Converting again to the same place returns the conversion already made or under way.
      const existing = listConversions(db, source.threadId).find(
        (c) =>
          c.rse_account_id === destination.accountId &&
          c.space_remote_id === destination.spaceId &&
          c.state !== 'failed' &&
          c.state !== 'cancelled',
      );
      if (existing) return { conversion: rowToConversion(existing), task: null };
      const options = loadConvertOptions(db);
      const input = taskInput(source, destination, planned.plan, {
        replyAll: params.replyAll ?? options.replyAll,
        archive: params.archive ?? options.archive,
      });
      const task = runner().enqueue(destination.accountId, 'convert', input, params.delayMs);
      if (!task) throw new Error('The conversion could not be queued.');
      const row = writer.write(() => {
        const created = db
          .prepare('SELECT id FROM conversions WHERE idempotency_key = ?')
          .get(input.marker) as { id: number };
        updateConversion(db, created.id, { task_id: Number(task.id) });
        return getConversion(db, created.id)!;
      });
      return { conversion: rowToConversion(row), task };
    },

    'convert.list': async ({ threadId }) =>
      listConversions(db, threadId === undefined ? undefined : Number(threadId)).map((row) =>
        withNewMessages(ctx, row),
      ),

    'convert.get': async ({ conversionId }) => {
      const row = getConversion(db, Number(conversionId));
      return row ? withNewMessages(ctx, row) : null;
    },

    ...followHandlers(ctx, runner),

    'convert.retry': async ({ conversionId }) => {
      const row = getConversion(db, Number(conversionId));
      if (!row) throw new CoreError('not-found', `No conversion ${conversionId}.`);
      if (row.task_id === null || (row.state !== 'failed' && row.state !== 'partial')) {
        throw new CoreError(
          'conflict',
          `Conversion ${conversionId} is ${row.state}; only failed or partial ones are retried.`,
        );
      }
      runner().retry(String(row.task_id));
      return rowToConversion(getConversion(db, row.id)!);
    },

    'convert.setDefault': async ({ mailAccountId, destination }) => {
      const mail = getAccount(db, mailAccountId);
      if (!mail || mail.kind !== 'imap') {
        throw new CoreError('not-found', `No mail account with id ${mailAccountId}.`);
      }
      const ref = destination ? destinationOf(ctx, destination, 'chosen') : null;
      writer.write(() => {
        const next = setAccountDefault(
          loadPreferences(db),
          mailAccountId,
          ref ? { accountId: ref.accountId, spaceRemoteId: ref.spaceId } : null,
        );
        savePreferences(db, next);
      });
      return null;
    },
  } satisfies Partial<Handlers>;
}
