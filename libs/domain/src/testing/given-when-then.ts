/**
 * Specs read as specifications: `given(facts…).when(command).then(events | rejected(code))`.
 * The facts are commands written through the same decider an import line goes through, into an
 * in-memory ledger (so holder markers and retractions are what the real write path produces).
 * Test support only: never exported from the domain's index.
 */
import { evolveAppeal, initialAppealState, type AppealState } from '../appeal/appeal-state';
import { CadreHistoryNeeded, compactCadreState, evolveCadre, initialCadreState, withCadreHistory, type CadreState } from '../cadre/cadre-state';
import { parseCareerCommand, type CareerCommand } from '../commands';
import { commandStreamId, decideCareerCommand, orgUnitIdsNeeded, streamsNeeded } from '../decide-career-command';
import type { Decision, DecisionContext, PendingEvent } from '../decision';
import { DomainError, type DomainErrorCode, type RuleKind } from '../errors';
import { assertChineseDetail } from './chinese-detail';
import type { RecordedEvent } from '../events/domain-event';
import { evolveOrgUnit, initialOrgUnitState, type OrgUnitState } from '../org-unit/org-unit-state';
import { evolvePolicy, initialPolicyState, type PolicyState } from '../policy/policy-state';
import { calendarDate, type CalendarDate } from '../time/calendar-date';

const RECORDED_FROM = Date.UTC(2030, 0, 1);

/** An in-memory ledger: streams of recorded events and the states folded from them. */
export class InMemoryLedger {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private globalPosition = 0;

  /** Histories restored on a compacted state's demand (see `compactCadre`). */
  historiesRestored = 0;

  constructor(readonly today: CalendarDate = calendarDate('2025-06-30')) {}

  /** Compacts the kept state of a cadre, as a bulk import does once the cadre's events are stored. */
  compactCadre(cadreId: string): void {
    this.cadreStates.set(cadreId, compactCadreState(this.cadre(cadreId)));
  }

  /** Runs `step`; when a compacted state needs its history, restores it from the stream and runs it again (as the application does). */
  private restoringHistory<T>(step: () => T): T {
    for (;;) {
      try {
        return step();
      } catch (error) {
        if (!(error instanceof CadreHistoryNeeded) || error.cadreId === undefined) throw error;
        const state = this.cadre(error.cadreId);
        if (!state.compacted) throw error;
        this.cadreStates.set(error.cadreId, withCadreHistory(state, this.events(`cadre-${error.cadreId}`)));
        this.historiesRestored++;
      }
    }
  }

