// The unread count the bell shows: polled every minute while signed in, refreshed by the inbox page.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { unreadCount } from '@/api/notifications';

const POLL_MS = 60_000;

export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function refresh(): Promise<void> {
    try {
      unread.value = (await unreadCount()).unread;
    } catch {
      // a failed poll keeps the last count
    }
  }

  function start(): void {
    if (timer) return;
    void refresh();
    timer = setInterval(() => void refresh(), POLL_MS);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
  }

  return { unread, refresh, start, stop };
});
