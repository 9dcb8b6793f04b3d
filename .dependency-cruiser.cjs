// Layer rules (design.md "Layout"; COMMON.md point 7), checked in `npm test` (test/architecture.test.ts) and by
// `npm run lint:layers`. Data flows one way: domain ← crawl → checks → rules → report/store ← scan ← jobs/server.
// Folders that do not exist yet (src/workflows, src/media, src/calendar …) are covered by the same patterns
// as soon as they appear.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the load order and the layering ambiguous.',
      from: { path: '^(src|testsite)/' },
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing',
      severity: 'error',
      comment: 'src/domain is the shared vocabulary: it imports nothing from other src/ folders.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment: 'src/domain does no I/O: no Node built-ins, no packages.',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'stages-not-platform',
      severity: 'error',
      comment: 'crawl, checks, text and rules never import store, server, jobs or report.',
      from: { path: '^src/(crawl|checks|text|rules)/' },
      to: { path: '^src/(store|server|jobs|report)/' },
    },
    {
      name: 'stages-not-later-stages',
      severity: 'error',
      comment: 'No stage imports a later one: crawl knows no checks or rules, checks no rules, nothing below scan imports scan.',
      from: { path: '^src/(domain|crawl|checks|text|rules|browser|report|store)/' },
      to: { path: '^src/(scan|cli|server|jobs|workflows)/' },
    },
    {
      name: 'workflows-not-platform',
      severity: 'error',
      comment: 'src/workflows is business logic over the store: server, jobs and cli call it, never the reverse.',
      from: { path: '^src/workflows/' },
      to: { path: '^src/(server|jobs|cli)/' },
    },
    {
      name: 'notify-below-workflows',
      severity: 'error',
      comment: 'src/notify (inbox rows and e-mail) serves workflows, jobs and server; it sits on the store and imports nothing above it. Nothing below it imports it.',
      from: { path: '^src/notify/' },
      to: { path: '^src/(scan|cli|server|jobs|workflows|crawl|checks|text|rules|browser|report)/' },
    },
    {
      name: 'stages-not-notify',
      severity: 'error',
      comment: 'Only workflows, jobs, server and cli send notifications.',
      from: { path: '^src/(domain|crawl|checks|text|rules|browser|report|store|scan|calendar)/' },
      to: { path: '^src/notify/' },
    },
    {
      name: 'crawl-not-judging',
      severity: 'error',
      comment: 'crawl produces facts; it does not run checks or rules.',
      from: { path: '^src/crawl/' },
      to: { path: '^src/(checks|rules)/' },
    },
    {
      name: 'checks-not-rules',
      severity: 'error',
      comment: 'A check reports what it saw; only src/rules weighs it.',
      from: { path: '^src/checks/' },
      to: { path: '^src/rules/' },
    },
    {
      name: 'text-not-checks',
      severity: 'error',
      comment: 'The text engine serves the checks; it never imports them.',
      from: { path: '^src/text/' },
      to: { path: '^src/(checks|rules|browser)/' },
    },
    {
      name: 'browser-not-checks',
      severity: 'error',
      comment: 'The browser pass gathers rendered facts; it does not import checks or rules.',
      from: { path: '^src/browser/' },
      to: { path: '^src/(checks|rules|store|report)/' },
    },
    {
      name: 'platform-not-crawl',
      severity: 'error',
      comment: 'server and jobs call workflows and scan, never crawl directly.',
      from: { path: '^src/(server|jobs)/' },
      to: { path: '^src/crawl/' },
    },
    {
      name: 'no-testsite-in-src',
      severity: 'error',
      comment: 'Nothing in src/ imports testsite/ except the demo command, which loads it dynamically.',
      from: { path: '^src/', pathNot: '^src/cli/demo-[a-z-]+[.]ts$' },
      to: { path: '^testsite/' },
    },
    {
      name: 'demo-loads-testsite-dynamically',
      severity: 'error',
      comment: 'The demo command loads testsite/ with import(), so the CLI does not load it for other commands.',
      from: { path: '^src/cli/demo-[a-z-]+[.]ts$' },
      to: { path: '^testsite/', dependencyTypesNot: ['dynamic-import'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type import is still a dependency on the other layer's vocabulary.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    exclude: { path: '^(node_modules|dist|web)/' },
  },
};
