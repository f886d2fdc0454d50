// The unread count shown in the tab title and favicon, Web Notifications in browser
// mode, and opening the item a notification (desktop or web) points at. It also tells
// the core the window's language, which the core words notifications in.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useClient } from '../api/client';
import { i18n } from '../i18n';
import { useReaderStore } from '../stores/reader';
import { useTimelineStore } from '../stores/timeline';
import { applyBadge } from './badge';
import {
  askPermission,
  showWebNotification,
  threadOfItem,
  webNotificationsAvailable,
} from './web-notifications';

const BASE_TITLE = 'Passerelle';

export const useNotificationsStore = defineStore('notifications', () => {
  const client = useClient();
  const reader = useReaderStore();
  const timeline = useTimelineStore();
  const unread = ref(0);
  let started = false;
  let pending: ReturnType<typeof setTimeout> | undefined;

  async function refreshCount(): Promise<void> {
    try {
      unread.value = (await client.invoke('notify.unreadCount', {})).count;
    } catch {
      return; // Disconnected: the count comes back with the connection.
    }
    if (typeof document !== 'undefined') applyBadge(document, BASE_TITLE, unread.value);
  }

  function openItem(itemId: string): void {
    const threadId = threadOfItem(itemId);
    if (!threadId) return;
    timeline.select(itemId);
    void reader.open(threadId);
  }

  /** Subscribes once for the page's lifetime (the store lives as long as the app). */
  function start(win: Window = window): void {
    if (started) return;
    started = true;
    // A sync commits in bursts: count once things settle.
    client.on('db.changed', () => {
      clearTimeout(pending);
      pending = setTimeout(() => void refreshCount(), 200);
    });
    client.on('app.openItem', ({ itemId }) => openItem(itemId));
    if (webNotificationsAvailable(win)) {
      void askPermission(win);
      client.on('notify.show', (payload) => showWebNotification(win, payload, openItem));
    }
    watch(
      () => i18n.global.locale.value,
      (locale) => {
        // Not worth an error for the user: notifications would only stay in English.
        client.invoke('settings.setLocale', { locale }).catch(() => undefined);
      },
      { immediate: true },
    );
    void refreshCount();
  }

  return { unread, start, refreshCount, openItem };
});
