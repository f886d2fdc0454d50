// The composer: one message (or RSE comment/post) being written. Mail is a draft in the
// core from the first keystroke (debounced saves), so a crash or restart loses nothing;
// sending queues it in the core's outbox after the undo delay, or at a chosen time, and
// the core sends it whether or not this window is still open.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RseSpace } from '../../../shared/domain';
import type { Draft, DraftAttachmentInfo } from '../../../shared/requests/compose';
import type { ReplyDraft } from '../../../shared/requests/mail-actions';
import { errorMessage, useClient } from '../api/client';
import { useAccountsStore } from './accounts';
import { markdownToHtml } from './composer-markdown';

export type ComposerMode = 'mail' | 'rse-comment' | 'rse-post';
const UNDO_KEY = 'passerelle.undoSendMs';
const SAVE_DEBOUNCE_MS = 700;

/** The undo window, configurable in localStorage; 5 s unless set. */
export function undoDelayMs(): number {
  const stored = Number(globalThis.localStorage?.getItem(UNDO_KEY));
  return Number.isFinite(stored) && stored >= 0 && globalThis.localStorage?.getItem(UNDO_KEY)
    ? stored
    : 5_000;
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export const useComposerStore = defineStore('composer', () => {
  const client = useClient();
  const open = ref(false);
  const mode = ref<ComposerMode>('mail');
  const draftId = ref<string | null>(null);
  const accountId = ref('');
  const to = ref<string[]>([]);
  const cc = ref<string[]>([]);
  const bcc = ref<string[]>([]);
  const subject = ref('');
  const body = ref('');
  /** A forwarded post's HTML, sent below the user's note. */
  const appendedHtml = ref<string | null>(null);
  const inReplyTo = ref<string | null>(null);
  const references = ref<string[]>([]);
  const attachments = ref<DraftAttachmentInfo[]>([]);
  const postFiles = ref<File[]>([]);
  const rseTarget = ref<{ postId?: string; accountId?: string; spaceId?: string }>({});
  const spaces = ref<RseSpace[]>([]);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** The last message queued, while its undo window lasts. */
  const pendingSend = ref<{ taskId: string; draftId: string; until: number } | null>(null);
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> = Promise.resolve();

  const mailAccounts = computed(() => useAccountsStore().accounts.filter((a) => a.kind === 'imap'));

  function reset(next: ComposerMode) {
    if (saveTimer) clearTimeout(saveTimer);
    mode.value = next;
    draftId.value = null;
    to.value = [];
    cc.value = [];
    bcc.value = [];
    subject.value = '';
    body.value = '';
    appendedHtml.value = null;
    inReplyTo.value = null;
    references.value = [];
    attachments.value = [];
    postFiles.value = [];
    rseTarget.value = {};
    error.value = null;
    open.value = true;
  }

  function fill(draft: Partial<Draft> & ReplyDraft & { html?: string | null }) {
    accountId.value = draft.accountId;
    to.value = [...draft.to];
    cc.value = [...draft.cc];
    bcc.value = [...(draft.bcc ?? [])];
    subject.value = draft.subject;
    body.value = draft.text;
    inReplyTo.value = draft.inReplyTo;
    references.value = [...draft.references];
    attachments.value = draft.attachments ?? [];
  }

  function htmlBody(): string {
    return markdownToHtml(body.value) + (appendedHtml.value ?? '');
  }

  async function saveNow(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (mode.value !== 'mail' || !accountId.value) return;
    saving = saving.then(async () => {
      try {
        const saved = await client.invoke('drafts.save', {
          ...(draftId.value ? { id: draftId.value } : {}),
          accountId: accountId.value,
          to: to.value,
          cc: cc.value,
          bcc: bcc.value,
          subject: subject.value,
          text: body.value,
          html: htmlBody(),
          inReplyTo: inReplyTo.value,
          references: references.value,
        });
        draftId.value = saved.id;
        error.value = null;
      } catch (e) {
        error.value = `Could not save the draft: ${errorMessage(e)}`;
      }
    });
    await saving;
  }

  function changed() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveNow(), SAVE_DEBOUNCE_MS);
  }

  async function openNew(account?: string) {
    reset('mail');
    accountId.value = account ?? mailAccounts.value[0]?.id ?? '';
  }

  async function openReply(messageId: string, how: 'reply' | 'replyAll' | 'forward') {
    const draft = await client.invoke('mail.replyDraft', { messageId, mode: how });
    reset('mail');
    fill(draft);
    await saveNow();
  }

  async function openForwardPost(postId: string) {
    const draft = await client.invoke('compose.forwardPost', { postId });
    reset('mail');
    fill({ ...draft, text: '' });
    appendedHtml.value = draft.html;
    body.value = draft.text;
    await saveNow();
  }

  async function openDraft(id: string) {
    const draft = await client.invoke('drafts.get', { id });
    if (!draft) return;
    reset('mail');
    fill(draft);
    draftId.value = draft.id;
  }

  function openComment(postId: string) {
    reset('rse-comment');
    rseTarget.value = { postId };
  }

  /** A new RSE post; the space is chosen in the composer among the account's spaces. */
  async function openPost(account?: string, spaceId?: string) {
    reset('rse-post');
    const rse = account ?? useAccountsStore().accounts.find((a) => a.kind !== 'imap')?.id;
    if (!rse) {
      error.value = 'Add an RSE account to post.';
      return;
    }
    spaces.value = await client.invoke('rse.spaces', { accountId: rse, refresh: false });
    rseTarget.value = { accountId: rse, spaceId: spaceId ?? spaces.value[0]?.remoteId };
  }

  async function addFiles(files: File[]) {
    if (mode.value === 'rse-post') {
      postFiles.value = [...postFiles.value, ...files];
      return;
    }
    if (mode.value !== 'mail') return;
    if (!draftId.value) await saveNow();
    for (const file of files) {
      try {
        const info = await client.invoke('drafts.addAttachment', {
          draftId: draftId.value!,
          filename: file.name,
          contentType: file.type || 'application/octet-stream',
          dataBase64: await fileToBase64(file),
        });
        attachments.value = [...attachments.value, info];
      } catch (e) {
        error.value = errorMessage(e);
      }
    }
  }

  async function removeAttachment(id: string) {
    if (!draftId.value) return;
    await client.invoke('drafts.removeAttachment', { draftId: draftId.value, attachmentId: id });
    attachments.value = attachments.value.filter((a) => a.id !== id);
  }

  /** Queues the message; with sendAt it goes at that time, else after the undo window. */
  async function send(sendAt?: Date) {
    busy.value = true;
    try {
      if (mode.value === 'rse-comment') {
        await client.invoke('rse.createComment', {
          postId: rseTarget.value.postId!,
          bodyHtml: markdownToHtml(body.value),
        });
      } else if (mode.value === 'rse-post') {
        const files = await Promise.all(
          postFiles.value.map(async (f) => ({
            filename: f.name,
            contentType: f.type || 'application/octet-stream',
            dataBase64: await fileToBase64(f),
          })),
        );
        await client.invoke('rse.createPost', {
          accountId: rseTarget.value.accountId!,
          spaceId: rseTarget.value.spaceId!,
          title: subject.value || undefined,
          bodyHtml: markdownToHtml(body.value),
          attachments: files,
        });
      } else {
        await saveNow();
        const delayMs = undoDelayMs();
        const task = await client.invoke(
          'drafts.send',
          sendAt
            ? { id: draftId.value!, sendAt: sendAt.toISOString() }
            : { id: draftId.value!, delayMs },
        );
        if (!sendAt)
          pendingSend.value = {
            taskId: task.id,
            draftId: draftId.value!,
            until: Date.now() + delayMs,
          };
      }
      open.value = false;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      busy.value = false;
    }
  }

  /** Stops the queued message and reopens it in the composer. */
  async function undoSend() {
    const pending = pendingSend.value;
    if (!pending) return;
    pendingSend.value = null;
    await client.invoke('tasks.undo', { taskId: pending.taskId });
    await openDraft(pending.draftId);
  }

  async function discard() {
    if (saveTimer) clearTimeout(saveTimer);
    await saving;
    if (draftId.value) await client.invoke('drafts.remove', { id: draftId.value });
    open.value = false;
  }

  async function close() {
    await saveNow();
    open.value = false;
  }

  return {
    open,
    mode,
    draftId,
    accountId,
    to,
    cc,
    bcc,
    subject,
    body,
    attachments,
    postFiles,
    error,
    busy,
    pendingSend,
    mailAccounts,
    spaces,
    rseTarget,
    changed,
    saveNow,
    openNew,
    openReply,
    openForwardPost,
    openDraft,
    openComment,
    openPost,
    addFiles,
    removeAttachment,
    send,
    undoSend,
    discard,
    close,
  };
});
