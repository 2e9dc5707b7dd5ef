export * from './export-document';
export * from './build-export';
export * from './verify-export';
export * from './digest';
export * from './ledger-proof';
export * from './names-zh';
export * from './describe-event-zh';
export * from './render-html';
