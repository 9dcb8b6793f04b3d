// Routes carry their menu title (i18n key), icon and the roles allowed to open them. The sidebar is built from
// the same table, so a menu a role may not open is never shown. Hash history: the server needs no fallback route.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/types';
import Layout from '@/layout/index.vue';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    icon?: string;
    roles?: Role[];
    hidden?: boolean;
    public?: boolean;
    /** The menu entry to highlight (detail pages highlight their list). */
    activeMenu?: string;
    parentTitle?: string;
  }
}

export const SUPERVISOR: Role[] = ['supervisor'];
export const STAFF: Role[] = ['supervisor', 'inspector', 'viewer'];

export const layoutChildren: RouteRecordRaw[] = [
  { path: 'dashboard', name: 'dashboard', component: () => import('@/views/dashboard/index.vue'), meta: { title: 'nav.dashboard', icon: 'DataAnalysis' } },
  { path: 'websites', name: 'websites', component: () => import('@/views/website/index.vue'), meta: { title: 'nav.websites', icon: 'Monitor' } },
  {
    path: 'websites/:id', name: 'website-detail', component: () => import('@/views/website/detail.vue'),
    meta: { title: 'nav.websiteDetail', hidden: true, activeMenu: '/websites', parentTitle: 'nav.websites' },
  },
  { path: 'rounds', name: 'rounds', component: () => import('@/views/round/index.vue'), meta: { title: 'nav.rounds', icon: 'Calendar' } },
  {
    path: 'rounds/:id', name: 'round-detail', component: () => import('@/views/round/detail.vue'),
    meta: { title: 'nav.roundDetail', hidden: true, activeMenu: '/rounds', parentTitle: 'nav.rounds' },
  },
  { path: 'tasks', name: 'tasks', component: () => import('@/views/task/index.vue'), meta: { title: 'nav.tasks', icon: 'Finished' } },
  {
    path: 'tasks/:id', name: 'task-detail', component: () => import('@/views/task/detail.vue'),
    meta: { title: 'nav.taskDetail', hidden: true, activeMenu: '/tasks', parentTitle: 'nav.tasks' },
  },
  { path: 'units', name: 'units', component: () => import('@/views/unit/index.vue'), meta: { title: 'nav.units', icon: 'OfficeBuilding', roles: STAFF } },
  { path: 'accounts', name: 'accounts', component: () => import('@/views/account/index.vue'), meta: { title: 'nav.accounts', icon: 'Iphone' } },
  { path: 'system/users', name: 'users', component: () => import('@/views/system/user/index.vue'), meta: { title: 'nav.users', icon: 'UserFilled', roles: SUPERVISOR, parentTitle: 'nav.system' } },
  { path: 'system/audit', name: 'audit', component: () => import('@/views/system/audit/index.vue'), meta: { title: 'nav.audit', icon: 'Tickets', roles: SUPERVISOR, parentTitle: 'nav.system' } },
  { path: 'system/settings', name: 'settings', component: () => import('@/views/system/settings/index.vue'), meta: { title: 'nav.settings', icon: 'Setting', roles: SUPERVISOR, parentTitle: 'nav.system' } },
  { path: 'messages', name: 'messages', component: () => import('@/views/message/index.vue'), meta: { title: 'nav.messages', icon: 'ChatLineSquare' } },
  { path: 'messages/stats', name: 'message-stats', component: () => import('@/views/message/stats.vue'), meta: { title: 'nav.messageStats', hidden: true, activeMenu: '/messages', parentTitle: 'nav.messages' } },
  {
    path: 'messages/:id', name: 'message-detail', component: () => import('@/views/message/detail.vue'),
    meta: { title: 'nav.messageDetail', hidden: true, activeMenu: '/messages', parentTitle: 'nav.messages' },
  },
  { path: 'inbox', name: 'inbox', component: () => import('@/views/inbox/index.vue'), meta: { title: 'nav.inbox', hidden: true } },
  { path: '403', name: 'forbidden', component: () => import('@/views/error/403.vue'), meta: { title: 'nav.forbidden', hidden: true } },
];

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { public: true, title: 'login.submit' } },
  // The public 「我为政府网站找错」 pages: no session, no menu.
  { path: '/public/report', name: 'public-report', component: () => import('@/views/public/report.vue'), meta: { public: true, title: 'publicMsg.report' } },
  { path: '/public/lookup', name: 'public-lookup', component: () => import('@/views/public/lookup.vue'), meta: { public: true, title: 'publicMsg.lookup' } },
  { path: '/', component: Layout, redirect: '/dashboard', children: layoutChildren },
  { path: '/:pathMatch(.*)*', component: Layout, children: [{ path: '', name: 'not-found', component: () => import('@/views/error/404.vue'), meta: { title: 'nav.notFound', hidden: true } }] },
];

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});
