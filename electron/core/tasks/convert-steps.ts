// Steps shared by the conversion task and its follow-ups (a later email added as a
// comment): the idempotency markers every created item carries, and "reply once", which
// asks the network for a comment with the marker before creating one. A process killed
// between "the network created the comment" and "we recorded it" thus finds that comment
// on restart instead of posting it twice.
import { createHash } from 'node:crypto';
import type { BodyFormat } from '../convert';
import type { ImapAccess } from '../mail/actions/session';
import type { Attachment, NewComment, RemoteItem, RseConnector } from '../rse/connector';
import { RseError } from '../rse/errors';
import { fetchParts } from './convert-source';
import { PermanentTaskError } from './task-kind';

/** A file of the thread to upload: where it is on the mail server, and which part shows it. */
export interface ConvertUpload {
  ref: string;
  partIndex: number;
  filename: string;
  contentType: string;
  mailbox: string;
  uid: number;
  partId: string;
}

export interface UploadProgress {
  mailAccountId: string;
  uploads: ConvertUpload[];
  /** ref → URL, saved after each file so a retry never uploads one twice. */
  uploaded: Record<string, string>;
}

/** Networks without uploadFile attach each part's files natively, to that part. */
export async function nativeFiles(
  rse: RseConnector,
  imap: (accountId: string) => Promise<ImapAccess>,
  p: Pick<UploadProgress, 'mailAccountId' | 'uploads'>,
  partIndex: number,
): Promise<Attachment[]> {
  const files = rse.uploadFile ? [] : p.uploads.filter((u) => u.partIndex === partIndex);
  if (files.length === 0) return [];
  const data = await fetchParts(await imap(p.mailAccountId), files);
  return files.map((u, i) => ({
    filename: u.filename,
    contentType: u.contentType,
    data: data[i]!,
  }));
}

/**
 * The marker of part `index` of a conversion: the conversion's key for the root post, the
 * key and the part number for each reply. Letters and digits only (WordPress' search splits
 * on punctuation), and fixed-width so no marker is a prefix of another (part 1 vs part 10).
 */
export function partMarker(key: string, index: number): string {
  return index === 0 ? key : `${key}part${String(index).padStart(5, '0')}`;
}

/** The marker of a comment added later for one email (its Message-ID) of the thread. */
export function followMarker(key: string, messageId: string, index: number): string {
  const digest = createHash('sha256').update(messageId).digest('hex').slice(0, 20);
  return `${key}follow${digest}part${String(index).padStart(5, '0')}`;
}

/** Where the network keeps HTML comments (WordPress), the marker goes in the body, unseen. */
export function withMarker(body: string, format: BodyFormat, marker: string): string {
  return format === 'html' ? `${body}\n<!-- ${marker} -->` : body;
}

export interface ReplyPart {
  postRemoteId: string;
  /** In the network's format, cid: references already rewritten. */
  body: string;
  format: BodyFormat;
  marker: string;
  /** The files this part attaches natively; read only when the comment must be created. */
  files?: () => Promise<Attachment[]>;
}

/** The comment carrying the marker if the network already has it, else a new one. */
export async function replyOnce(rse: RseConnector, part: ReplyPart): Promise<RemoteItem> {
  const comment: NewComment = {
    postRemoteId: part.postRemoteId,
    bodyHtml: withMarker(part.body, part.format, part.marker),
    networkMarkup: true, // rendered for this network by the planner
    marker: part.marker,
  };
  const found = await rse.findCommentByMarker?.(part.postRemoteId, part.marker, comment);
  if (found) return found;
  const attachments = (await part.files?.()) ?? [];
  return rse.createComment(attachments.length ? { ...comment, attachments } : comment);
}

/**
 * Uploads the files not uploaded yet (networks with uploadFile: the body links them),
 * fetching their contents from the mail server in one session; `save` persists each URL.
 */
export async function uploadMissing(
  rse: RseConnector,
  imap: (accountId: string) => Promise<ImapAccess>,
  progress: UploadProgress,
  save: () => void,
): Promise<void> {
  const missing = progress.uploads.filter((u) => !(u.ref in progress.uploaded));
  if (!rse.uploadFile || missing.length === 0) return;
  const contents = await fetchParts(await imap(progress.mailAccountId), missing);
  for (const [i, file] of missing.entries()) {
    const { url } = await rse.uploadFile({
      filename: file.filename,
      contentType: file.contentType,
      data: contents[i]!,
    });
    progress.uploaded = { ...progress.uploaded, [file.ref]: url };
    save();
  }
}

/** Refusals that retrying cannot change: the content or the permission is the problem. */
export function permanence(error: unknown): unknown {
  if (error instanceof RseError && (error.kind === 'invalid' || error.kind === 'permission')) {
    return new PermanentTaskError(error.message);
  }
  return error;
}