  events(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /**
   * Cadre states are kept and evolved event by event, as the application's state cache does, so
   * every spec also runs the decider's foreseen views (cadre-state.ts, foreseeView).
   */
  private readonly cadreStates = new Map<string, CadreState>();

  cadre(cadreId: string): CadreState {
    let state = this.cadreStates.get(cadreId);
    if (!state) {
      state = this.events(`cadre-${cadreId}`).reduce(evolveCadre, initialCadreState);
      this.cadreStates.set(cadreId, state);
    }
    return state;
  }

  orgUnit(orgUnitId: string): OrgUnitState {
    return this.events(`orgunit-${orgUnitId}`).reduce(evolveOrgUnit, initialOrgUnitState);
  }

  appeal(appealId: string): AppealState {
    return this.events(`appeal-${appealId}`).reduce(evolveAppeal, initialAppealState);
  }

  policy(): PolicyState {
    return this.events('policy').reduce(evolvePolicy, initialPolicyState);
  }

  /** Loads what the command needs, as the application does. */
  context(command: CareerCommand): DecisionContext {
    const needs = streamsNeeded(command);
    const cadre = needs.cadreId !== undefined ? this.cadre(needs.cadreId) : undefined;
    const orgUnits: Record<string, OrgUnitState> = {};
    for (const id of orgUnitIdsNeeded(command, cadre)) orgUnits[id] = this.orgUnit(id);
    const relatedCadres = Object.fromEntries(needs.relatedCadreIds.map((id) => [id, this.cadre(id)]));
    return {
      today: this.today,
      policy: this.policy(),
      orgUnits,
      ...(cadre ? { cadre } : {}),
      ...(needs.relatedCadreIds.length > 0 ? { relatedCadres } : {}),
      ...(needs.appealId !== undefined ? { appeal: this.appeal(needs.appealId) } : {}),
    };
  }

  /** Parses the command (the boundary, as the application does once) and decides it. */
  decide(input: CareerCommand): Decision {
    const command = parseCareerCommand(input);
    return this.restoringHistory(() => decideCareerCommand(command, this.context(command)));
  }

  /** Appends a decision, checking each expected revision like the store does. */
  append(decision: Decision): void {
    for (const write of decision) {
      const stream = this.streams.get(write.streamId) ?? [];
      const actual = stream.length === 0 ? 'no_stream' : stream.length - 1;
      if (actual !== write.expectedRevision) {
        throw new Error(`STREAM_VERSION_CONFLICT on ${write.streamId}: expected ${write.expectedRevision}, actual ${actual}`);
      }
    }
    for (const write of decision) {
      const stream = this.streams.get(write.streamId) ?? [];
      const cadreId = write.streamId.startsWith('cadre-') ? write.streamId.slice('cadre-'.length) : undefined;
      if (cadreId !== undefined) this.cadre(cadreId); // folded before the new events join the stream
      for (const e of write.events) {
        const event = this.recorded(write.streamId, stream.length, e);
        stream.push(event);
        if (cadreId !== undefined) this.cadreStates.set(cadreId, this.restoringHistory(() => evolveCadre(this.cadre(cadreId), event)));
      }
      this.streams.set(write.streamId, stream);
    }
  }

  execute(command: CareerCommand): Decision {
    const decision = this.decide(command);
    this.append(decision);
    return decision;
  }

  private recorded(streamId: string, revision: number, e: PendingEvent): RecordedEvent {
    const position = ++this.globalPosition;
    return {
      ...e,
      streamId,
      revision,
      globalPosition: position,
      recordedAt: new Date(RECORDED_FROM + position * 1000).toISOString(),
      actor: 'spec',
      documentRef: e.documentRef ?? null,
      correlationId: null,
      causationId: e.causationId ?? null,
    };
  }
}

/** What a rejected command must have raised. */
export interface ExpectedRejection {
  readonly rejected: DomainErrorCode;
  readonly firstPassingDate?: string;
  readonly field?: string;
  readonly kind?: RuleKind;
  readonly ruleId?: string;
  /** The message, or a matcher of it (`expect.stringContaining(…)`). */
  readonly message?: unknown;
}

/** The writes an accepted command must produce; each event is matched as a subset (toMatchObject). */
export type ExpectedWrites = readonly { readonly streamId: string; readonly expectedRevision?: number | 'no_stream'; readonly events: readonly object[] }[];

export function rejected(code: DomainErrorCode, details: Omit<ExpectedRejection, 'rejected'> = {}): ExpectedRejection {
  return { rejected: code, ...details };
}

export interface When {
  /** Asserts the outcome: the exact streams and events (matched as subsets), or a rejection. */
  then(expected: ExpectedWrites | ExpectedRejection): Decision | DomainError;
  /** The decision, for assertions the `then` forms do not cover. */
  decision(): Decision;
  /** The error the command raised (fails if it was accepted). */
  error(): DomainError;
}

export interface Given {
  readonly ledger: InMemoryLedger;
  when(command: CareerCommand): When;
}

/** Given these facts (each written through the decider, in order)… */
export function given(...facts: readonly CareerCommand[]): Given {
  const ledger = new InMemoryLedger();
  for (const [i, fact] of facts.entries()) {
    try {
      ledger.execute(fact);
    } catch (e) {
      const what = e instanceof DomainError ? `${e.code}: ${e.message}` : String(e);
      throw new Error(`given fact #${i + 1} (${fact.type} ${fact.id} → ${commandStreamId(fact)}) was refused: ${what}`);
    }
  }
  return {
    ledger,
    when(command) {
      const outcome = (): { decision: Decision } | { error: unknown } => {
        try {
          return { decision: ledger.decide(command) };
        } catch (error) {
          return { error };
        }
      };
      const decision = (): Decision => {
        const o = outcome();
        if ('error' in o) throw new Error(`expected ${command.type} ${command.id} to be accepted, got ${describeError(o.error)}`);
        return o.decision;
      };
      const error = (): DomainError => {
        const o = outcome();
        if ('decision' in o) throw new Error(`expected ${command.type} ${command.id} to be rejected, got ${JSON.stringify(o.decision)}`);
        if (!(o.error instanceof DomainError)) throw o.error;
        // Every refusal a spec sees reads in Chinese too (its messageZh).
        assertChineseDetail(o.error);
        return o.error;
      };
      return {
        decision,
        error,
        then(expected) {
          if ('rejected' in expected) {
            const e = error();
            expect(e.toJSON()).toMatchObject({
              code: expected.rejected,
              ...(expected.kind !== undefined ? { kind: expected.kind } : {}),
              ...(expected.ruleId !== undefined ? { ruleId: expected.ruleId } : {}),
              ...(expected.field !== undefined ? { field: expected.field } : {}),
              ...(expected.message !== undefined ? { message: expected.message } : {}),
            });
            if ('firstPassingDate' in expected) expect(e.firstPassingDate).toBe(expected.firstPassingDate);
            return e;
          }
          const d = decision();
          expect(d).toMatchObject(expected);
          return d;
        },
      };
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof DomainError ? `${error.code}: ${error.message}` : String(error);
}
