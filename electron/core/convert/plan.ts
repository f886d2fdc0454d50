// planConversion: the whole post — title, body parts, uploads, credits, footer — worked
// out and checked against the destination's limits before any network call. Either the
// plan is complete and fits, or the user gets every problem at once with what to change;
// the outbox task then executes a plan it never has to second-guess.
import { coreText, formatCoreText, type CoreText } from '../../../shared/core-text';
import { normaliseSubject } from '../../../shared/subject';
import {
  assignUploadParts,
  checkCounts,
  checkFiles,
  collectUploads,
  networkName,
} from './attachments';
import { cutAt, escapeHtml, formatDate, lengthOf, separatorOf } from './markup';
import { fromMarkdown, renderMessage, titleLine } from './render';
import { splitIntoParts } from './split';
import { escapeMarkdown } from './html-to-markdown';
import {
  conversionProblem,
  type ConversionInput,
  type ConversionPlan,
  type ConversionProblem,
  type PlanResult,
} from './types';

type Participant = ConversionPlan['participants'][number];

function participantsOf(input: ConversionInput): Participant[] {
  const mentions = new Map(
    Object.entries(input.mentions ?? {}).map(([address, handle]) => [
      address.trim().toLowerCase(),
      handle.startsWith('@') ? handle : `@${handle}`,
    ]),
  );
  const seen = new Map<string, Participant>();
  for (const message of input.messages) {
    const address = message.from?.address?.trim().toLowerCase();
    if (!address || seen.has(address)) continue;
    const name = message.from?.name?.trim() || address.split('@')[0]!;
    seen.set(address, { name, address, handle: mentions.get(address) ?? null });
  }
  return [...seen.values()];
}

function participantsLine(participants: Participant[], input: ConversionInput): string {
  const { format } = input.limits;
  // Handles are left unescaped: an escaped "@john\_doe" would not notify john_doe.
  const credit = (p: Participant) => {
    const escaped = format === 'text' ? p.name : escapeMarkdown(p.name);
    const page = format === 'text' ? undefined : input.profileLinks?.[p.address];
    const name = page ? `[${escaped}](<${page}>)` : escaped;
    return p.handle ? `${name} (${p.handle})` : name;
  };
  return fromMarkdown(`Participants: ${participants.map(credit).join(', ')}`, format);
}

function footerOf(input: ConversionInput): string {
  const when = formatDate(input.convertedAt, input.timeZone);
  const says = `Converted from an email thread by ${input.convertedBy} on ${when}, from ${input.mailbox}.`;
  switch (input.limits.format) {
    case 'text':
      return `${says} Original: ${input.backLink}`;
    case 'html':
      // Built by hand: the back-link may use the app's own scheme, which the Markdown
      // renderer's link filter would drop.
      return `<hr>\n<p><em>${escapeHtml(says)}</em> <a href="${escapeHtml(input.backLink)}">Open the original thread</a></p>`;
    case 'markdown':
      return `---\n\n*${escapeMarkdown(says)}* [Open the original thread](<${input.backLink}>)`;
  }
}

function titleOf(input: ConversionInput, warnings: CoreText[]): string {
  const title = normaliseSubject(input.subject).base || '(no subject)';
  const max = input.limits.maxTitleLength;
  if (max === null || lengthOf(title) <= max) return title;
  warnings.push(coreText('convertTitleShortened', { max }));
  return `${cutAt(title, max - 1)[0]}…`;
}

export function planConversion(input: ConversionInput): PlanResult {
  const { limits } = input;
  const network = networkName(limits);
  if (input.messages.length === 0) {
    return {
      ok: false,
      problems: [conversionProblem('empty-thread', coreText('convertEmptyThread'))],
    };
  }
  const problems: ConversionProblem[] = [];
  const warnings: CoreText[] = [];
  const title = titleOf(input, warnings);
  if (limits.titles && lengthOf(title) < limits.minTitleLength) {
    problems.push(
      conversionProblem(
        'title-too-short',
        coreText('convertTitleTooShort', { title, min: limits.minTitleLength, network }),
      ),
    );
  }
  const uploads = collectUploads(input);
  problems.push(...checkFiles(input, uploads));

  const participants = participantsOf(input);
  const header = [participantsLine(participants, input)];
  if (!limits.titles) header.unshift(titleLine(title, limits.format));
  const split = splitIntoParts({
    header,
    messages: input.messages.map((_, i) =>
      renderMessage(
        input,
        i,
        uploads.filter((u) => u.messageIndex === i),
      ),
    ),
    footer: footerOf(input),
    separator: separatorOf(limits.format),
    maxLength: limits.maxBodyLength,
    threads: limits.threads,
    continued: (line) =>
      limits.format === 'html' ? line.replace(/^<p>/u, '<p>(continued) ') : `(continued) ${line}`,
  });
  if (!split.ok) {
    // Only a limited body can fail to fit, so maxBodyLength is set here.
    const params = { length: split.length, network, max: limits.maxBodyLength ?? 0 };
    const key = limits.threads ? 'convertTooLongSplit' : 'convertTooLong';
    problems.push(conversionProblem('too-long', coreText(key, params)));
  } else {
    warnings.push(...split.warnings);
    assignUploadParts(uploads, split.parts);
    problems.push(...checkCounts(limits, uploads));
  }
  if (problems.length > 0 || !split.ok) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      network: limits.network,
      format: limits.format,
      title: limits.titles ? title : null,
      parts: split.parts,
      uploads,
      messageIds: input.messages.flatMap((m) => (m.messageId ? [m.messageId] : [])),
      participants,
      warnings: warnings.map(formatCoreText),
      warningTexts: warnings,
    },
  };
}
