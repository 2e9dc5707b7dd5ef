export * from './event-mapping';
export * from './state-loader';
export * from './career-command-service';
export * from './import/import-ndjson';
export * from './cadre-record';
export * from './group-commit';
export * from './store-errors-zh';
export * from './retraction-capability';
