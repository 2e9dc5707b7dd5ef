/**
 * The import on EventStoreDB (in-memory server model), which has no transaction across streams: a
 * chunk's write is checked first, then appended stream by stream (org units, appeals, cadres), so
 * another writer or a failure between two streams stops it part-way. The import still ends with
 * every line stored whole (accepted) or not at all (rejected), and goes on with the other lines;
 * a line that cannot be completed is rejected naming the streams written (a review found the
 * import stopping with lines half-stored: a township's post-holder marker without its appointment).
 */
import { Readable } from 'node:stream';
import { calendarDate, type CareerCommand } from '@ledger/domain';
import { appoint, command, decideAppealCommand, fileAppeal, MUNICIPAL, registerCadre, removeFromPost, retract, sanction, township, train } from '@ledger/domain/testing/commands';
import { verifyStore, type EventStore } from '@ledger/event-store';
import { EsdbEventStore, RacedEsdb } from '@ledger/event-store-esdb';
import { CareerCommandService } from '../career-command-service';
import { importNdjson, type ImportResult } from './import-ndjson';

const today = () => calendarDate('2025-12-31');
const lines = (commands: readonly CareerCommand[]) => Readable.from(commands.map((c) => `${JSON.stringify(c)}\n`));
const score = (orgUnitId: string, year: number, id: string) => command('TownshipPerformanceScored', { orgUnitId }, `${year + 1}-01-15`, { year, score: 90 }, { id });

async function setUp() {
  const server = new RacedEsdb();
  const resumed: { stored: readonly string[]; completed: readonly string[] }[] = [];
  const store = new EsdbEventStore(server, { onResumedWrite: (r) => resumed.push(r) });
  const clerk = new CareerCommandService(store, today);
  for (const c of [township('T'), township('T2'), registerCadre('K'), registerCadre('Y'), registerCadre('Z')]) await clerk.execute(c, { actor: 'CLERK:api' });
  return { server, store, clerk, resumed };
}

/** Every event of an accepted line is stored (its own and what it writes beside: markers), none of a rejected line’s. */
async function expectNoHalfStoredLine(store: EventStore, accepted: Record<string, readonly string[]>, rejected: Record<string, readonly string[]>) {
  for (const [id, events] of Object.entries(accepted)) {
    expect({ line: id, stored: (await store.findEvents([...events])).map((e) => e.eventId).sort() }).toEqual({ line: id, stored: [...events].sort() });
  }
  for (const [id, events] of Object.entries(rejected)) expect({ line: id, stored: await store.findEvents([...events]) }).toEqual({ line: id, stored: [] });
  expect((await verifyStore(store)).ok).toBe(true);
}

const outcome = (result: ImportResult) => ({
  accepted: result.accepted,
  rejected: result.rejected.map((r) => [r.id, r.code]),
  lines: result.lines,
});

