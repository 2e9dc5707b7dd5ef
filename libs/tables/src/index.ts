export * from './ledger-table';
export * from './printable';
export * from './behind-zh';
export * from './eligibility-table-zh';
export * from './candidates-table-zh';
export * from './roster-table-zh';
export * from './report-tables-zh';
export * from './xlsx';
