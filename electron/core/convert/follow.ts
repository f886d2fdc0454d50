// Follow mode: emails that reach a thread after it was posted become comments on the post.
// Planned like the post itself (new text only, quotes folded, files linked, the length
// limit respected by splitting), minus what only the post carries: no title, no list of
// participants, no conversion footer — a short line says where the comment came from.
import { coreText, formatCoreText, type CoreText } from '../../../shared/core-text';
import { assignUploadParts, checkCounts, checkFiles, collectUploads } from './attachments';
import { separatorOf } from './markup';
import { fromMarkdown, renderMessage } from './render';
import { splitIntoParts } from './split';
import {
  conversionProblem,
  type ConversionInput,
  type ConversionProblem,
  type PlannedUpload,
  type PlanPart,
} from './types';

export type FollowUpInput = Omit<ConversionInput, 'subject' | 'backLink' | 'mailbox'>;

export type FollowUpResult =
  | { ok: true; parts: PlanPart[]; uploads: PlannedUpload[]; warnings: string[] }
  | { ok: false; problems: ConversionProblem[] };

function noteOf(input: FollowUpInput): string {
  const note = `Added from the email thread by ${input.convertedBy}.`;
  return input.limits.format === 'text' ? note : fromMarkdown(`*${note}*`, input.limits.format);
}

export function planFollowUp(input: FollowUpInput): FollowUpResult {
  const { limits } = input;
  if (input.messages.length === 0) {
    const problem = conversionProblem('empty-thread', coreText('convertNoNewMessage'));
    return { ok: false, problems: [problem] };
  }
  const full: ConversionInput = { ...input, subject: '', backLink: '', mailbox: '' };
  const warnings: CoreText[] = [];
  // Comments cannot carry native attachments (Mattermost file_ids, Mastodon media go with
  // a post): there the files are named in the text instead of being lost silently.
  const uploads = limits.attachmentMode === 'link' ? collectUploads(full) : [];
  if (limits.attachmentMode !== 'link' && collectUploads(full).length > 0) {
    warnings.push(coreText('convertFilesNotAttached'));
  }
  const problems = checkFiles(full, uploads);
  const split = splitIntoParts({
    header: [],
    messages: input.messages.map((_, i) =>
      renderMessage(
        full,
        i,
        uploads.filter((u) => u.messageIndex === i),
      ),
    ),
    footer: noteOf(input),
    separator: separatorOf(limits.format),
    maxLength: limits.maxBodyLength,
    // Already replies: more of them is always possible where the post had comments.
    threads: true,
    continued: (line) =>
      limits.format === 'html' ? line.replace(/^<p>/u, '<p>(continued) ') : `(continued) ${line}`,
  });
  if (!split.ok) {
    problems.push(conversionProblem('too-long', coreText('convertNewTooLong')));
    return { ok: false, problems };
  }
  assignUploadParts(uploads, split.parts);
  problems.push(...checkCounts(limits, uploads));
  if (problems.length > 0) return { ok: false, problems };
  const all = [...warnings, ...split.warnings];
  return { ok: true, parts: split.parts, uploads, warnings: all.map(formatCoreText) };
}
