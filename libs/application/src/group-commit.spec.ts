/**
 * Command group commit against PostgreSQL: concurrent commands on one cadre are decided in
 * arrival order, each on top of the ones before it (revisions 1, 2, 3… without a single retry),
 * written in few store calls, and a refused command — by the domain or by a stale If-Match —
 * fails only itself.
 */
import { calendarDate, DomainError } from '@ledger/domain';
import { StreamVersionConflictError, type AppendOutcome, type AppendResult, type StreamAppend } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { CareerCommandService } from './career-command-service';
import { CommandGroupCommit } from './group-commit';
import { StateLoader } from './state-loader';

/** Counts the store calls: batches (with their sizes) and single writes (a retry's). */
class CountingStore extends PostgresEventStore {
  readonly batches: number[] = [];
  singles = 0;
  override appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
    this.batches.push(writes.length);
    return super.appendBatch(writes);
  }
  override appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    this.singles++;
    return super.appendToStreams(appends);
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('group_commit', 6);
});
afterAll(() => db.drop());

const registration = (cadreId: string) => ({
  id: `reg-${cadreId}`,
  type: 'CadreRegistered',
  cadreId,
  effectiveDate: '2000-01-01',
  data: { name: '王干部', gender: 'F', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
});
const training = (id: string, cadreId: string) => ({ id, type: 'TrainingCompleted', cadreId, effectiveDate: '2020-06-01', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } });

describe('command group commit', () => {
  it('chains concurrent commands on one cadre in arrival order, in few store calls, failing only the refused ones', async () => {
    const store = new CountingStore(db.sql);
    const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked'));
    const group = new CommandGroupCommit(service, store);
    await group.execute(registration('K1'), { actor: 'test' });
    const singlesBefore = store.singles;
    const batchesBefore = store.batches.length;

    const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => settle(group.execute(training(`k-${i}`, 'K1'), { actor: 'test' }))),
      settle(group.execute(training('k-stale', 'K1'), { actor: 'test', expectedRevision: 0 })), // K1 moved on in this very batch
      settle(group.execute(training('k-nobody', 'K404'), { actor: 'test' })), // no such cadre: the domain refuses
    ]);
    expect(answers.slice(0, 10).map((a) => (a.ok ? a.value.revision : a.error))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answers[10]).toMatchObject({ ok: false, error: expect.any(StreamVersionConflictError) });
    expect(answers[11]).toMatchObject({ ok: false, error: expect.any(DomainError) });
    expect(store.singles - singlesBefore).toBe(0); // nothing decided twice
    expect(store.batches.length - batchesBefore).toBeLessThan(10);
    expect((await store.readStream('cadre-K1')).map((e) => e.eventId)).toEqual(['reg-K1', ...Array.from({ length: 10 }, (_, i) => `k-${i}`)]);
  });

  it('answers a re-sent command from the store, and the same id sent twice at once once written', async () => {
    const store = new CountingStore(db.sql);
    const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked'));
    const group = new CommandGroupCommit(service, store);
    await group.execute(registration('K2'), { actor: 'test' });
    const [a, b] = await Promise.all([group.execute(training('k2-t', 'K2'), { actor: 'test' }), group.execute(training('k2-t', 'K2'), { actor: 'other' })]);
    expect([a.status, b.status].sort()).toEqual(['ALREADY_STORED', 'APPENDED']);
    expect((await group.execute(training('k2-t', 'K2'), { actor: 'test' })).status).toBe('ALREADY_STORED');
    expect(await store.readStream('cadre-K2')).toHaveLength(2);
  });
});
