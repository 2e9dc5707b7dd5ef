/**
 * The per-event-type check of the write routes: the guard has checked the route's capability; the
 * body's event type must also be one the caller's role may write (EVENT_CAPABILITIES, the table
 * the imports check line by line).
 */
import { eventTypeRefusal, type Principal } from '@ledger/auth';
import { ApiError } from '../platform/errors';

/** 403 FORBIDDEN_EVENT_TYPE naming the missing capability. */
export function assertMayWrite(principal: Principal, body: object): void {
  const type = (body as { type?: unknown }).type;
  const refusal = typeof type === 'string' ? eventTypeRefusal(principal.role, type) : undefined;
  if (refusal) {
    const { code, message, messageZh, ...details } = refusal;
    throw new ApiError(403, code, message, messageZh, details);
  }
}
