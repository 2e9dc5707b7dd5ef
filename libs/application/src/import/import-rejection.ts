/**
 * One line's rejection as the import report shows it: the line number, the id, the rule and a
 * stable code, a message quoting at most 80 characters of the line, the same in Chinese, and a Chinese title.
 */
import { ForbiddenEventError } from '../retraction-capability';
import { clampQuotedInput, clampQuotedInputZh, DomainError, errorTitleZh, quoteInput } from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, StreamVersionConflictError } from '@ledger/event-store';
import { PartlyStoredCommandError } from '../career-command-service';
import { storeErrorMessageZh } from '../store-errors-zh';

export interface ImportRejection {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly id: string | null;
  /** Rule id of RULES.md ('I' for the record's integrity rules, schema included). */
  readonly rule: string;
  /** Stable error code, e.g. RULE_TM4_APPROVAL_REQUIRED, MALFORMED_JSON, REPEATED_JSON_KEY, EVENT_ID_CONFLICT, FORBIDDEN_EVENT_TYPE, LINE_TOO_LONG, INVALID_UTF8, IMPORT_LINE_HALF_STORED. */
  readonly code: string;
  readonly message: string;
  /** The message in Chinese, with the same ids, dates and values, for the people who read the report. */
  readonly messageZh: string;
  readonly field?: string;
  readonly firstPassingDate?: string;
  /** The rule's short title in Chinese, for the people who read the report. */
  readonly titleZh?: string;
  /** The names of the cadres the message names by id (P2: the post's holder and the one refused it), by id, where the ledger has them. */
  readonly cadreNames?: Readonly<Record<string, string>>;
  /** The names of the org units the message names by id (P2: the township of the post), by id, where the ledger has them. */
  readonly orgUnitNames?: Readonly<Record<string, string>>;
  /** FORBIDDEN_EVENT_TYPE: the capability the caller's role lacks for the line's event type. */
  readonly capability?: string;
  /**
   * IMPORT_LINE_HALF_STORED: the streams that hold the line's events stored by a write that stopped
   * part-way (EventStoreDB), which the line's other events could not follow (`reasonCode` says why).
   */
  readonly writtenStreams?: readonly string[];
  readonly writtenEventIds?: readonly string[];
  readonly reasonCode?: string;
  /**
   * The line's content was not refused: another writer kept moving a stream it needs through every
   * retry (STREAM_VERSION_CONFLICT). Importing the file again stores it (lines already stored are
   * not written twice).
   */
  readonly retryable?: true;
}

/** A line refused before it is parsed as a command. */
export class MalformedLineError extends Error {
  constructor(
    readonly code: 'MALFORMED_JSON' | 'REPEATED_JSON_KEY' | 'LINE_TOO_LONG' | 'INVALID_UTF8',
    message: string,
    /** The same in Chinese. */
    readonly messageZh: string,
    /** The field at fault, where there is one (a name given twice). */
    readonly field?: string,
  ) {
    super(message);
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
      ...(error.cadreNames ? { cadreNames: error.cadreNames } : {}),
      ...(error.orgUnitNames ? { orgUnitNames: error.orgUnitNames } : {}),
    };
  }
  if (error instanceof StreamVersionConflictError) {
    // Not a refusal of the line: said as such, with what to do (found by a review: it read as an integrity error).
    return {
      line,
      id,
      rule: 'I',
      code: error.code,
      message: `${error.message}: another writer kept changing this stream through every retry; the line itself was not refused, import the file again to store it`,
      messageZh: `${storeErrorMessageZh(error)!}。该行内容并未被拒绝：导入期间另一写入方反复修改同一事件流，多次重试仍未写入；请再次导入该文件（已存储的行不会重复写入）`,
      retryable: true,
    };
  }
  if (error instanceof EventIdConflictError) {
    return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: storeErrorMessageZh(error)! };
  }
  if (error instanceof InvalidEventError) {
    return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: storeErrorMessageZh(error)!, field: error.field };
  }
  if (error instanceof PartlyStoredCommandError) return halfStored(line, id, error);
  if (error instanceof MalformedLineError) return { line, id, rule: 'I', code: error.code, message: error.message, messageZh: error.messageZh, ...(error.field ? { field: error.field } : {}) };
  // A line the caller's role may not write: its event type (EVENT_CAPABILITIES), or a remedy it would retract.
  if (error instanceof ForbiddenEventError) {
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

/**
 * A line a write that stopped part-way stored in part (EventStoreDB: no transaction across
 * streams), which could not be completed: the rules refuse it on the stored states, or it would
 * write something else now. Its stored events stay (a store deletes nothing): the report names
 * them, for the department to correct the record.
 */
function halfStored(line: number, id: string | null, error: PartlyStoredCommandError): ImportRejection {
  const reason = error.reason;
  const reasonCode = reason instanceof DomainError || reason instanceof EventIdConflictError || reason instanceof StreamVersionConflictError || reason instanceof InvalidEventError ? reason.code : undefined;
  const reasonZh =
    reason instanceof DomainError
      ? reason.messageZh
      : (storeErrorMessageZh(reason) ?? '按现有记录重新判定后，该行要写入的内容与已存储的部分不一致');
  const streams = error.streams;
  const events = error.stored.map((e) => e.eventId);
  return {
    line,
    id,
    rule: 'I',
    code: 'IMPORT_LINE_HALF_STORED',
    message: `only part of this line is stored: the import's write stopped part-way on EventStoreDB (no transaction across streams), storing ${events.join(', ')} in ${streams.join(', ')}; the rest cannot be written now (${
      reason instanceof Error ? `${reasonCode ?? reason.name}: ${reason.message}` : String(reason)
    }). The stored part stays: correct the record`,
    messageZh: `该行只存储了一部分：导入的写入在 EventStoreDB 上中途停止（不支持跨事件流的事务），事件流 ${streams.join('、')} 已存储其事件 ${events.join('、')}；其余部分现已无法写入（${reasonZh}）。已存储的部分不会删除，请核对并更正记录`,
    writtenStreams: streams,
    writtenEventIds: events,
    ...(reasonCode ? { reasonCode } : {}),
  };
}

export function typeOf(value: unknown): string | undefined {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

export function idOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null;
}
