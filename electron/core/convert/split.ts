// Fits rendered messages into the destination's length limit. Everything fits in one post
// when it can; otherwise, on networks with threads, the root post keeps the header and
// the footer and whole messages follow in replies, a message being cut only when it is
// too long by itself (between paragraphs, then between words). Folded quotes are
// optional: one too long for any post is left out, with a warning, rather than cut open.
import { coreText, type CoreText } from '../../../shared/core-text';
import { cutAt, lengthOf } from './markup';
import type { RenderedMessage } from './render';
import type { PlanPart } from './types';

export interface Layout {
  /** Title line (when the network has no title field) and participants. */
  header: string[];
  messages: RenderedMessage[];
  footer: string;
  separator: string;
  maxLength: number | null;
  threads: boolean;
  /** Marks a message's header when it continues from the previous part. */
  continued: (header: string) => string;
}

export type SplitResult =
  { ok: true; parts: PlanPart[]; warnings: CoreText[] } | { ok: false; length: number };

interface Unit {
  text: string;
  messageIndex: number;
}

function wholeMessage(message: RenderedMessage, separator: string): string {
  const blocks = [message.header, ...message.paragraphs];
  if (message.collapsed) blocks.push(message.collapsed);
  return blocks.join(separator);
}

/** Cuts one message into units no longer than `capacity`. */
function messageUnits(
  message: RenderedMessage,
  layout: Layout,
  capacity: number,
  warnings: CoreText[],
): Unit[] {
  const { separator } = layout;
  const whole = wholeMessage(message, separator);
  if (lengthOf(whole) <= capacity) return [{ text: whole, messageIndex: message.index }];

  const units: Unit[] = [];
  let current = message.header;
  const flush = () => {
    units.push({ text: current, messageIndex: message.index });
    current = layout.continued(message.header);
  };
  const add = (block: string) => {
    if (lengthOf(current + separator + block) <= capacity) {
      current += separator + block;
      return;
    }
    flush();
    let rest = block;
    // A paragraph longer than a whole part: cut between words as a last resort.
    while (lengthOf(current + separator + rest) > capacity) {
      const room = capacity - lengthOf(current + separator);
      const [head, tail] = cutAt(rest, Math.max(room, 1));
      current += separator + head;
      flush();
      rest = tail;
    }
    if (rest) current += separator + rest;
  };
  for (const paragraph of message.paragraphs) add(paragraph);
  if (message.collapsed) {
    const room = capacity - lengthOf(layout.continued(message.header) + separator);
    if (lengthOf(message.collapsed) <= room) add(message.collapsed);
    else warnings.push(coreText('convertQuoteLeftOut', { n: message.index + 1 }));
  }
  units.push({ text: current, messageIndex: message.index });
  return units;
}

export function splitIntoParts(layout: Layout): SplitResult {
  const { separator, maxLength, header, footer } = layout;
  const all = [...header, ...layout.messages.map((m) => wholeMessage(m, separator)), footer];
  const single = all.join(separator);
  if (maxLength === null || lengthOf(single) <= maxLength) {
    const indexes = layout.messages.map((m) => m.index);
    return { ok: true, parts: [{ body: single, messageIndexes: indexes }], warnings: [] };
  }
  const headerText = header.join(separator);
  // Every unit must fit in the root beside the header and footer, so the root post is
  // never left with no message in it.
  const capacity = maxLength - lengthOf(headerText) - lengthOf(footer) - 2 * lengthOf(separator);
  if (!layout.threads || capacity < 200) return { ok: false, length: lengthOf(single) };

  const warnings: CoreText[] = [];
  const units = layout.messages.flatMap((m) => messageUnits(m, layout, capacity, warnings));
  const parts: { blocks: string[]; indexes: Set<number>; budget: number }[] = [];
  let part = {
    blocks: headerText ? [headerText] : [],
    indexes: new Set<number>(),
    budget: maxLength - lengthOf(footer) - lengthOf(separator),
  };
  for (const unit of units) {
    const candidate = [...part.blocks, unit.text].join(separator);
    if (part.indexes.size > 0 && lengthOf(candidate) > part.budget) {
      parts.push(part);
      part = { blocks: [], indexes: new Set<number>(), budget: maxLength };
    }
    part.blocks.push(unit.text);
    part.indexes.add(unit.messageIndex);
  }
  parts.push(part);
  parts[0]!.blocks.push(footer);
  return {
    ok: true,
    parts: parts.map((p) => ({ body: p.blocks.join(separator), messageIndexes: [...p.indexes] })),
    warnings,
  };
}
