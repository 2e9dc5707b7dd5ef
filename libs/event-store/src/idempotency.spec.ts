/**
 * Idempotency by event id (EVENTS.md, "Common envelope": eventId is the idempotency key): re-sending
 * stored events returns them as stored; an id stored with another body, or a write mixing stored and
 * new ids, is an EventIdConflictError (EVENT_ID_CONFLICT, HTTP 409).
 */
import type { NewEvent, StoredEvent } from './envelope';
import { EventIdConflictError } from './errors';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { eventIdentity, resolveAlreadyStored } from './idempotency';
import { sampleNewEvent } from './spec-events';
import type { PendingEvent } from './validate-new-event';

const fact: NewEvent = sampleNewEvent({ metadata: { override: { reason: '补录', rules: ['TM4'] } } });

/** The event as a store kept it: placed at `revision` of `streamId`, hashed from the genesis hash. */
function stored(event: NewEvent, streamId: string, revision: number): StoredEvent {
  const placed = {
    ...event,
    streamId,
    revision,
    recordedAt: '2021-03-02T01:02:03.456Z',
    documentRef: event.documentRef ?? null,
    correlationId: event.correlationId ?? null,
    causationId: event.causationId ?? null,
    metadata: event.metadata ?? {},
  };
  return { ...placed, globalPosition: 10 + revision, position: { commit: 10 + revision, prepare: 10 + revision }, hash: chainHash(GENESIS_HASH, placed) };
}

const identity = (e: NewEvent, streamId = 'cadre-C1') => eventIdentity({ ...e, streamId });

describe('eventIdentity: what makes two writes the same event', () => {
  it('ignores who sent it and how: eventId, actor, correlationId, causationId', () => {
    expect(identity({ ...fact, eventId: 'other', actor: 'LEADER:张审核#tok_2', correlationId: 'corr-9', causationId: 'evt-0' })).toBe(identity(fact));
  });

  it('treats an absent documentRef as null and absent metadata as {}', () => {
    expect(identity({ ...fact, documentRef: undefined })).toBe(identity({ ...fact, documentRef: null }));
    expect(identity({ ...fact, metadata: undefined })).toBe(identity({ ...fact, metadata: {} }));
  });

  it.each<[string, Partial<NewEvent>]>([
    ['type', { type: 'RemovedFromPost' }],
    ['schemaVersion', { schemaVersion: 2 }],
    ['effectiveDate', { effectiveDate: '2021-03-02' }],
    ['documentRef', { documentRef: '青委〔2021〕8号' }],
    ['documentRef (null)', { documentRef: null }],
    ['data', { data: { role: 'TOWNSHIP_CHIEF', orgUnitId: 'T01' } }],
    ['metadata', { metadata: { override: { reason: '另一个', rules: ['TM4'] } } }],
    ['metadata (empty)', { metadata: {} }],
  ])('a different %s is a different event', (_field, change) => {
    expect(identity({ ...fact, ...change })).not.toBe(identity(fact));
  });

  it('the same body on another stream is a different event', () => {
    expect(identity(fact, 'cadre-C2')).not.toBe(identity(fact, 'cadre-C1'));
  });
});

describe('resolveAlreadyStored: a write some of whose ids are already stored', () => {
  const a0 = { ...fact, eventId: 'a0' };
  const a1 = { ...fact, eventId: 'a1', effectiveDate: '2021-04-01' };
  const b0 = { ...fact, eventId: 'b0', data: { role: 'TOWNSHIP_CHIEF', orgUnitId: 'T02' } };
  const storedA0 = stored(a0, 'cadre-A', 0);
  const storedA1 = stored(a1, 'cadre-A', 1);
  const storedB0 = stored(b0, 'cadre-B', 0);

  it('a retry of a whole stored write answers the stored events, in the write’s order, marked alreadyStored', () => {
    const pending: PendingEvent[] = [
      { streamId: 'cadre-A', event: a0 },
      { streamId: 'cadre-B', event: b0 },
      { streamId: 'cadre-A', event: a1 },
    ];
    const result = resolveAlreadyStored(pending, [storedA1, storedB0, storedA0]);
    expect(result.events).toEqual([storedA0, storedB0, storedA1]);
    expect(result.alreadyStored).toBe(true);
    expect(Object.fromEntries(result.streamRevisions)).toEqual({ 'cadre-A': 1, 'cadre-B': 0 });
  });

  it('streamRevisions is the highest revision of each stream, whatever the order of the write', () => {
    const result = resolveAlreadyStored(
      [
        { streamId: 'cadre-A', event: a1 },
        { streamId: 'cadre-A', event: a0 },
      ],
      [storedA0, storedA1],
    );
    expect(Object.fromEntries(result.streamRevisions)).toEqual({ 'cadre-A': 1 });
  });

  it('a single stored event at revision 0 answers revision 0', () => {
    const result = resolveAlreadyStored([{ streamId: 'cadre-A', event: a0 }], [storedA0]);
    expect(Object.fromEntries(result.streamRevisions)).toEqual({ 'cadre-A': 0 });
    expect(result.events).toEqual([storedA0]);
  });

  it('a retry from another clerk (other actor, correlation) is still the same write', () => {
    const retry = { ...a0, actor: 'CLERK:李#tok_3', correlationId: 'corr-7' };
    expect(resolveAlreadyStored([{ streamId: 'cadre-A', event: retry }], [storedA0]).events).toEqual([storedA0]);
  });

  it('a new id among stored ones is a conflict: a write is stored whole or not at all', () => {
    const fresh = { ...fact, eventId: 'new-1' };
    let error: unknown;
    try {
      resolveAlreadyStored(
        [
          { streamId: 'cadre-A', event: a0 },
          { streamId: 'cadre-A', event: fresh },
        ],
        [storedA0],
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventIdConflictError);
    expect(error).toMatchObject({
      code: 'EVENT_ID_CONFLICT',
      eventId: 'new-1',
      message:
        'event id new-1 is new, but other events of the same write are already stored: a write is stored whole or not at all, so this is not a retry',
    });
  });

  it('an id stored with a different body is a conflict naming where it is stored', () => {
    const changed = { ...a1, data: { role: 'HEAD', orgUnitId: 'T09' } };
    expect(() => resolveAlreadyStored([{ streamId: 'cadre-A', event: changed }], [storedA1])).toThrow(
      expect.objectContaining({
        code: 'EVENT_ID_CONFLICT',
        eventId: 'a1',
        message: 'event id a1 is already stored (stream cadre-A, revision 1) with a different body',
      }),
    );
  });

  it('the same body sent to another stream is a conflict', () => {
    expect(() => resolveAlreadyStored([{ streamId: 'cadre-Z', event: a0 }], [storedA0])).toThrow(EventIdConflictError);
  });
});
