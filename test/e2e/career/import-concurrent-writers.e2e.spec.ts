/**
 * An import beside other writers (the API, another clerk): a line is never stored on a premise
 * another writer has since changed, and a line's outcome is never reported before the events it
 * was decided on are stored (found by a review of concurrent writers, each case reproduced there):
 * the import decides on cached states of streams it reads and does not write, so its chunk's
 * write now checks them (read checks), and a chunk that fails is replayed whole, line by line.
 */
import { Readable } from 'node:stream';
import { CareerCommandService, importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import {
  adoptPolicy,
  appoint,
  MUNICIPAL,
  department,
  fileAppeal,
  rateDepartment,
  registerCadre,
  removeFromPost,
  retract,
  sanction,
  talk,
  township,
  train,
} from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { interfered, readsAfterMeanwhile, writtenMeanwhile } from '../../support/store-interference';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const line = (command: CareerCommand) => `${JSON.stringify(command)}\n`;

describe('import beside other writers', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_concurrent_writers');
  });
  afterEach(() => db?.drop());

  it('given states cached early, when another clerk corrects them through the API, then the lines decided on them later are refused as the API refuses them (I, TM5)', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [township('T1'), department('D1'), registerCadre('C'), sanction('C', '2020-03-01', 'S1', 'WARNING', { id: 's1' }), registerCadre('B'), registerCadre('K'), appoint('K', '2019-01-01', 'T1', 'HEAD', { id: 'k-head' })]) {
      await api.execute(c, { actor: 'CLERK:api' });
    }
    async function* source(): AsyncGenerator<string> {
      // The import now holds C, B and K in its cache.
      yield line(train('C', '2020-06-01', { id: 'imp-c' }));
      yield line(train('B', '2020-06-01', { id: 'imp-b' }));
      yield line(train('K', '2020-06-01', { id: 'imp-k' }));
      for (let i = 0; i < 20; i++) yield line(registerCadre(`F${i}`));
      // Meanwhile, through the API: clerical errors corrected.
      await api.execute(retract('C', '2020-07-01', 's1', { id: 'api-retract-s1' }), { actor: 'CLERK:api' });
      await api.execute(retract('B', '2020-07-01', 'reg-B', { id: 'api-retract-reg-b' }), { actor: 'CLERK:api' });
      await api.execute(retract('K', '2020-07-01', 'k-head', { id: 'api-retract-k-head' }), { actor: 'CLERK:api' });
      for (let i = 20; i < 40; i++) yield line(registerCadre(`F${i}`));
      yield line(fileAppeal('A1', '2020-08-01', 'C', 's1', { id: 'imp-appeal' }));
      yield line(talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }));
      yield line(rateDepartment('D1', '2020-12-20', 2020, 'K', { id: 'imp-rating' }));
    }
    const result = await importNdjson(Readable.from(source()), store, today, { actor: 'CLERK:import', chunkSize: 10 });
    expect(result.rejected.map((r) => [r.id, r.code])).toEqual([
      ['imp-appeal', 'RULE_I_APPEAL_TARGET_NOT_FOUND'],
      ['imp-talk', 'RULE_I_CADRE_NOT_REGISTERED'],
      ['imp-rating', 'RULE_TM5_RATER_NOT_A_CHIEF'],
    ]);
    expect(await store.findEvents(['imp-appeal', 'imp-talk', 'imp-rating'])).toEqual([]);
    expect(result.accepted).toBe(43);
  });

  it('given a line refused because a cadre was not registered, when the cadre is registered through the API, then a later line naming it is accepted, as the API accepts it', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    await api.execute(registerCadre('F0'), { actor: 'CLERK:api' });
    async function* source(): AsyncGenerator<string> {
      yield line(talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk-1' })); // refused: B not registered yet
      for (let i = 1; i < 20; i++) yield line(registerCadre(`F${i}`));
      await api.execute(registerCadre('B'), { actor: 'CLERK:api' });
      for (let i = 20; i < 40; i++) yield line(registerCadre(`F${i}`));
      yield line(talk('F0', '2020-09-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk-2' }));
    }
    const result = await importNdjson(Readable.from(source()), store, today, { actor: 'CLERK:import', chunkSize: 10 });
    expect(result.rejected.map((r) => [r.id, r.code])).toEqual([['imp-talk-1', 'RULE_I_CADRE_NOT_REGISTERED']]);
    expect((await store.findEvents(['imp-talk-2'])).map((e) => e.type)).toEqual(['TalkHeld']);
  });

  it('given a chunk whose lines rest on its own first line, when another clerk makes that line fail, then no line is reported on that premise', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [township('T'), registerCadre('P'), registerCadre('Q')]) await api.execute(c, { actor: 'CLERK:api' });
    const racing = writtenMeanwhile(store, () => api.execute(retract('P', '2020-01-01', 'reg-P', { id: 'api-retract-reg-p' }), { actor: 'CLERK:api' }));
    const lines = [
      appoint('P', '2020-03-01', 'T', 'PARTY_SECRETARY', { id: 'imp-p' }),
      appoint('Q', '2020-03-01', 'T', 'PARTY_SECRETARY', { id: 'imp-q' }), // refused while imp-p holds the post
      appoint('P', '2020-03-01', 'T', 'PARTY_SECRETARY', { id: 'imp-p' }), // the first line again
    ].map(line);
    const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import', chunkSize: 10 });
    // P is no longer registered: its lines are refused, and Q's appointment, refused only because of P's, is stored.
    expect(result.rejected.map((r) => [r.line, r.id, r.code])).toEqual([
      [1, 'imp-p', 'RULE_I_CADRE_NOT_REGISTERED'],
      [3, 'imp-p', 'RULE_I_CADRE_NOT_REGISTERED'],
    ]);
    expect({ accepted: result.accepted, appended: result.appended, alreadyPresent: result.alreadyPresent }).toEqual({ accepted: 1, appended: 1, alreadyPresent: 0 });
    expect((await store.findEvents(['imp-p', 'imp-q'])).map((e) => e.eventId)).toEqual(['imp-q']);
  });

  it('given a chunk that reads a cadre another clerk writes before the chunk is stored, when its write fails, then it is decided again whole and written once more, the chunk decided meanwhile too, not line by line', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [registerCadre('F0'), registerCadre('B')]) await api.execute(c, { actor: 'CLERK:api' });
    const racing = writtenMeanwhile(store, () => api.execute(train('B', '2020-07-01', { id: 'api-train-b' }), { actor: 'CLERK:api' }));
    // Chunk 1 reads B (a talk's partner) and writes F0 and F1–F9; chunk 2 is decided while chunk 1 is written.
    const lines = [talk('F0', '2020-08-01', 'B', 'HEART_TO_HEART', { id: 'imp-talk' }), ...Array.from({ length: 29 }, (_, i) => registerCadre(`F${i + 1}`))].map(line);
    const result = await importNdjson(Readable.from(lines), racing, today, { actor: 'CLERK:import', chunkSize: 10 });
    expect({ accepted: result.accepted, appended: result.appended, rejected: result.rejectedCount }).toEqual({ accepted: 30, appended: 30, rejected: 0 });
    // The failed write, chunk 1 again, chunk 2 decided again, chunk 3: four appends, where the lines of chunks 1 and 2 one by one made 22.
    expect(racing.calls).toBe(4);
    // Only the stream that conflicted was read again: the states of the chunks' other streams, as they were under their provisional events, were put back.
    const reads = racing.log.filter((entry) => entry.startsWith('read '));
    expect(reads.filter((entry, i) => reads.indexOf(entry) !== i)).toEqual(['read cadre-B']);
    expect((await store.findEvents(['imp-talk', 'api-train-b', 'reg-F29'])).map((e) => e.eventId).sort()).toEqual(['api-train-b', 'imp-talk', 'reg-F29']);
  });

  it('given a move decided under the policy of the chunk’s start, when a version forbidding it is adopted before the chunk is written, then the move is refused (TM4)', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(store, today);
    for (const c of [township('T01'), registerCadre('C1'), appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY')]) await api.execute(c, { actor: 'CLERK:api' });
    const fiveYears = adoptPolicy('2', '2001-01-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 5 } }));
    const racing = writtenMeanwhile(store, () => api.execute(fiveYears, { actor: 'ADMIN:api' }));
    const result = await importNdjson(Readable.from([line(removeFromPost('C1', '2019-06-01', 'T01', 'PARTY_SECRETARY', { id: 'c1-moved' }))]), racing, today, { actor: 'CLERK:import' });
    expect(result.rejected.map((r) => [r.id, r.code])).toEqual([['c1-moved', 'RULE_TM4_APPROVAL_REQUIRED']]);
    expect(await store.findEvents(['c1-moved'])).toEqual([]);
  });
});

