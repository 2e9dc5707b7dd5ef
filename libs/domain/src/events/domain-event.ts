/**
 * A domain event as the deciders and read models see it: its type and typed payload, and the
 * envelope fields that carry business meaning. Storage details (revision, hash, global position)
 * stay in the event-store port.
 */
import type { CalendarDate } from '../time/calendar-date';
import type { Override } from '../vocabulary';
import type { CareerEventType, EventData } from './catalogue';

export type DomainEventOf<T extends CareerEventType> = {
  readonly type: T;
  readonly data: EventData<T>;
  readonly effectiveDate: CalendarDate;
  /**
   * Present when the write knowingly departed from a policy rule (RULES.md, "Two kinds of rule"):
   * the rules departed from, and the policy version in effect on the event's date whose rules they
   * were (absent on overrides recorded before it was kept, 2026-12-07).
   */
  readonly override?: Override & { readonly rules: readonly string[]; readonly policyVersion?: string };
};

/** Discriminated union of every career event. `switch (e.type)` narrows `e.data`. */
export type DomainEvent = { [T in CareerEventType]: DomainEventOf<T> }[CareerEventType];

/** A domain event as read back from the store, with the identity and times queries need. */
export type RecordedEvent = DomainEvent & {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  /** ISO-8601 UTC instant from the database clock (T1 "recordedAt"). */
  readonly recordedAt: string;
  readonly actor: string;
  readonly documentRef?: string | null;
  readonly correlationId?: string | null;
  readonly causationId?: string | null;
};

/** Compile-time exhaustiveness check for `switch` over event or command types. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
