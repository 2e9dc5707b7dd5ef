/** Projections: the read models' tables, the runner that keeps them, the queries and `verify`. */
export * from './projection';
export * from './fact-codecs';
export * from './checkpoints';
export * from './career-projections';
export * from './projection-runner';
export * from './read-model-queries';
export * from './verify-projections';
export * from './query-params';
export * from './compliance-projection';
export * from './read-your-writes';
export * from './cadre-history';
export * from './report-queries';
export * from './roster';
