export * from './roles';
export * from './api-tokens';
export * from './event-capabilities';
