/**
 * copyEventStore (libs/event-store) into and out of the EventStoreDB adapter, on the in-memory
 * server model: verbatim copy in global order, resume after a failure midway, refusal of a broken
 * source and of a target that differs. (PostgreSQL ⇄ PostgreSQL runs end to end in test/e2e.)
 */
import { copyEventStore, StoreCopyError, verifyChains, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { EsdbEventStore } from './esdb-event-store';
import type { EsdbAppendOutcome, EsdbEventData, EsdbExpectedRevision } from './gateway';
import { InMemoryEsdb } from './in-memory-esdb';
import { toEsdbEvent } from './mapping';

let n = 0;
const event = (): NewEvent => ({ eventId: `copy-${++n}`, type: 'TalkHeld', schemaVersion: 1, effectiveDate: '2023-06-30', actor: 'spec', data: { kind: 'REMINDER', n } });

/** A server connection that drops after a number of appends, as a killed process would. */
class DroppingServer extends InMemoryEsdb {
  appendsLeft = Number.POSITIVE_INFINITY;
  override async append(streamId: string, events: readonly EsdbEventData[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    if (this.appendsLeft-- <= 0) throw new Error('14 UNAVAILABLE: connection dropped');
    return super.append(streamId, events, expected);
  }
}

async function sourceWithHistory(): Promise<{ store: EsdbEventStore; events: StoredEvent[] }> {
  const store = new EsdbEventStore(new InMemoryEsdb());
  for (let i = 0; i < 40; i++) await store.append(i % 3 === 0 ? `orgunit-O${i % 4}` : `cadre-C${i % 5}`, [event(), event()], 'any');
  return { store, events: [...(await store.readAll()).events] };
}

const fingerprint = (events: readonly StoredEvent[]) => events.map((e) => `${e.eventId}|${e.streamId}|${e.revision}|${e.recordedAt}|${e.hash}`);

describe('copying an event store (EventStoreDB adapter)', () => {
  it('copies verbatim in global order, and resumes after the connection dropped midway', async () => {
    const { store: source, events } = await sourceWithHistory();
    const server = new DroppingServer();
    const target = new EsdbEventStore(server);
    server.appendsLeft = 90; // reservations and appends: the drop lands mid-copy
    await expect(copyEventStore(source, target, { batchSize: 7 })).rejects.toThrow(/connection dropped/);
    const partial = (await target.readAll()).events.length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(events.length);

    server.appendsLeft = Number.POSITIVE_INFINITY;
    const phases: string[] = [];
    const report = await copyEventStore(source, target, { batchSize: 7, onProgress: (p) => phases.push(p.phase) });
    expect(report).toMatchObject({ sourceEvents: 80, copied: 80 - partial, alreadyPresent: partial, targetEvents: 80 });
    expect(new Set(phases)).toEqual(new Set(['verify-source', 'copy', 'verify-target']));
    expect(fingerprint((await target.readAll()).events)).toEqual(fingerprint(events));
    expect(await verifyChains(target.scanStreams(), target.scanHeads())).toMatchObject({ ok: true, checkedEvents: 80 });
    expect(await copyEventStore(source, target)).toMatchObject({ copied: 0, alreadyPresent: 80 });
  });

  it('refuses a source whose chain is broken, before writing anything', async () => {
    const server = new InMemoryEsdb();
    const source = new EsdbEventStore(server);
    const [first] = (await source.append('cadre-X', [event()], 'no_stream')).events;
    // Stored behind the adapter's back, with a hash that does not recompute.
    await server.append('cadre-X', [toEsdbEvent({ ...first!, eventId: 'forged', revision: 1, hash: 'f'.repeat(64) }, 'forger')], 0n);
    const target = new EsdbEventStore(new InMemoryEsdb());
    const error = await copyEventStore(source, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCopyError);
    expect(error).toMatchObject({ failure: 'SOURCE_BROKEN', streamId: 'cadre-X', revision: 1 });
    expect((await target.readAll()).events).toEqual([]);
  });

  it('stops at the first event where the target differs, naming stream and revision', async () => {
    const { store: source, events } = await sourceWithHistory();
    const target = new EsdbEventStore(new InMemoryEsdb());
    const stream = events[5]!.streamId;
    const [own] = await source.readStream(stream, { maxCount: 1 });
    await target.importStored([own!]);
    await target.append(stream, [event()], 0); // revision 1: not the source's
    await expect(copyEventStore(source, target)).rejects.toMatchObject({ failure: 'TARGET_DIFFERS', streamId: stream, revision: 1 });
  });
});
