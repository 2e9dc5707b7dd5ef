export * from './json';
export * from './envelope';
export * from './errors';
export * from './event-store.port';
export * from './hash-chain';
export * from './verify';
export * from './subscription';
