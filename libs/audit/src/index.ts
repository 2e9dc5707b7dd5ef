export * from './export-document';
export * from './build-export';
export * from './verify-export';
export * from './digest';
export * from './ledger-proof';
export * from './render-html';
export * from './compare-with-ledger';
export * from './export-check';
