// Dashboard entry: Element Plus (zh-CN / en), i18n, pinia, router with role guards.
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/dist/index.css';
import './styles/index.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import { installGuards } from './router/guard';
import { installElement } from './plugins/element';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
installElement(app);
app.use(router);
installGuards(router);
app.mount('#app');
