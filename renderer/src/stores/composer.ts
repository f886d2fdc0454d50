// The composer: one message (or RSE comment/post) being written. Mail is a draft in the
// core from the first keystroke (debounced saves), so a crash or restart loses nothing;
// sending queues it in the core's outbox after the undo delay, or at a chosen time, and
// the core sends it whether or not this window is still open. The body is rich text
// (HTML from the editor, with its plain-text form alongside) or plain text; a pending
// save is flushed, never dropped, when the composer resets, closes, sends or the window
// goes away.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RseSpace } from '../../../shared/domain';
import {
  SEND_LATER_PAST_TOLERANCE_MS,
  type Draft,
  type DraftAttachmentInfo,
} from '../../../shared/requests/compose';
import type { ReplyDraft } from '../../../shared/requests/mail-actions';
import { errorMessage, useClient } from '../api/client';
import { t } from '../i18n';
import { useAccountsStore } from './accounts';
import { htmlToPlainText, plainTextToHtml } from './composer-body';
import { hasQuotedPart, swapSignature, withSignature } from './composer-signature';
import { fileUpload, readerClock, undoDelayMs } from './composer-support';

export type ComposerMode = 'mail' | 'rse-comment' | 'rse-post';
const PLAIN_KEY = 'passerelle.composePlainText';
export const SAVE_DEBOUNCE_MS = 700;

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
  /** The body as plain text: what plain-text mode edits, and rich text's text form. */
  const body = ref('');
  /** The rich body (the editor's HTML); ignored in plain-text mode. */
  const bodyHtml = ref('');
  /** Plain-text mode; the last choice is remembered for the next message. */
  const plain = ref(globalThis.localStorage?.getItem(PLAIN_KEY) === '1');
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
  /**
   * The draft being written; replaced (not mutated) on reset, so a save still in flight
   * for the previous message records its id there, never on the next message.
   */
  let current = { id: null as string | null };

  // Closing or reloading the window must not lose the last keystrokes either.
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => void flushPendingSave());
  }

  const mailAccounts = computed(() => useAccountsStore().accounts.filter((a) => a.kind === 'imap'));
  const signatureOf = (id: string) =>
    mailAccounts.value.find((a) => a.id === id)?.identity?.signature ?? '';

  /** Sends from another account: its signature replaces the last one where it still stands. */
  function setFrom(id: string) {
    const [before, after] = [signatureOf(accountId.value), signatureOf(id)];
    accountId.value = id;
    const how = { html: !plain.value, quoted: hasQuotedPart(body.value) };
    if (plain.value) body.value = swapSignature(body.value, before, after, how);
    else {
      bodyHtml.value = swapSignature(bodyHtml.value, before, after, how);
      body.value = htmlToPlainText(bodyHtml.value);
    }
    changed();
  }

  /** Saves now what a debounce was still holding (typing of the last 700 ms). */
  function flushPendingSave(): Promise<void> {
    return saveTimer ? saveNow() : saving;
  }

  function reset(next: ComposerMode) {
    void flushPendingSave();
    current = { id: null };
    mode.value = next;
    draftId.value = null;
    to.value = [];
    cc.value = [];
    bcc.value = [];
    subject.value = '';
    body.value = '';
    bodyHtml.value = '';
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
    // A saved rich draft keeps its HTML; a reply or forward arrives as text with quotes.
    bodyHtml.value = draft.html ?? plainTextToHtml(draft.text);
    inReplyTo.value = draft.inReplyTo;
    references.value = [...draft.references];
    attachments.value = draft.attachments ?? [];
  }

  /** The body as sent to RSE networks: always HTML (the core converts it per network). */
  function bodyAsHtml(): string {
    return plain.value ? plainTextToHtml(body.value) : bodyHtml.value;
  }

  /**
   * The account a new message goes from when none was given: the first mail account. The
   * composer can open (Ctrl+N) before the app has its account list, so it waits for the
   * list rather than leave the message with no account, which could then never be sent.
   */
  async function defaultMailAccount(): Promise<string> {
    await useAccountsStore().ready();
    return mailAccounts.value[0]?.id ?? '';
  }

  /** Saves the draft as it is now; saves run one after another, in order. */
  async function saveNow(): Promise<void> {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (mode.value !== 'mail') return;
    // What to save is read now: by the time the previous save is answered, the composer
    // may show another message.
    const target = current;
    const chosenAccount = accountId.value;
    const fields = {
      to: [...to.value],
      cc: [...cc.value],
      bcc: [...bcc.value],
      subject: subject.value,
      text: body.value,
      html: plain.value ? null : bodyHtml.value,
      inReplyTo: inReplyTo.value,
      references: [...references.value],
    };
    saving = saving.then(async () => {
      try {
        const account = chosenAccount || (await defaultMailAccount());
        if (!account) {
          if (target === current) error.value = t('composer.needMailAccount');
          return;
        }
        if (target === current) accountId.value ||= account;
        const saved = await client.invoke('drafts.save', {
          ...(target.id ? { id: target.id } : {}),
          accountId: account,
          ...fields,
        });
        target.id = saved.id;
        if (target === current) {
          draftId.value = saved.id;
          error.value = null;
        }
      } catch (e) {
        if (target === current) error.value = t('composer.saveFailed', { reason: errorMessage(e) });
      }
    });
    await saving;
  }

  /** Switches between rich and plain text, carrying the body across. */
  function setPlain(next: boolean) {
    if (next === plain.value) return;
    if (!next) bodyHtml.value = plainTextToHtml(body.value);
    plain.value = next;
    globalThis.localStorage?.setItem(PLAIN_KEY, next ? '1' : '0');
    changed();
  }

  function changed() {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveNow(), SAVE_DEBOUNCE_MS);
  }

  async function openNew(account?: string) {
    reset('mail');
    const opened = current;
    accountId.value = account ?? mailAccounts.value[0]?.id ?? '';
    if (!accountId.value) {
      const fallback = await defaultMailAccount();
      // Unless the user has moved on to another message, or chose an account, meanwhile.
      if (opened !== current || accountId.value) return;
      accountId.value = fallback;
    }
    // Signed, unless the user started writing while the account list was awaited.
    if (body.value) return;
    body.value = withSignature('', signatureOf(accountId.value));
    bodyHtml.value = plainTextToHtml(body.value);
  }

  async function openReply(messageId: string, how: 'reply' | 'replyAll' | 'forward') {
    // The attribution line is written in the user's language, with the date in their zone.
    const draft = await client.invoke('mail.replyDraft', {
      messageId,
      mode: how,
      ...readerClock(),
    });
    reset('mail');
    fill({ ...draft, text: withSignature(draft.text, signatureOf(draft.accountId)) });
    await saveNow();
  }

  async function openForwardPost(postId: string) {
    // The post's date is written for the reader: their language and time zone.
    const draft = await client.invoke('compose.forwardPost', { postId, ...readerClock() });
    reset('mail');
    fill({ ...draft, text: withSignature(draft.text, signatureOf(draft.accountId)) });
    await saveNow();
  }

  async function openDraft(id: string) {
    const draft = await client.invoke('drafts.get', { id });
    if (!draft) return;
    reset('mail');
    fill(draft);
    if (draft.html === null) plain.value = true;
    current.id = draft.id;
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
      error.value = t('composer.needRseAccount');
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
    if (!draftId.value) return; // the save's error is shown
    for (const file of files) {
      try {
        const info = await client.invoke('drafts.addAttachment', {
          draftId: draftId.value,
          ...(await fileUpload(file)),
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
    // Said here at once, in the user's language; the core applies the same rule.
    if (sendAt && sendAt.getTime() < Date.now() - SEND_LATER_PAST_TOLERANCE_MS) {
      error.value = t('composer.laterInPast');
      return;
    }
    busy.value = true;
    try {
      if (mode.value === 'rse-comment') {
        await client.invoke('rse.createComment', {
          postId: rseTarget.value.postId!,
          bodyHtml: bodyAsHtml(),
        });
      } else if (mode.value === 'rse-post') {
        const files = await Promise.all(postFiles.value.map(fileUpload));
        await client.invoke('rse.createPost', {
          accountId: rseTarget.value.accountId!,
          spaceId: rseTarget.value.spaceId!,
          title: subject.value || undefined,
          bodyHtml: bodyAsHtml(),
          attachments: files,
        });
      } else {
        const target = current;
        await saveNow();
        // The save failed or there is no account to send from: its error is shown, and
        // the composer stays open with the message.
        if (!target.id) return;
        const delayMs = undoDelayMs();
        const task = await client.invoke(
          'drafts.send',
          sendAt ? { id: target.id, sendAt: sendAt.toISOString() } : { id: target.id, delayMs },
        );
        if (!sendAt)
          pendingSend.value = { taskId: task.id, draftId: target.id, until: Date.now() + delayMs };
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
    await takeBack(pending.taskId, pending.draftId);
  }

  /**
   * Cancels a queued send (undo send, the outbox) and reopens its draft here. Saving again
   * tells the core the draft is being edited: its Drafts-folder copy, held while the
   * message waited to leave (or removed after a refusal), is brought up to date at once.
   */
  async function takeBack(taskId: string, id: string) {
    await client.invoke('tasks.undo', { taskId });
    await openDraft(id);
    await saveNow();
  }

  async function discard() {
    // A save still waiting would only bring the draft back after its removal.
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    await saving;
    if (current.id) await client.invoke('drafts.remove', { id: current.id });
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
    bodyHtml,
    plain,
    attachments,
    postFiles,
    error,
    busy,
    pendingSend,
    mailAccounts,
    spaces,
    rseTarget,
    changed,
    setFrom,
    saveNow,
    flushPendingSave,
    setPlain,
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
    takeBack,
    discard,
    close,
  };
});
