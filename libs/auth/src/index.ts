export * from './roles';
export * from './api-tokens';
