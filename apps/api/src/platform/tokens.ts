/** Injection tokens for what the composition root hands to Nest. */
export const LEDGER_RUNTIME = Symbol('LEDGER_RUNTIME');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SQL = Symbol('SQL');
export const CLOCK = Symbol('CLOCK');
