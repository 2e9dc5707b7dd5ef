/**
 * What every decider shares: the decision context (the states a command is decided against,
 * passed in, never read) and the decision (the events to append, per stream, in one atomic write).
 */
import type { AppealState } from './appeal/appeal-state';
import type { CadreState } from './cadre/cadre-state';
import type { CareerCommand } from './commands';
import { DomainError } from './errors';
import type { DomainEvent, RecordedEvent } from './events/domain-event';
import type { OrgUnitState } from './org-unit/org-unit-state';
import type { PolicyState } from './policy/policy-state';
import type { CalendarDate } from './time/calendar-date';
import type { Override } from './vocabulary';

/**
 * The states a command is decided against. Load the target aggregate, the cadre an AppealFiled
 * names, and every org unit `orgUnitIdsNeeded(command, cadre)` lists (an org unit without events
 * is `initialOrgUnitState`: "not registered").
 */
export interface DecisionContext {
  /** The caller's calendar date (Asia/Shanghai). Future-dated writes are allowed (T4): no rule refuses one. */
  readonly today: CalendarDate;
  /** Policy versions; the one in effect on the command's effective date applies (`policyInEffect`). */
  readonly policy: PolicyState;
  /** The cadre addressed by a cadre command, or named by an AppealFiled. */
  readonly cadre?: CadreState;
  /** Other cadres the command names (a recommendation's recommended cadre, TM5), by id. */
  readonly relatedCadres?: Readonly<Record<string, CadreState>>;
  /** Org units by id: the one addressed, and those the command names or implies. */
  readonly orgUnits?: Readonly<Record<string, OrgUnitState>>;
  /** The appeal addressed by an appeal command, or named by a rescission for an upheld appeal (TM9). */
  readonly appeal?: AppealState;
}

/** An event to append: the domain event with its id (the command's `id`) and envelope links. */
export type PendingEvent = DomainEvent & {
  readonly eventId: string;
  readonly documentRef?: string;
  /** For markers: the command (cadre event) that caused them. */
  readonly causationId?: string;
};

/**
 * The events for one stream. `expectedRevision` is the revision of the state the decision was
 * made against ('no_stream': the stream did not exist), for the optimistic-concurrency check:
 * two concurrent appointments to one single-holder post both write the org unit's stream, so
 * only one of them can succeed (P2).
 */
export interface StreamWrite {
  readonly streamId: string;
  readonly expectedRevision: number | 'no_stream';
  readonly events: readonly PendingEvent[];
}

/** The decision: every stream write, to append atomically (all or nothing). */
export type Decision = readonly StreamWrite[];

/** The decision context lacks a state the command needs: a bug in the caller, not a refused write. */
export class MissingContextError extends Error {
  readonly code = 'DECISION_CONTEXT_INCOMPLETE';
  constructor(what: string) {
    super(`decision context lacks ${what}`);
    this.name = 'MissingContextError';
  }
}

export function expectedRevisionOf(state: { readonly revision: number | undefined }): number | 'no_stream' {
  return state.revision ?? 'no_stream';
}

/** The org unit's state from the context; absent means the caller did not load it. */
export function orgUnitFromContext(context: DecisionContext, orgUnitId: string): OrgUnitState {
  const state = context.orgUnits?.[orgUnitId];
  if (!state) throw new MissingContextError(`org unit ${orgUnitId} (see orgUnitIdsNeeded)`);
  return state;
}

/** The command as a domain event (its id becomes the eventId). */
export function eventOfCommand(command: CareerCommand, override?: PendingEvent['override']): PendingEvent {
  // `type` and `data` come from one member of the CareerCommand union, so they match;
  // TypeScript cannot correlate the two fields of a union, hence the single cast.
  return {
    type: command.type,
    data: command.data,
    effectiveDate: command.effectiveDate,
    eventId: command.id,
    ...(command.documentRef !== undefined ? { documentRef: command.documentRef } : {}),
    ...(override ? { override } : {}),
  } as PendingEvent;
}

/** What the store adds to a pending event (or what a decider assumes it will, before the write). */
export interface ProvisionalEnvelope {
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly recordedAt: string;
  readonly actor: string;
}

/**
 * A pending event as it reads back once stored. Written as one literal, not `{ ...event, streamId, … }`:
 * V8 (Node 20) gives every object built by a leading spread plus several properties a hidden class
 * of its own, about 20 µs each — measured, and this runs for every event of a bulk import.
 */
export function asRecorded(event: PendingEvent, envelope: ProvisionalEnvelope): RecordedEvent {
  return {
    type: event.type,
    data: event.data,
    effectiveDate: event.effectiveDate,
    ...(event.override !== undefined ? { override: event.override } : {}),
    eventId: event.eventId,
    ...(event.documentRef !== undefined ? { documentRef: event.documentRef } : {}),
    ...(event.causationId !== undefined ? { causationId: event.causationId } : {}),
    streamId: envelope.streamId,
    revision: envelope.revision,
    globalPosition: envelope.globalPosition,
    recordedAt: envelope.recordedAt,
    actor: envelope.actor,
  } as RecordedEvent;
}

/**
 * Applies RULES.md "Two kinds of rule" to the policy violations of a command: none → no override;
 * some without `override` → throw the first; some with `override` → record them on the event.
 * An override given when nothing is broken is not recorded (nothing was departed from).
 */
export function overrideFor(violations: readonly DomainError[], override: Override | undefined, policyVersion: string): PendingEvent['override'] {
  if (violations.length === 0) return undefined;
  if (!override) throw violations[0]!;
  // The version whose rules were departed from: a later version back-dated over the event's date
  // may not have asked the same (found by a review: a finding could not say which rule it broke).
  return { reason: override.reason, rules: [...new Set(violations.map((v) => v.ruleId))], policyVersion };
}

/** Throws the first integrity violation, if any. */
export function throwFirst(violations: readonly (DomainError | undefined)[]): void {
  const first = violations.find((v): v is DomainError => v !== undefined);
  if (first) throw first;
}

/** Groups pending events into stream writes, keeping the order streams first appear in. */
export class DecisionBuilder {
  private readonly writes = new Map<string, { expectedRevision: number | 'no_stream'; events: PendingEvent[] }>();

  append(streamId: string, expectedRevision: number | 'no_stream', event: PendingEvent): this {
    const write = this.writes.get(streamId) ?? { expectedRevision, events: [] };
    write.events.push(event);
    this.writes.set(streamId, write);
    return this;
  }

  build(): Decision {
    return [...this.writes].map(([streamId, w]) => ({ streamId, expectedRevision: w.expectedRevision, events: w.events }));
  }
}
