/**
 * GET /v1/audit/verify answers what `verify` answers: the chains and every event the store-wide
 * order cannot reach (found by a mutation review: the handler could have checked the chains alone).
 */
import type { EventStore, StoredEvent, StreamHead } from '@ledger/event-store';
import { VerifyLedgerHandler, VerifyLedgerQuery } from './verify-ledger.query';

async function* none<T>(): AsyncIterable<T> {}

describe('VerifyLedgerHandler', () => {
  it('given an intact store whose order cannot reach one event, then it answers not ok, naming the event', async () => {
    const store = {
      scanStreams: () => none<StoredEvent>(),
      scanHeads: () => none<StreamHead>(),
      readStream: async () => [],
      streamHead: async () => null,
      eventsOutsideTheOrder: async () => [{ streamId: 'cadre-C1', revision: 3, eventId: 'e-3', message: 'its transaction id has not been issued' }],
    } as unknown as EventStore;
    const answer = await new VerifyLedgerHandler(store).execute(new VerifyLedgerQuery());
    expect(answer).toMatchObject({ ok: false, firstBroken: { streamId: 'cadre-C1', revision: 3, reason: 'OUTSIDE_THE_ORDER' }, broken: [expect.objectContaining({ reason: 'OUTSIDE_THE_ORDER' })] });
  });

  it('given two events the order cannot reach, then it names the first, or with every break asked (?all=true) both', async () => {
    const unreachable = (streamId: string) => ({ streamId, revision: 0, eventId: `${streamId}-0`, message: 'its transaction id has not been issued' });
    const store = {
      scanStreams: () => none<StoredEvent>(),
      scanHeads: () => none<StreamHead>(),
      readStream: async () => [],
      streamHead: async () => null,
      eventsOutsideTheOrder: async () => [unreachable('cadre-C1'), unreachable('cadre-C2')],
    } as unknown as EventStore;
    const handler = new VerifyLedgerHandler(store);
    expect((await handler.execute(new VerifyLedgerQuery())).broken.map((b) => b.streamId)).toEqual(['cadre-C1']);
    expect((await handler.execute(new VerifyLedgerQuery(true))).broken.map((b) => b.streamId)).toEqual(['cadre-C1', 'cadre-C2']);
  });
});
