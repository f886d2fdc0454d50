// Bodies of messages bigger than the body cap. Their source is never fetched: the
// BODYSTRUCTURE (RFC 3501 §7.4.2) gives the attachment list (names, types, part ids,
// Content-IDs), BINARY.SIZE (RFC 3516 §4.2) their exact decoded sizes, and only the text
// and HTML parts are fetched, each with its MIME header and at most `maxTextBytes` of
// content, then decoded by the same parser as small messages. A winmail.dat is fetched
// too, up to MAX_TNEF_BYTES, for the list of the files inside (mail/tnef.ts).
import { buffer } from 'node:stream/consumers';
import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import { extractBodyText, htmlToText, makeSnippet, tnefFiles, type BodyText } from './body-text';
import type { AttachmentInfo } from './mail-store';
import { looksLikeTnef } from './tnef';
import { uidSet } from './uid-set';

/** Appended where a text part was cut at the cap. */
export const BODY_TRUNCATED_NOTICE =
  'This message is very large: only the beginning of its text was downloaded.';

interface TextPart {
  part: string;
  type: 'text/plain' | 'text/html';
  /** Encoded size on the server, to tell whether the cap cut it. */
  size: number;
  /** The section holding the part's own header: `n.MIME`, or HEADER for a single-part message. */
  headerKey: string;
}

interface ListedAttachment extends AttachmentInfo {
  encoding: string;
}

export interface StructurePlan {
  text: TextPart[];
  attachments: ListedAttachment[];
}

/**
 * Decoded size from an encoded one when the server cannot tell (no BINARY): base64 as the
 * usual 76-character lines, quoted-printable as an upper bound.
 */
export function estimateDecodedSize(encodedSize: number, encoding: string): number {
  if (encoding !== 'base64') return encodedSize;
  const lineBreaks = Math.floor(encodedSize / 78) * 2;
  return Math.floor(((encodedSize - lineBreaks) * 3) / 4);
}

/** Sorts the leaves of a BODYSTRUCTURE as postal-mime does: inline text, or attachments. */
export function planStructure(root: MessageStructureObject): StructurePlan {
  const plan: StructurePlan = { text: [], attachments: [] };
  const walk = (node: MessageStructureObject, related: boolean, top: boolean) => {
    if (node.type.startsWith('multipart/')) {
      const inRelated = related || node.type === 'multipart/related';
      for (const child of node.childNodes ?? []) walk(child, inRelated, false);
      return;
    }
    // A single-part message's body is part 1, and its header is the message's.
    const part = node.part ?? '1';
    const disposition = node.disposition ?? null;
    const size = node.size ?? 0;
    if ((node.type === 'text/plain' || node.type === 'text/html') && disposition !== 'attachment') {
      plan.text.push({ part, type: node.type, size, headerKey: top ? 'HEADER' : `${part}.MIME` });
      return;
    }
    // A forwarded message/rfc822 is listed as one file rather than opened up.
    const encoding = node.encoding ?? '7bit';
    const contentId = node.id ?? null;
    plan.attachments.push({
      partId: part,
      filename: node.dispositionParameters?.filename ?? node.parameters?.name ?? null,
      contentType: node.type,
      size: estimateDecodedSize(size, encoding),
      contentId,
      disposition,
      inline: related && contentId !== null,
      calendarMethod:
        node.type === 'text/calendar' || node.type === 'application/ics'
          ? (node.parameters?.method?.toUpperCase().trim() ?? 'PUBLISH')
          : null,
      encoding,
    });
  };
  walk(root, false, true);
  return plan;
}

type Attr = { type?: string; value?: unknown };
/** imapflow's command primitive: it has no BINARY.SIZE fetch item, and exec() is untyped. */
interface RawCommands {
  exec?(
    command: string,
    attributes: unknown[],
    options: { untagged: Record<string, (u: { attributes?: Attr[] }) => void> },
  ): Promise<{ next(): void }>;
}

/** Exact decoded sizes by part, through FETCH BINARY.SIZE; null when the server says no. */
async function binarySizes(
  client: ImapFlow,
  uid: number,
  parts: string[],
): Promise<Map<string, number> | null> {
  const raw = client as unknown as RawCommands;
  if (!parts.length || !client.capabilities.has('BINARY') || !raw.exec) return null;
  const sizes = new Map<string, number>();
  try {
    // Like imapflow's own commands, hand the connection back with next() once done.
    const response = await raw.exec(
      'UID FETCH',
      [
        { type: 'SEQUENCE', value: String(uid) },
        parts.map((p) => ({
          type: 'ATOM',
          value: 'BINARY.SIZE',
          section: [{ type: 'ATOM', value: p }],
        })),
      ],
      {
        untagged: {
          FETCH: (untagged) => {
            const list = untagged.attributes?.[1];
            if (!Array.isArray(list)) return;
            const items = list as Attr[];
            for (let i = 0; i + 1 < items.length; i += 2) {
              const key = /^BINARY\.SIZE\[([\d.]+)\]$/i.exec(String(items[i]?.value ?? ''));
              const size = Number(items[i + 1]?.value);
              if (key && Number.isSafeInteger(size)) sizes.set(key[1]!, size);
            }
          },
        },
      },
    );
    response.next();
    return sizes;
  } catch {
    return null; // e.g. an unknown Content-Transfer-Encoding: keep the estimates
  }
}

