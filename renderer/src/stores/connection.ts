import { defineStore } from 'pinia';
import { onScopeDispose, ref } from 'vue';
import { useConnectionSource } from '../api/client';
import type { ConnectionState } from '../api/connection';

export const useConnectionStore = defineStore('connection', () => {
  const source = useConnectionSource();
  const state = ref<ConnectionState>(source.connection.state);
  const retryInMs = ref<number | undefined>(source.connection.retryInMs);
  /** Bumped on every reconnection, so views refetch what they missed meanwhile. */
  const reconnections = ref(0);
  let wasLost = false;

  onScopeDispose(
    source.onConnectionChange((info) => {
      state.value = info.state;
      retryInMs.value = info.retryInMs;
      if (info.state === 'disconnected') wasLost = true;
      if (info.state === 'connected' && wasLost) {
        wasLost = false;
        reconnections.value++;
      }
    }),
  );

  return { state, retryInMs, reconnections };
});
