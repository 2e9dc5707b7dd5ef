/**
 * Test support for the store core's specs (not production code; left out of mutation testing):
 * a sample event, stored events chained with the real chainHash from GENESIS_HASH, and the
 * InvalidEventError a refused input must be.
 */
import type { NewEvent, StoredEvent, StreamHead } from './envelope';
import { InvalidEventError } from './errors';
import { chainHash, GENESIS_HASH } from './hash-chain';

/** An appointment as a client sends it; `overrides` may hold values of any type (to refuse them). */
export function sampleNewEvent(overrides: Partial<Record<keyof NewEvent, unknown>> = {}): NewEvent {
  return {
    eventId: 'evt-1',
    type: 'AppointedToPost',
    schemaVersion: 1,
    effectiveDate: '2021-03-01',
    actor: 'CLERK:王录入#tok_1',
    documentRef: '青委〔2021〕7号',
    correlationId: 'corr-1',
    causationId: null,
    data: { role: 'PARTY_SECRETARY', orgUnitId: 'T01' },
    metadata: {},
    ...overrides,
  } as NewEvent;
}

let nextGlobal = 1;

/**
 * `count` correctly chained assessments of one stream, continuing `from` (default: a new stream).
 * Global positions increase across calls, as in a store.
 */
export function storedChain(
  streamId: string,
  count: number,
  options: { from?: { revision: number; lastHash: string }; recordedAt?: (revision: number) => string } = {},
): StoredEvent[] {
  const from = options.from ?? { revision: -1, lastHash: GENESIS_HASH };
  const events: StoredEvent[] = [];
  let previous = from.lastHash;
  for (let revision = from.revision + 1; revision <= from.revision + count; revision++) {
    const unhashed = {
      eventId: `${streamId}-e${revision}`,
      type: 'AnnualAssessmentRecorded',
      schemaVersion: 1,
      streamId,
      revision,
      effectiveDate: '2021-03-01',
      recordedAt: options.recordedAt?.(revision) ?? '2021-03-02T01:02:03.456Z',
      actor: 'CLERK:王录入#tok_1',
      documentRef: null,
      correlationId: null,
      causationId: null,
      data: { year: 2020 + revision, grade: 'COMPETENT' },
      metadata: {},
    };
    const hash = chainHash(previous, unhashed);
    const global = nextGlobal++;
    events.push({ ...unhashed, globalPosition: global, position: { commit: global, prepare: global }, hash });
    previous = hash;
  }
  return events;
}

/** The head a store keeps after `events` (the last one's revision and hash). */
export function headOf(events: readonly StoredEvent[]): StreamHead {
  const last = events[events.length - 1]!;
  return { streamId: last.streamId, revision: last.revision, lastHash: last.hash };
}

/** Runs `fn`, expects an InvalidEventError (code INVALID_EVENT) and returns it. */
export function expectInvalidEvent(fn: () => unknown): InvalidEventError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    const e = error as InvalidEventError;
    expect(e.code).toBe('INVALID_EVENT');
    return e;
  }
  throw new Error('expected an InvalidEventError, nothing was thrown');
}
