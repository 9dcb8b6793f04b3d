export { runBrowserPass, type BrowserPassOptions } from './pass.js';
