// Layout state: sidebar collapsed or not, and phone-width mode (the sidebar becomes a drawer).
import { defineStore } from 'pinia';
import { ref } from 'vue';

const MOBILE_MAX = 768;

export const useAppStore = defineStore('app', () => {
  const collapsed = ref(localStorage.getItem('govpatrol.sidebar') === 'collapsed');
  const mobile = ref(window.innerWidth < MOBILE_MAX);
  const drawerOpen = ref(false);

  function toggleSidebar(): void {
    if (mobile.value) {
      drawerOpen.value = !drawerOpen.value;
      return;
    }
    collapsed.value = !collapsed.value;
    localStorage.setItem('govpatrol.sidebar', collapsed.value ? 'collapsed' : 'open');
  }

  function onResize(): void {
    mobile.value = window.innerWidth < MOBILE_MAX;
    if (!mobile.value) drawerOpen.value = false;
  }

  return { collapsed, mobile, drawerOpen, toggleSidebar, onResize };
});
