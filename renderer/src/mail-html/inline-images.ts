// Attachment content in the reading pane: inline cid: images of HTML mail (fetched through
// attachments.get and handed to the sanitiser as data: URLs, which the frame's CSP already
// allows), and the bytes of files to open or save. Plain functions, easy to test.
import type { Client } from '../../../shared/contract';
import type { MessageAttachment, MessageDetail } from '../../../shared/domain';

/** Raster types the sanitiser keeps as data: images (see DATA_IMAGE in sanitize.ts). */
const RASTER = /^image\/(?:png|gif|jpe?g|webp|bmp|avif)$/i;
/** Types a browser shows without running anything: opened in a tab, everything else saved. */
const SAFE_TO_OPEN = /^(?:image\/(?:png|gif|jpe?g|webp|bmp|avif)|application\/pdf|text\/plain)$/i;
/** Inline images bigger than this stay out: a data: URL is sanitised and copied several times. */
export const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;

/** The key a cid: reference and a Content-ID share: no angle brackets, URL-decoded, lower case. */
export function cidKey(value: string): string {
  let id = value.trim().replace(/^cid:/i, '').replace(/^<|>$/g, '');
  try {
    id = decodeURIComponent(id);
  } catch {
    // not percent-encoded after all
  }
  return id.toLowerCase();
}

/** The Content-IDs an HTML body refers to through cid: URLs. */
export function referencedCids(html: string): Set<string> {
  const found = new Set<string>();
  for (const match of html.matchAll(/cid:([^"'\s)>]+)/gi)) found.add(cidKey(match[1]!));
  return found;
}

/** Inline images worth fetching for this message's HTML. */
export function inlineImagesOf(message: MessageDetail): MessageAttachment[] {
  if (!message.html || !/cid:/i.test(message.html)) return [];
  const wanted = referencedCids(message.html);
  return (message.attachments ?? []).filter(
    (a) =>
      a.id !== undefined &&
      a.contentId !== null &&
      wanted.has(cidKey(a.contentId)) &&
      RASTER.test(a.contentType) &&
      a.size <= MAX_INLINE_IMAGE_BYTES,
  );
}

/**
 * What the inline images of a message depend on: the message and the images its body
 * asks for. A message opened before its body was downloaded has none yet; this key
 * changes when the body arrives, so the images are fetched then.
 */
export function inlineImagesKey(message: MessageDetail): string {
  const ids = inlineImagesOf(message).map((a) => a.id);
  return ids.length ? `${message.id}:${ids.join(',')}` : '';
}

/** Pause before asking once more for an image whose fetch failed. */
export const INLINE_IMAGE_RETRY_MS = 1_000;

/**
 * Fetches the message's inline images one at a time (a Save may be waiting behind them)
 * and returns cid key → data: URL. A fetch that fails is tried once more after a pause
 * (the server may have dropped the short session that fetches it, or been busy); an image
 * that fails again is left out: it shows as missing.
 */
export async function loadInlineImages(
  client: Client,
  message: MessageDetail,
  retryMs = INLINE_IMAGE_RETRY_MS,
): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  const fetchFile = (a: MessageAttachment) =>
    client.invoke('attachments.get', { messageId: message.id, attachmentId: a.id! });
  for (const a of inlineImagesOf(message)) {
    const file = await fetchFile(a).catch(async () => {
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      return fetchFile(a).catch(() => null);
    });
    if (file) {
      images.set(cidKey(a.contentId!), `data:${a.contentType.toLowerCase()};base64,${file.data}`);
    }
  }
  return images;
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function canOpenInBrowser(contentType: string): boolean {
  return SAFE_TO_OPEN.test(contentType);
}

/** A short label for the file's kind, shown as its icon. */
export function attachmentKind(a: Pick<MessageAttachment, 'contentType' | 'filename'>): string {
  const type = a.contentType.toLowerCase();
  const ext = a.filename?.split('.').pop()?.toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'IMG';
  if (type === 'application/pdf' || ext === 'pdf') return 'PDF';
  if (type === 'text/calendar' || ext === 'ics') return 'CAL';
  if (type === 'message/rfc822' || ext === 'eml') return 'MSG';
  if (/zip|compressed|x-tar|gzip|x-7z/.test(type) || ['zip', 'gz', 'tgz', '7z'].includes(ext)) {
    return 'ZIP';
  }
  if (/word|opendocument\.text|rtf/.test(type) || ['doc', 'docx', 'odt'].includes(ext))
    return 'DOC';
  if (/sheet|excel|csv/.test(type) || ['xls', 'xlsx', 'ods', 'csv'].includes(ext)) return 'XLS';
  if (type.startsWith('text/')) return 'TXT';
  if (type.startsWith('audio/')) return 'SND';
  if (type.startsWith('video/')) return 'VID';
  return 'FILE';
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