describe('the same lines written by two writers at once (another import of the file, or the API)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('import_same_file_twice');
  });
  afterEach(() => db?.drop());

  /**
   * Found by a fresh clone's run of import.e2e ("three imports of one file at once"): one import
   * refused two department ratings (RULE_TM5_RATER_NOT_A_CHIEF) the others accepted. Import A's
   * chunk 1 registers the rater K; while it is written, import B stores the file up to K's
   * appointment; A's chunk 1 is then found stored whole, and its chunk 2, decided on A's own state
   * of K meanwhile, refused the rating.
   */
  it('given a line the other import stored on a stream this import is still writing, when a later line reads that stream, then it is decided on the stored line, not refused', async () => {
    const store = new PostgresEventStore(db.sql);
    const file = [
      township('T1'),
      department('D1'),
      registerCadre('K'),
      appoint('K', '2019-01-01', 'T1', 'HEAD', { id: 'k-head' }),
      rateDepartment('D1', '2020-12-20', 2020, 'K', { id: 'k-rates-d1' }),
    ].map(line);
    // B stores the file up to the appointment as A's chunk 1 is sent.
    const importA = readsAfterMeanwhile(store, () => importNdjson(Readable.from(file.slice(0, 4)), new PostgresEventStore(db.sql), today, { actor: 'CLERK:import-b', chunkSize: 2 }));
    const result = await importNdjson(Readable.from(file), importA, today, { actor: 'CLERK:import-a', chunkSize: 3 });
    expect(result.rejected).toEqual([]);
    expect({ accepted: result.accepted, appended: result.appended, alreadyPresent: result.alreadyPresent }).toEqual({ accepted: 5, appended: 1, alreadyPresent: 4 });
    expect((await store.findEvents(['k-rates-d1'])).map((e) => e.type)).toEqual(['CountyDepartmentRated']);
  });

  it('given lines replayed one by one after a retry failed too, when one of them was stored by another writer meanwhile, then the next line is decided on it, not on the cached state without it', async () => {
    const store = new PostgresEventStore(db.sql);
    const api = new CareerCommandService(new PostgresEventStore(db.sql), today);
    for (const c of [township('T1'), department('D1'), registerCadre('K'), registerCadre('P')]) await api.execute(c, { actor: 'CLERK:api' });
    const file = [appoint('K', '2019-01-01', 'T1', 'HEAD', { id: 'k-head' }), rateDepartment('D1', '2020-12-20', 2020, 'K', { id: 'k-rates-d1' })];
    const racing = interfered(store, {
      // The chunk's write fails (a clerk writes T1), and so does its retry's (again), so its lines go one by one;
      // as the first of them is written, the same appointment is stored through the API.
      1: () => api.execute(appoint('P', '2019-06-01', 'T1', 'PARTY_SECRETARY', { id: 'p-sec' }), { actor: 'CLERK:api' }),
      2: () => api.execute(removeFromPost('P', '2019-07-01', 'T1', 'PARTY_SECRETARY', { id: 'p-sec-ends', approval: MUNICIPAL }), { actor: 'CLERK:api' }),
      3: () => api.execute(file[0]!, { actor: 'CLERK:api' }),
    });
    const result = await importNdjson(Readable.from(file.map(line)), racing, today, { actor: 'CLERK:import', chunkSize: 10 });
    expect(result.rejected).toEqual([]);
    expect({ accepted: result.accepted, appended: result.appended, alreadyPresent: result.alreadyPresent }).toEqual({ accepted: 2, appended: 1, alreadyPresent: 1 });
    expect((await store.findEvents(['k-rates-d1'])).map((e) => e.type)).toEqual(['CountyDepartmentRated']);
    expect(racing.calls).toBe(4); // the chunk, its retry, then each line
  });

  it('given the chunk in flight stored by the other import, and a clerk writing one of its streams after it, when a later line reads that stream, then it is decided on the clerk’s event, as the API decides it', async () => {
    const store = new PostgresEventStore(db.sql);
    const file = [township('T1'), department('D1'), registerCadre('K'), rateDepartment('D1', '2020-12-20', 2020, 'K', { id: 'k-rates-d1' })].map(line);
    // As A's chunk 1 (T1, D1, K) is sent: B stores those lines, then a clerk appoints K through the API.
    const importA = readsAfterMeanwhile(store, async () => {
      await importNdjson(Readable.from(file.slice(0, 3)), new PostgresEventStore(db.sql), today, { actor: 'CLERK:import-b' });
      await new CareerCommandService(new PostgresEventStore(db.sql), today).execute(appoint('K', '2019-01-01', 'T1', 'HEAD', { id: 'api-k-head' }), { actor: 'CLERK:api' });
    });
    const result = await importNdjson(Readable.from(file), importA, today, { actor: 'CLERK:import-a', chunkSize: 3 });
    expect(result.rejected).toEqual([]);
    expect({ accepted: result.accepted, appended: result.appended, alreadyPresent: result.alreadyPresent }).toEqual({ accepted: 4, appended: 1, alreadyPresent: 3 });
    expect((await store.findEvents(['k-rates-d1'])).map((e) => e.type)).toEqual(['CountyDepartmentRated']);
  });
});
