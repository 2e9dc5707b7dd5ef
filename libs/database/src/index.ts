export * from './embedded-server';
export * from './migrate';
export * from './ledger-database';
export * from './database-unavailable';
