/// <reference types="vite/client" />
// SFCs are compiled by Vite; the plain-TypeScript check (npm run typecheck:web) sees them as components.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
