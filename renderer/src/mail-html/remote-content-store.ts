// Which messages and senders may load remote content. Per-message choices last for the
// session; the sender allow-list persists in localStorage until the core offers a
// request to keep it in the profile (then it should move there, shared with the desktop).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

const STORAGE_KEY = 'passerelle.remoteContent.senders';

function loadSenders(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function normalise(address: string): string {
  return address.trim().toLowerCase();
}

export const useRemoteContentStore = defineStore('remoteContent', () => {
  const messages = ref(new Set<string>());
  const senderList = ref<string[]>(loadSenders());
  const senders = computed(() => new Set(senderList.value));

  function isAllowed(messageId: string, sender: string | null | undefined): boolean {
    return messages.value.has(messageId) || (!!sender && senders.value.has(normalise(sender)));
  }

  function allowMessage(messageId: string): void {
    messages.value = new Set(messages.value).add(messageId);
  }

  function allowSender(sender: string): void {
    const address = normalise(sender);
    if (!address || senders.value.has(address)) return;
    senderList.value = [...senderList.value, address];
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(senderList.value));
    } catch {
      // Storage full or disabled: the choice still holds for this session.
    }
  }

  function forgetSender(sender: string): void {
    senderList.value = senderList.value.filter((s) => s !== normalise(sender));
    localStorage.setItem(STORAGE_KEY, JSON.stringify(senderList.value));
  }

  return { senderList, isAllowed, allowMessage, allowSender, forgetSender };
});
