// The signed-in user and the CSRF token of the session. The token lives only in memory: a reload asks
// /auth/me again, which answers with the current token.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as auth from '@/api/auth';
import { configureRequest } from '@/api/request';
import type { Role, SessionUser } from '@/api/types';

export const useUserStore = defineStore('user', () => {
  const user = ref<SessionUser | null>(null);
  const csrfToken = ref<string | null>(null);
  const checked = ref(false);

  const role = computed<Role | null>(() => user.value?.role ?? null);
  const isSupervisor = computed(() => role.value === 'supervisor');
  /** Who may add, change and delete websites and accounts: the supervisor, and a unit operator for its own unit
   *  (the server confines it). Units, users and imports are the supervisor's. */
  const canEditInventory = computed(() => role.value === 'supervisor' || role.value === 'unit');
  const canImport = computed(() => role.value === 'supervisor');
  /** Who may start a scan: not read-only viewers. */
  const canScan = computed(() => role.value !== null && role.value !== 'viewer');

  function setSession(s: { user: SessionUser; csrfToken: string }): void {
    user.value = s.user;
    csrfToken.value = s.csrfToken;
    checked.value = true;
  }

  function clear(): void {
    user.value = null;
    csrfToken.value = null;
    checked.value = true;
  }

  async function login(username: string, password: string): Promise<void> {
    setSession(await auth.login(username, password));
  }

  /** Once per page load: is there a session already? */
  async function ensureChecked(): Promise<void> {
    if (checked.value) return;
    try {
      setSession(await auth.me());
    } catch {
      clear();
    }
  }

  async function logout(): Promise<void> {
    try {
      await auth.logout();
    } finally {
      clear();
    }
  }

  function hasRole(roles?: Role[]): boolean {
    return !roles || (role.value !== null && roles.includes(role.value));
  }

  return { user, csrfToken, checked, role, isSupervisor, canEditInventory, canImport, canScan, setSession, clear, login, ensureChecked, logout, hasRole };
});

/** Wires the request layer to the store: the CSRF header, and back to login when the session ends. */
export function connectRequestToStore(onUnauthorized: () => void): void {
  configureRequest({
    csrfToken: () => useUserStore().csrfToken,
    onUnauthorized: () => {
      useUserStore().clear();
      onUnauthorized();
    },
  });
}
