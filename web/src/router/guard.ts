// Permission guard: no session → login (keeping where the user wanted to go); a role not allowed → 403.
// The server enforces the same rules; this only keeps people out of pages that would answer 403 anyway.
import type { Router } from 'vue-router';
import { t } from '@/i18n';
import { connectRequestToStore, useUserStore } from '@/store/user';

export function installGuards(router: Router): void {
  connectRequestToStore(() => {
    const current = router.currentRoute.value;
    if (current.name !== 'login') void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  });

  router.beforeEach(async (to) => {
    const store = useUserStore();
    await store.ensureChecked();
    if (to.meta.public) {
      return to.name === 'login' && store.user ? { path: '/' } : true;
    }
    if (!store.user) return { name: 'login', query: { redirect: to.fullPath } };
    if (!store.hasRole(to.meta.roles)) return { name: 'forbidden' };
    return true;
  });

  router.afterEach((to) => {
    const title = to.meta.title ? t(to.meta.title) : '';
    document.title = title ? `${title} - ${t('app.title')}` : t('app.title');
  });
}
