/**
 * the same operations on the PostgreSQL adapter and the EventStoreDB adapter (over gRPC,
 * wire fake) must give the same observable answers (the port's contract).
 */
import { DbClientGateway, EsdbEventStore } from '@ledger/event-store-esdb';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import type { EventStore, NewEvent, StoredEvent } from '@ledger/event-store';
import { EsdbWireFake } from '../../support/esdb-wire-fake';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let n = 0;
const ev = (over: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `rv-${process.pid}-${++n}`,
  type: 'TestEventHappened',
  schemaVersion: 1,
  effectiveDate: '2024-01-01',
  actor: 'spec',
  data: { n },
  ...over,
});

async function everything(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let after: StoredEvent['position'] | undefined;
  for (;;) {
    const b = await store.readAll({ ...(after ? { after } : {}), batchSize: 100 });
    out.push(...b.events);
    after = b.lastPosition;
    if (b.events.length < 100) return out;
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; name: string };
const outcome = async (f: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    const err = e as { code?: string; name?: string };
    return { ok: false, code: err.code ?? '?', name: err.name ?? '?' };
  }
};

describe('PostgreSQL vs EventStoreDB adapter on the same operations', () => {
  let db: TestDatabase;
  let fake: EsdbWireFake;
  let gateway: DbClientGateway;
  let pg: PostgresEventStore;
  let esdb: EsdbEventStore;
  let round = 0;
  const stores = () => [pg, esdb] as const;

  beforeAll(async () => {
    db = await createTestDatabase('mig_diverge');
    pg = new PostgresEventStore(db.sql);
    fake = await EsdbWireFake.start();
    gateway = DbClientGateway.connect(fake.url());
    esdb = new EsdbEventStore(gateway, { onResumedWrite: () => undefined });
  });
  afterAll(async () => {
    await gateway.close();
    await fake.stop();
    await db.drop();
  });
  beforeEach(() => void round++);

  it('a two-stream write appears in $all in the same stream order on both stores', async () => {
    const orders: string[][] = [];
    for (const store of stores()) {
      const before = (await everything(store)).length;
      await store.appendToStreams([
        { streamId: `orgunit-Z${round}`, expectedRevision: 'no_stream', events: [ev(), ev()] },
        { streamId: `cadre-A${round}`, expectedRevision: 'no_stream', events: [ev()] },
      ]);
      orders.push((await everything(store)).slice(before).map((e) => `${e.streamId}@${e.revision}`));
    }
    expect(orders[1]).toEqual(orders[0]);
  });

  it('the write result lists the events in the same order on both stores', async () => {
    const results: string[][] = [];
    for (const store of stores()) {
      const r = await store.appendToStreams([
        { streamId: `orgunit-Y${round}`, expectedRevision: 'no_stream', events: [ev()] },
        { streamId: `cadre-B${round}`, expectedRevision: 'no_stream', events: [ev(), ev()] },
      ]);
      results.push(r.events.map((e) => `${e.streamId}@${e.revision}`));
    }
    expect(results[1]).toEqual(results[0]);
  });

  it('a retry of a stored write with a now-stale expected revision is answered the same way', async () => {
    const answers: Outcome[] = [];
    for (const store of stores()) {
      const events = [ev(), ev()];
      await store.append(`cadre-C${round}`, events, 'no_stream');
      await store.append(`cadre-C${round}`, [ev()], 1);
      answers.push(await outcome(async () => (await store.append(`cadre-C${round}`, events, 'no_stream')).alreadyStored));
      answers.push(await outcome(async () => (await store.append(`cadre-C${round}`, events, 7)).alreadyStored));
    }
    expect(answers.slice(2)).toEqual(answers.slice(0, 2));
  });

  it('a retry of a stored two-stream write is answered alike, with the same streamRevisions', async () => {
    const answers: unknown[] = [];
    for (const store of stores()) {
      const w = [
        { streamId: `orgunit-R${round}`, expectedRevision: 'no_stream' as const, events: [ev()] },
        { streamId: `cadre-R${round}`, expectedRevision: 'no_stream' as const, events: [ev(), ev()] },
      ];
      await store.appendToStreams(w);
      await store.append(`cadre-R${round}`, [ev()], 1); // the stream moved on since
      const again = await outcome(async () => {
        const r = await store.appendToStreams(w);
        return { alreadyStored: r.alreadyStored, revs: [...r.streamRevisions.entries()].sort(), events: r.events.map((e) => `${e.streamId}@${e.revision}`) };
      });
      answers.push(again);
    }
    expect(answers[1]).toEqual(answers[0]);
  });

  it('a write of an event whose text holds a lone surrogate is treated alike (both store it, or both refuse it as invalid)', async () => {
    const answers: Outcome[] = [];
    for (const store of stores()) {
      answers.push(await outcome(async () => (await store.append(`cadre-S${round}`, [ev({ data: { text: 'a\ud800b' } })], 'no_stream')).events.length));
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('an id whose write was refused as a version conflict can be used for another fact on both stores', async () => {
    // EventStoreDB: documented as a limitation (the id stays bound). Recorded here as a divergence.
    const answers: Outcome[] = [];
    for (const store of stores()) {
      await store.append(`cadre-K${round}`, [ev()], 'no_stream');
      const id = `rv-bound-${round}-${store === pg ? 'pg' : 'es'}`;
      await outcome(() => store.append(`cadre-K${round}`, [ev({ eventId: id, data: { first: true } })], 5));
      answers.push(await outcome(async () => (await store.append(`cadre-K${round}`, [ev({ eventId: id, data: { second: true } })], 0)).alreadyStored));
    }
    expect(answers[1]).toEqual(answers[0]);
  });

});
