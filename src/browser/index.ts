export { runBrowserPass, type BrowserPassOptions } from './pass.js';
export { requestsFor, IDENTITIES } from './requests.js';
export { BrowserSession, CHROMIUM_ARGS, type SessionOptions, type SessionStats, type RenderRequest } from './session.js';
