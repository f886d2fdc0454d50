// Lists the files a conversion uploads and checks them against the destination's limits
// before anything is posted, so a refusal names each file and what to do about it.
import { authorName, cidRef } from './render';
import {
  conversionProblem,
  type ConversionInput,
  type ConversionProblem,
  type DestinationLimits,
  type PlannedUpload,
  type PlanPart,
} from './types';
import { coreText } from '../../../shared/core-text';
import { RSE_NETWORK_LABELS } from '../../../shared/domain';

export function networkName(limits: DestinationLimits): string {
  return RSE_NETWORK_LABELS[limits.network];
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/u, '')} MB`;
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/** Every attachment and inline image of the thread, in message order; partIndex is 0 here. */
export function collectUploads(input: ConversionInput): PlannedUpload[] {
  return input.messages.flatMap((message, messageIndex) =>
    (message.attachments ?? []).map((attachment, n) => {
      const contentId = attachment.contentId?.replace(/^<|>$/gu, '').trim() || null;
      return {
        // Attachments without a Content-ID get a ref of our own, so every file is
        // referenced the same way and rewriteCidReferences handles them all.
        ref: contentId ?? `attachment-${messageIndex + 1}-${n + 1}@passerelle`,
        messageIndex,
        partIndex: 0,
        partId: attachment.partId,
        filename: attachment.filename?.trim() || `attachment-${messageIndex + 1}-${n + 1}`,
        contentType: attachment.contentType,
        size: attachment.size,
        inline: attachment.inline,
      };
    }),
  );
}

/** Size and type problems, one per offending file. */
export function checkFiles(input: ConversionInput, uploads: PlannedUpload[]): ConversionProblem[] {
  const { limits } = input;
  const network = networkName(limits);
  const problems: ConversionProblem[] = [];
  for (const upload of uploads) {
    const from = authorName(input.messages[upload.messageIndex]!);
    if (limits.maxAttachmentBytes !== null && upload.size > limits.maxAttachmentBytes) {
      const size = formatBytes(upload.size);
      const max = formatBytes(limits.maxAttachmentBytes);
      const params = { file: upload.filename, from, size, network, max };
      problems.push(
        conversionProblem('attachment-too-large', coreText('convertFileTooLarge', params)),
      );
    }
    const extension = extensionOf(upload.filename);
    if (limits.allowedExtensions !== null && !limits.allowedExtensions.includes(extension)) {
      const params = {
        file: upload.filename,
        from,
        network,
        extension: extension ? `.${extension}` : coreText('convertNoExtension'),
        allowed: limits.allowedExtensions.map((e) => `.${e}`).join(', '),
      };
      problems.push(conversionProblem('forbidden-type', coreText('convertFileType', params)));
    }
  }
  return problems;
}

/** Per-post count problems, once the files are assigned to parts. */
export function checkCounts(
  limits: DestinationLimits,
  uploads: PlannedUpload[],
): ConversionProblem[] {
  const max = limits.maxAttachments;
  if (max === null) return [];
  const byPart = new Map<number, PlannedUpload[]>();
  for (const upload of uploads) {
    byPart.set(upload.partIndex, [...(byPart.get(upload.partIndex) ?? []), upload]);
  }
  const problems: ConversionProblem[] = [];
  for (const [partIndex, files] of byPart) {
    if (files.length <= max) continue;
    const where =
      partIndex === 0 ? coreText('convertThePost') : coreText('convertReplyN', { n: partIndex });
    const params = {
      where,
      count: files.length,
      files: files.map((f) => f.filename).join(', '),
      network: networkName(limits),
      max,
      extra: files.length - max,
    };
    problems.push(
      conversionProblem('too-many-attachments', coreText('convertTooManyFiles', params)),
    );
  }
  return problems;
}

/** A file goes with the part that shows it (cid:), else with its message's first part. */
export function assignUploadParts(uploads: PlannedUpload[], parts: readonly PlanPart[]): void {
  for (const upload of uploads) {
    const shownIn = parts.findIndex((p) => p.body.includes(`cid:${cidRef(upload.ref)}`));
    upload.partIndex =
      shownIn >= 0
        ? shownIn
        : Math.max(
            0,
            parts.findIndex((p) => p.messageIndexes.includes(upload.messageIndex)),
          );
  }
}
