// English (second locale). Keys mirror zh-CN.ts.
import type zh from './zh-CN.js';

const en: typeof zh = {
  app: { title: 'GovPatrol', subtitle: 'Government website and new-media supervision' },
  common: {
    search: 'Search', reset: 'Reset', add: 'Add', edit: 'Edit', delete: 'Delete', save: 'Save', cancel: 'Cancel',
    confirm: 'OK', actions: 'Actions', detail: 'Details', refresh: 'Refresh', import: 'Import', export: 'Export',
    template: 'Template', yes: 'Yes', no: 'No', noData: 'No data', loading: 'Loading…', all: 'All',
    deleteConfirm: 'Delete “{name}”?', saved: 'Saved', deleted: 'Deleted', required: 'Required',
    keyword: 'Keyword', total: '{n} in total', back: 'Back', close: 'Close', none: 'None',
  },
  nav: {
    dashboard: 'Overview', websites: 'Websites', websiteDetail: 'Website', units: 'Units', accounts: 'New media',
    system: 'System', users: 'Users & roles', audit: 'Audit log', settings: 'Settings', forbidden: 'Forbidden',
    notFound: 'Not found', home: 'Home',
  },
  navbar: {
    language: 'Language', password: 'Change password', logout: 'Log out', toggle: 'Toggle menu',
    oldPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Confirm new password',
    passwordMismatch: 'The new passwords differ', passwordPolicy: 'At least 10 characters, letters and digits, not the username',
    passwordChanged: 'Password changed; sign in again',
  },
  login: {
    title: 'GovPatrol · Sign in', username: 'Username', password: 'Password', submit: 'Sign in',
    failed: 'Wrong username or password', throttled: 'Too many attempts, try again later',
    hint: 'The first account is created with govpatrol admin create',
  },
  role: { supervisor: 'Supervisor', inspector: 'Inspector', unit: 'Unit operator', viewer: 'Viewer' },
  verdict: { qualified: 'Qualified', unqualified: 'Unqualified', unscanned: 'Not checked' },
  severity: { veto: 'Veto', major: 'Major', minor: 'Minor', info: 'Info' },
  kind: { portal: 'Portal', department: 'Department site' },
  unitType: { 'city-dept': 'City department', county: 'County/district', park: 'Park committee', direct: 'Directly affiliated', other: 'Other' },
  platform: {
    wechat: 'WeChat', weibo: 'Weibo', douyin: 'Douyin', toutiao: 'Toutiao', kuaishou: 'Kuaishou', bilibili: 'Bilibili',
    app: 'Mobile app', other: 'Other',
  },
  accountStatus: { active: 'Active', closed: 'Closed' },
  jobStatus: { queued: 'Queued', running: 'Scanning', done: 'Done', failed: 'Failed' },
  dashboard: {
    websites: 'Websites', accounts: 'New-media accounts', qualified: 'Qualified', unqualified: 'Unqualified',
    unscanned: 'Not checked', openFindings: 'Open findings', trend: 'Score trend', avgScore: 'Average score',
    distribution: 'Verdicts', latest: 'Latest result per website', worst: 'Most findings',
  },
  website: {
    name: 'Name', url: 'URL', unit: 'Owner unit', kind: 'Kind', siteCode: 'Site code', icp: 'ICP licence',
    subsites: 'Sub-sites', subsitesHint: 'One host per line, e.g. xxgk.example.gov.cn', schedule: 'Schedule (cron)',
    scheduleHint: 'Empty: the default schedule', defaultSchedule: 'Default schedule', maxPages: 'Max pages', verdict: 'Verdict', score: 'Score',
    findings: 'Findings', lastScan: 'Last check', check: 'Check', addTitle: 'Add website', editTitle: 'Edit website',
    scanNow: 'Scan now', scanStarted: 'Scan started', urlInvalid: 'Enter a URL starting with http:// or https://',
    exportXlsx: 'Export Excel', exportCsv: 'Export CSV', scanQueued: 'Queued',
  },
  detail: {
    info: 'Details', latestScan: 'Latest check', findings: 'Findings', coverage: 'Coverage', history: 'Score history',
    scans: 'Checks', noScan: 'Not checked yet. Click “Scan now”.', indicator: 'Indicator', points: 'Points',
    message: 'Finding', evidence: 'Evidence', page: 'Page', target: 'Link target', rule: 'Rule', advice: 'Advice',
    severity: 'Severity', startedAt: 'Started', finishedAt: 'Finished', status: 'Status', pages: 'Pages',
    links: 'Links', errors: 'Errors', ran: 'Ran', skipped: 'Skipped', failed: 'Failed', reason: 'Reason',
    viewScan: 'View', progress: 'Progress', queued: 'Queued', refused: 'You may not view this website, or it does not exist',
    noFindings: 'No findings in this check', noCoverage: 'This report does not record which checks ran, were skipped or failed', linkedFrom: 'Linked from', veto: 'Veto', deduction: 'Deduction', bonus: 'Bonus',
    indicatorCount: '{n}',
  },
  unit: {
    tree: 'Units', name: 'Name', type: 'Type', parent: 'Parent unit', code: 'Code', contact: 'Contact',
    includeSubunits: 'Sees its sub-units', addRoot: 'Add top-level unit', addChild: 'Add sub-unit',
    select: 'Select a unit on the left', filter: 'Filter by name',
  },
  account: {
    platform: 'Platform', name: 'Account name', platformId: 'Platform ID', unit: 'Owner unit', status: 'Status',
    addTitle: 'Add account', editTitle: 'Edit account',
  },
  user: {
    username: 'Username', displayName: 'Name', role: 'Role', unit: 'Unit', disabled: 'Disabled', password: 'Initial password',
    addTitle: 'Add user', editTitle: 'Edit user', enabled: 'Enabled', unitRequired: 'A unit operator needs a unit',
  },
  audit: {
    at: 'Time', actor: 'Actor', action: 'Action', entity: 'Entity', entityId: 'Entity ID', ip: 'Address',
    before: 'Before', after: 'After', range: 'Period', start: 'From', end: 'To',
  },
  settings: {
    schedule: 'Schedules', defaultCron: 'Default schedule (cron)', defaultMaxPages: 'Max pages per site',
    cronHint: 'e.g. 0 2 * * * runs daily at 02:00 (Beijing time)', overlays: 'Provincial overlays',
    dictionaries: 'Dictionaries (read-only)', dictName: 'Name', dictVersion: 'Version', dictEntries: 'Entries',
  },
  importer: {
    title: 'Import {kind}', drag: 'Drop an .xlsx or .csv file here, or', click: 'choose a file',
    tip: 'Download the template first. If any row is wrong, nothing is imported.', submit: 'Import',
    success: '{n} rows imported', failed: 'Import failed; nothing was imported. Fix these rows and retry:',
    row: 'Row', column: 'Column', message: 'Error', noFile: 'Choose a file',
    kinds: { websites: 'websites', accounts: 'accounts', units: 'units' },
  },
  probes: {
    title: 'Availability probes', window: 'Last 7 days: {n} probes, {m} failed ({pct}%)', incomplete: 'Less than a week of probes: no availability verdict yet',
    incompleteDetail: '{n} probes so far, {m} failed. A verdict follows a full week with at least 20 probes every day.',
    vetoed: 'Site unreachable (veto)', available: 'Available', responseTime: 'Response time', failedProbe: 'Failed probe', none: 'No probes yet',
    rule: 'Rule: one week of monitoring, at least 20 probes a day; a probe fails when the home page has not opened in 15 s; 5% failed probes is a veto.',
  },
  error: { forbidden: 'You may not open this page', notFound: 'Page not found', network: 'Network error, retry later', session: 'Session expired, sign in again' },
};
export default en;
