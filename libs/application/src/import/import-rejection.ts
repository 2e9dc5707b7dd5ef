/**
 * One line's rejection as the import report shows it: the line number, the id, the rule and a
 * stable code, a message quoting at most 80 characters of the line, the same in Chinese, and a Chinese title.
 */
import type { EventTypeRefusal } from '@ledger/auth';
import { clampQuotedInput, clampQuotedInputZh, DomainError, errorTitleZh, quoteInput } from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';
import { storeErrorMessageZh } from '../store-errors-zh';

export interface ImportRejection {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly id: string | null;
  /** Rule id of RULES.md ('I' for the record's integrity rules, schema included). */
  readonly rule: string;
  /** Stable error code, e.g. RULE_TM4_APPROVAL_REQUIRED, MALFORMED_JSON, EVENT_ID_CONFLICT, FORBIDDEN_EVENT_TYPE, LINE_TOO_LONG, INVALID_UTF8. */
  readonly code: string;
  readonly message: string;
  /** The message in Chinese, with the same ids, dates and values, for the people who read the report. */
  readonly messageZh: string;
  readonly field?: string;
  readonly firstPassingDate?: string;
  /** The rule's short title in Chinese, for the people who read the report. */
  readonly titleZh?: string;
  /** FORBIDDEN_EVENT_TYPE: the capability the caller's role lacks for the line's event type. */
  readonly capability?: string;
}

/** A line refused before it is parsed as a command. */
export class MalformedLineError extends Error {
  constructor(
    readonly code: 'MALFORMED_JSON' | 'LINE_TOO_LONG' | 'INVALID_UTF8',
    message: string,
    /** The same in Chinese. */
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** A line whose event type the caller's role may not write (EVENT_CAPABILITIES). */
export class ForbiddenLineError extends Error {
  constructor(readonly refusal: EventTypeRefusal) {
    super(refusal.message);
  }
}

export function rejectionOf(line: number, id: string | null, error: unknown): ImportRejection {
  // An id or a message never echoes more than 80 characters of the line.
  const described = describeRejection(line, id === null ? null : quoteInput(id), error);
  const rejection = { ...described, message: clampQuotedInput(described.message), messageZh: clampQuotedInputZh(described.messageZh) };
  const titleZh = errorTitleZh(rejection.code);
  return titleZh ? { ...rejection, titleZh } : rejection;
}

function describeRejection(line: number, id: string | null, error: unknown): ImportRejection {
  if (error instanceof DomainError) {
    return {
      line,
      id,
      rule: error.ruleId,
      code: error.code,
      message: error.message,
      messageZh: error.messageZh,
      ...(error.field ? { field: error.field } : {}),
      ...(error.firstPassingDate ? { firstPassingDate: error.firstPassingDate } : {}),
    };
  }
  if (error instanceof EventIdConflictError || error instanceof StreamVersionConflictError) {
    return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: storeErrorMessageZh(error)! };
  }
  if (error instanceof InvalidEventError) {
    return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: storeErrorMessageZh(error)!, field: error.field };
  }
  if (error instanceof MalformedLineError) return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: error.messageZh };
  if (error instanceof ForbiddenLineError) {
    return {
      line,
      id,
      rule: 'AUTH',
      code: error.refusal.code,
      message: error.message,
      messageZh: error.refusal.messageZh,
      field: 'type',
      capability: error.refusal.capability,
    };
  }
  throw error;
}

export function typeOf(value: unknown): string | undefined {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

export function idOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
}
