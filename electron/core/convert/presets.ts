// Default limits per network, used when the server has not told us better (Mastodon's
// /api/v2/instance, Discourse's site settings and Zulip's server settings report their
// own; callers pass those through withLimits). Each figure names where it comes from,
// so a reviewer can check it against the network's documentation or source.
import type { RseNetwork } from '../../../shared/domain';
import type { DestinationLimits } from './types';

const MIB = 1024 * 1024;

// WordPress' wp_get_mime_types() as filtered by get_allowed_mime_types() for an author
// without unfiltered_html (which drops exe, swf, htm/html); the common entries.
const WORDPRESS_TYPES = (
  'jpg jpeg jpe gif png bmp tif tiff webp avif heic ico pdf doc docx dot dotx xls ' +
  'xlsx ppt pptx pps ppsx odt ods odp odg rtf txt csv tsv ics rtx vtt key numbers ' +
  'pages zip gz gzip 7z mp3 m4a ogg oga wav flac mp4 m4v mov wmv avi mpeg mpg ogv ' +
  'webm 3gp 3g2'
).split(' ');

// Mastodon's MediaAttachment IMAGE/VIDEO/AUDIO_FILE_EXTENSIONS (app/models/media_attachment.rb).
const MASTODON_TYPES = (
  'jpg jpeg png gif webp heic heif avif webm mp4 m4v mov ogg oga wav flac opus aac ' +
  'm4a 3gp wma mp3'
).split(' ');

export const NETWORK_LIMITS: Readonly<Record<RseNetwork, DestinationLimits>> = {
  // WordPress: post_content is LONGTEXT (no practical limit); media uploads are capped by
  // PHP's upload_max_filesize, whose shipped default is 2M (php.ini-development); sites
  // usually raise it, so the caller should pass the site's value when it knows it.
  // Comments thread under the post (wp_comments.comment_parent). HTML body; kses keeps
  // <details>/<summary> in posts.
  wordpress: {
    network: 'wordpress',
    titles: true,
    maxTitleLength: null,
    minTitleLength: 0,
    format: 'html',
    maxBodyLength: null,
    maxAttachments: null,
    maxAttachmentBytes: 2 * MIB,
    allowedExtensions: WORDPRESS_TYPES,
    threads: true,
    collapse: 'details',
    attachmentMode: 'link',
  },
  // Mattermost: PostMessageMaxRunesV2 = 16383 (server/public/model/post.go); at most 10
  // file ids per post (PostFileidsMaxRunes / the webapp's MaxFilesPerPost); FileSettings.
  // MaxFileSize defaults to 100 MiB (104857600). Replies via root_id. No title, no
  // collapsible block in its Markdown, so quotes stay as blockquotes.
  mattermost: {
    network: 'mattermost',
    titles: false,
    maxTitleLength: null,
    minTitleLength: 0,
    format: 'markdown',
    maxBodyLength: 16383,
    maxAttachments: 5, // per post; the connector refuses more before uploading
    maxAttachmentBytes: 100 * MIB,
    allowedExtensions: null,
    threads: true,
    collapse: 'quote',
    attachmentMode: 'native',
  },
  // Zulip: MAX_MESSAGE_LENGTH = 10000 (zerver/lib/message.py, also reported as
  // max_message_length by /register); MAX_FILE_UPLOAD_SIZE defaults to 25 MiB. Later
  // messages in the same topic continue the conversation. Titles stay false here: the
  // topic (max 60 chars) is the connector's business; it can pass titles:true instead.
  // Zulip Markdown has ```spoiler blocks, which fold.
  zulip: {
    network: 'zulip',
    titles: false,
    maxTitleLength: 60,
    minTitleLength: 0,
    format: 'markdown',
    maxBodyLength: 10000,
    maxAttachments: null,
    maxAttachmentBytes: 25 * MIB,
    allowedExtensions: null,
    threads: true,
    collapse: 'spoiler',
    attachmentMode: 'link',
  },
  // Discourse site-setting defaults (config/site_settings.yml): max_post_length 32000,
  // max_topic_title_length 255, min_topic_title_length 15, max_attachment_size_kb 4096,
  // authorized_extensions "jpg|jpeg|png|gif|heic|heif|webp|avif". Replies in the topic.
  // The [details] BBCode folds.
  discourse: {
    network: 'discourse',
    titles: true,
    maxTitleLength: 255,
    minTitleLength: 15,
    format: 'markdown',
    maxBodyLength: 32000,
    maxAttachments: null,
    maxAttachmentBytes: 4096 * 1024,
    allowedExtensions: ['jpg', 'jpeg', 'png', 'gif', 'heic', 'heif', 'webp', 'avif'],
    threads: true,
    collapse: 'discourse-details',
    attachmentMode: 'link',
  },
  // Mastodon: max_characters 500 (StatusLengthValidator::MAX_CHARS, reported by
  // /api/v2/instance configuration.statuses), max_media_attachments 4, images up to
  // 16 MiB (MediaAttachment::IMAGE_LIMIT; videos may be larger). Plain text. threads is
  // false on purpose: turning a thread into a 1/n self-reply chain floods followers, so
  // a thread that does not fit is refused unless the caller opts in.
  mastodon: {
    network: 'mastodon',
    titles: false,
    maxTitleLength: null,
    minTitleLength: 0,
    format: 'text',
    maxBodyLength: 500,
    maxAttachments: 4,
    maxAttachmentBytes: 16 * MIB,
    allowedExtensions: MASTODON_TYPES,
    threads: false,
    collapse: 'none',
    attachmentMode: 'native',
  },
  // Feeds are read-only (electron/core/rse/feed): never a destination, their connector
  // refuses to post. The entry only keeps this table total over RseNetwork.
  feed: {
    network: 'feed',
    titles: true,
    maxTitleLength: null,
    minTitleLength: 0,
    format: 'html',
    maxBodyLength: 0,
    maxAttachments: 0,
    maxAttachmentBytes: 0,
    allowedExtensions: [],
    threads: false,
    collapse: 'none',
    attachmentMode: 'link',
  },
};

/** The preset for a network, with what the server reported laid over it. */
export function withLimits(
  network: RseNetwork,
  overrides: Partial<Omit<DestinationLimits, 'network'>> = {},
): DestinationLimits {
  return { ...NETWORK_LIMITS[network], ...overrides, network };
}
