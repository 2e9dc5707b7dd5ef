/**
 * Command group commit on EventStoreDB (in-memory server model), which has no transaction across
 * streams: a write is checked first, then appended stream by stream, so a lost race on the
 * contended stream (an org unit's post markers, P2) must come first, before anything is written
 * (career-command-service.ts, `contention`). A unit of commands decided on one another's events
 * is one merged write: it must keep that order too.
 */
import { calendarDate, type CareerCommand } from '@ledger/domain';
import { appoint, registerCadre, township, train } from '@ledger/domain/testing/commands';
import { EsdbEventStore, RacedEsdb } from '@ledger/event-store-esdb';
import { CareerCommandService } from './career-command-service';
import { CommandGroupCommit } from './group-commit';
import { StateLoader } from './state-loader';

const today = () => calendarDate('2026-01-01');
const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));

describe('command group commit on EventStoreDB', () => {
  it('a unit that loses the race for a post writes nothing: the appointment is refused, never stored without its marker beside another holder (P2)', async () => {
    const server = new RacedEsdb();
    const store = new EsdbEventStore(server);
    const service = new CareerCommandService(store, today, new StateLoader(store, 1000, 'checked'));
    const group = new CommandGroupCommit(service, store);
    // Another API replica, on the same store.
    const other = new CareerCommandService(store, today, new StateLoader(store, 1000, 'checked'));
    for (const c of [township('T'), registerCadre('K'), registerCadre('L'), registerCadre('Z')]) await service.execute(c, { actor: 'test' });

    // The other replica appoints L just before this process's write reaches the township's stream.
    server.raceOn('orgunit-T', () => other.execute(appoint('L', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-L' }), { actor: 'other' }));
    const send = (c: CareerCommand) => settle(group.execute(c, { actor: 'test' }));
    // Z's training goes alone at once; K's training and appointment wait and go as one batch, one unit.
    const answers = await Promise.all([
      send(train('Z', '2019-06-01', { id: 'train-Z' })),
      send(train('K', '2019-06-01', { id: 'train-K' })),
      send(appoint('K', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-K' })),
    ]);
    expect(answers.map((a) => (a.ok ? a.value.status : (a.error as { code?: string }).code))).toEqual(['APPENDED', 'APPENDED', 'RULE_P2_POST_OCCUPIED']);
    expect((await store.findEvents(['appoint-L'])).map((e) => e.eventId)).toEqual(['appoint-L']);
    // Without the order: K's stream held the appointment, acknowledged, while T's markers named only L.
    expect(await store.findEvents(['appoint-K'])).toEqual([]);
  });
});