describe('NDJSON import on EventStoreDB (no transaction across streams)', () => {
  it('given a chunk whose write stops part-way because a clerk wrote one of its cadres meanwhile, then its half-stored appointments are completed, the other lines written, and the import goes on', async () => {
    const { server, store, clerk } = await setUp();
    // The chunk writes orgunit-T, orgunit-T2, then cadre-K, cadre-Z, cadre-Y. Just before cadre-K,
    // a clerk records K's training: the org units are written, the cadres not.
    server.raceOn('cadre-K', () => clerk.execute(train('K', '2020-03-01', { id: 'clerk-train-K' }), { actor: 'CLERK:api' }));
    const result = await importNdjson(
      lines([
        appoint('K', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-K' }),
        train('Z', '2020-02-01', { id: 'train-Z' }),
        appoint('Y', '2020-01-01', 'T2', 'HEAD', { id: 'appoint-Y' }),
        score('T', 2020, 'score-T'),
        train('Y', '2021-02-01', { id: 'train-Y' }),
        // The next chunk, decided while the first was written.
        train('K', '2022-01-01', { id: 'train-K' }),
        score('T2', 2021, 'score-T2'),
      ]),
      store,
      today,
      { actor: 'CLERK:import', chunkSize: 5 },
    );
    expect(outcome(result)).toEqual({ accepted: 7, rejected: [], lines: 7 });
    expect(result).toMatchObject({ appended: 7, alreadyPresent: 0, eventsWritten: 9 });
    await expectNoHalfStoredLine(
      store,
      {
        'appoint-K': ['appoint-K', 'appoint-K:T:PARTY_SECRETARY'],
        'train-Z': ['train-Z'],
        'appoint-Y': ['appoint-Y', 'appoint-Y:T2:HEAD'],
        'score-T': ['score-T'],
        'train-Y': ['train-Y'],
        'train-K': ['train-K'],
        'score-T2': ['score-T2'],
      },
      {},
    );
    // The clerk’s training stands; K’s appointment came after it.
    expect((await store.readStream('cadre-K')).map((e) => e.eventId)).toEqual(['reg-K', 'clerk-train-K', 'appoint-K', 'train-K']);
  });

  it('given a chunk whose write stops part-way on a failure of one later stream, then sending it again completes it and every line is accepted once', async () => {
    const { server, store, resumed } = await setUp();
    server.failOn('cadre-Z');
    const result = await importNdjson(
      lines([
        appoint('K', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-K' }),
        train('Z', '2020-02-01', { id: 'train-Z' }),
        appoint('Y', '2020-01-01', 'T2', 'HEAD', { id: 'appoint-Y' }),
        train('K', '2021-01-01', { id: 'train-K' }),
      ]),
      store,
      today,
      { actor: 'CLERK:import', chunkSize: 4 },
    );
    expect(outcome(result)).toEqual({ accepted: 4, rejected: [], lines: 4 });
    expect(result).toMatchObject({ appended: 4, alreadyPresent: 0, eventsWritten: 6 });
    // Completed by the same write sent again, not line by line.
    expect(resumed).toEqual([{ stored: ['orgunit-T', 'orgunit-T2', 'cadre-K'], completed: ['cadre-Z', 'cadre-Y'] }]);
    await expectNoHalfStoredLine(
      store,
      { 'appoint-K': ['appoint-K', 'appoint-K:T:PARTY_SECRETARY'], 'train-Z': ['train-Z'], 'appoint-Y': ['appoint-Y', 'appoint-Y:T2:HEAD'], 'train-K': ['train-K'] },
      {},
    );
  });

  it('given a chunk whose write stops part-way and whose later chunks were decided on it, then the lines of both are decided on what was stored, and each ends whole or not at all', async () => {
    const { server, store, clerk } = await setUp();
    // Chunk 1 appoints K secretary of T; a clerk moves cadre-K before it is written. Chunk 2,
    // decided on chunk 1 as written, removes K; chunk 3 appoints Z in K’s place.
    server.raceOn('cadre-K', () => clerk.execute(train('K', '2019-03-01', { id: 'clerk-train-K' }), { actor: 'CLERK:api' }));
    const result = await importNdjson(
      lines([
        appoint('K', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-K' }),
        train('Y', '2020-02-01', { id: 'train-Y' }),
        removeFromPost('K', '2021-01-01', 'T', 'PARTY_SECRETARY', { id: 'remove-K', approval: MUNICIPAL }),
        train('Z', '2020-02-01', { id: 'train-Z' }),
        appoint('Z', '2021-02-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-Z' }),
      ]),
      store,
      today,
      { actor: 'CLERK:import', chunkSize: 2 },
    );
    expect(outcome(result)).toEqual({ accepted: 5, rejected: [], lines: 5 });
    await expectNoHalfStoredLine(
      store,
      {
        'appoint-K': ['appoint-K', 'appoint-K:T:PARTY_SECRETARY'],
        'train-Y': ['train-Y'],
        'remove-K': ['remove-K', 'remove-K:T:PARTY_SECRETARY'],
        'train-Z': ['train-Z'],
        'appoint-Z': ['appoint-Z', 'appoint-Z:T:PARTY_SECRETARY'],
      },
      {},
    );
  });

  it('given an upheld appeal whose decision is stored and whose remedy is not (the clerk wrote the cadre meanwhile), then the decision is recognised as the line’s own and the remedy written, not refused as a second decision', async () => {
    const { server, store, clerk } = await setUp();
    for (const c of [sanction('K', '2020-03-01', 'S1', 'WARNING', { id: 's1' }), fileAppeal('A1', '2020-04-01', 'K', 's1', { id: 'file-A1' })]) await clerk.execute(c, { actor: 'CLERK:api' });
    server.raceOn('cadre-K', () => clerk.execute(train('K', '2020-05-01', { id: 'clerk-train-K' }), { actor: 'CLERK:api' }));
    const upheld = { ...decideAppealCommand('A1', '2020-06-01', 'UPHELD', { id: 'decide-A1' }), remedy: { kind: 'RESCIND_SANCTION' } } as CareerCommand;
    const result = await importNdjson(lines([upheld, train('Z', '2020-02-01', { id: 'train-Z' })]), store, today, { actor: 'CLERK:import', chunkSize: 2 });
    expect(outcome(result)).toEqual({ accepted: 2, rejected: [], lines: 2 });
    await expectNoHalfStoredLine(store, { 'decide-A1': ['decide-A1', 'decide-A1:rescind'], 'train-Z': ['train-Z'] }, {});
    expect((await store.readStream('cadre-K')).map((e) => e.eventId)).toEqual(['reg-K', 's1', 'clerk-train-K', 'decide-A1:rescind']);
  });

  it('given a half-stored line the ledger no longer allows (the clerk retracted the cadre’s registration meanwhile), then it is rejected naming the streams written, and the other lines are stored whole', async () => {
    const { server, store, clerk } = await setUp();
    server.raceOn('cadre-K', () => clerk.execute(retract('K', '2019-01-01', 'reg-K', { id: 'clerk-retract-reg-K' }), { actor: 'CLERK:api' }));
    const result = await importNdjson(
      lines([appoint('K', '2020-01-01', 'T', 'PARTY_SECRETARY', { id: 'appoint-K' }), train('Z', '2020-02-01', { id: 'train-Z' }), score('T', 2020, 'score-T')]),
      store,
      today,
      { actor: 'CLERK:import', chunkSize: 3 },
    );
    expect(outcome(result)).toEqual({ accepted: 2, rejected: [['appoint-K', 'IMPORT_LINE_HALF_STORED']], lines: 3 });
    const [rejection] = result.rejected;
    expect(rejection!.message).toContain('orgunit-T');
    expect(rejection!.message).toContain('RULE_I_CADRE_NOT_REGISTERED');
    expect(rejection!.messageZh).toContain('orgunit-T');
    expect(rejection!.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(rejection).toMatchObject({ writtenStreams: ['orgunit-T'], writtenEventIds: ['appoint-K:T:PARTY_SECRETARY'], reasonCode: 'RULE_I_CADRE_NOT_REGISTERED' });
    await expectNoHalfStoredLine(store, { 'train-Z': ['train-Z'], 'score-T': ['score-T'] }, { 'appoint-K': ['appoint-K'] });
  });
});