function bodyOf(plan: StructurePlan, row: FetchMessageObject | undefined, maxTextBytes: number) {
  return Promise.all(
    plan.text.map(async (t) => {
      const header =
        t.headerKey === 'HEADER' ? row?.headers : row?.bodyParts?.get(t.headerKey.toLowerCase());
      const content = row?.bodyParts?.get(t.part);
      if (!header || !content) return null;
      const parsed = await extractBodyText(Buffer.concat([header, content]));
      return { type: t.type, parsed, cut: t.size > maxTextBytes };
    }),
  );
}

/**
 * A winmail.dat up to this size is downloaded with the text, so the files inside are
 * listed as for a small message; a larger one stays listed as winmail.dat.
 */
export const MAX_TNEF_BYTES = 25 * 1024 * 1024;

/** The attachments with the files of each winmail.dat small enough to download now. */
async function withTnefFiles(
  client: ImapFlow,
  uid: number,
  attachments: AttachmentInfo[],
): Promise<AttachmentInfo[]> {
  const out: AttachmentInfo[] = [];
  for (const attachment of attachments) {
    const small = attachment.size <= MAX_TNEF_BYTES;
    if (!small || !looksLikeTnef(attachment.contentType, attachment.filename)) {
      out.push(attachment);
      continue;
    }
    try {
      // The listed size may be an estimate: maxBytes stops the fetch where the cap is anyway.
      const part = await client.download(String(uid), attachment.partId!, {
        uid: true,
        decodeText: false,
        chunkSize: 1024 * 1024,
        maxBytes: MAX_TNEF_BYTES,
      });
      out.push(
        ...(part.content ? tnefFiles(attachment, await buffer(part.content)) : [attachment]),
      );
    } catch {
      out.push(attachment); // listed as it is: opening it still works
    }
  }
  return out;
}

/**
 * Bodies of large messages in the selected mailbox: text and HTML (each capped), and every
 * attachment with its real size. UIDs the server no longer has are left out.
 */
export async function fetchLargeBodies(
  client: ImapFlow,
  uids: number[],
  maxTextBytes: number,
): Promise<{ uid: number; body: BodyText }[]> {
  if (!uids.length) return [];
  const structures = await client.fetchAll(
    uidSet(uids),
    { uid: true, bodyStructure: true },
    { uid: true },
  );
  const out: { uid: number; body: BodyText }[] = [];
  for (const row of structures) {
    if (!row.bodyStructure) continue;
    const plan = planStructure(row.bodyStructure);
    const exact = await binarySizes(
      client,
      row.uid,
      plan.attachments
        .filter((a) => a.encoding !== '7bit' && a.encoding !== '8bit')
        .map((a) => a.partId!),
    );
    const textRows = plan.text.length
      ? await client.fetchAll(
          String(row.uid),
          {
            uid: true,
            ...(plan.text.some((t) => t.headerKey === 'HEADER') ? { headers: true } : {}),
            bodyParts: plan.text.flatMap((t) =>
              t.headerKey === 'HEADER'
                ? [{ key: t.part, maxLength: maxTextBytes }]
                : [t.headerKey, { key: t.part, maxLength: maxTextBytes }],
            ),
          },
          { uid: true },
        )
      : [];
    const texts = (await bodyOf(plan, textRows[0], maxTextBytes)).filter((t) => t !== null);
    const plain = texts.find((t) => t.type === 'text/plain');
    const rich = texts.find((t) => t.type === 'text/html');
    const truncated = texts.some((t) => t.cut);
    let text = plain?.parsed.text ?? (rich?.parsed.html ? htmlToText(rich.parsed.html) : '');
    let html = rich?.parsed.html ?? null;
    if (truncated) {
      text = `${text}\n\n[${BODY_TRUNCATED_NOTICE}]`;
      if (html !== null) html = `${html}<p><em>${BODY_TRUNCATED_NOTICE}</em></p>`;
    }
    const attachments = plan.attachments.map(({ encoding: _encoding, ...a }) => ({
      ...a,
      size: exact?.get(a.partId!) ?? a.size,
    }));
    out.push({
      uid: row.uid,
      body: {
        text: text.trim(),
        snippet: makeSnippet(plain?.parsed.text ?? text),
        html,
        attachments: await withTnefFiles(client, row.uid, attachments),
        parseError: null,
        truncated,
      },
    });
  }
  return out;
}
