/**
 * `CareerCommandService.decideAtHand`, the bulk import's way to decide on states its cache already
 * holds: the same decision as `decide`, or nothing when a state is not at hand, never a read.
 */
import { CareerCommandService, StateLoader } from '@ledger/application';
import { parseCareerCommand, type CalendarDate } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;

const HISTORY = [
  { id: 'u1', type: 'OrgUnitRegistered', orgUnitId: 'T1', effectiveDate: '2010-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
  { id: 'u2', type: 'OrgUnitRegistered', orgUnitId: 'T2', effectiveDate: '2010-01-01', data: { name: '白水镇', kind: 'TOWNSHIP' } },
  {
    id: 'c1',
    type: 'CadreRegistered',
    cadreId: 'C1',
    effectiveDate: '2010-01-01',
    data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
  },
  { id: 'a1', type: 'AppointedToPost', cadreId: 'C1', effectiveDate: '2012-03-01', data: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' } },
];

/** A transfer: its decision needs the policy, the cadre and both org units. */
const TRANSFER = parseCareerCommand({
  id: 't1',
  type: 'Transferred',
  cadreId: 'C1',
  effectiveDate: '2020-06-01',
  data: { from: { orgUnitId: 'T1', role: 'PARTY_SECRETARY' }, to: { orgUnitId: 'T2', role: 'PARTY_SECRETARY' } },
});

/** The store, with every stream read counted. */
function counted(store: EventStore): { store: EventStore; reads: string[] } {
  const reads: string[] = [];
  const readStream = store.readStream.bind(store);
  store.readStream = async (streamId, options) => {
    reads.push(streamId);
    return readStream(streamId, options);
  };
  return { store, reads };
}

describe('CareerCommandService.decideAtHand', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('decide_at_hand');
    const service = new CareerCommandService(new PostgresEventStore(db.sql), today);
    for (const command of HISTORY) await service.execute(command, { actor: 'test' });
  });
  afterAll(() => db?.drop());

  it('given a trusted cache holding every state, decides as `decide` does, without a read', async () => {
    const { store, reads } = counted(new PostgresEventStore(db.sql));
    const service = new CareerCommandService(store, today, new StateLoader(store, 100));
    const byLoading = await service.decideReading(TRANSFER); // loads policy, cadre and both org units
    reads.length = 0;
    // When
    const atHand = service.decideAtHand(TRANSFER);
    // Then: the same decision, read on the same states
    expect(atHand).toEqual(byLoading);
    expect(atHand?.decision[0]?.events.map((e) => e.type)).toEqual(['Transferred']);
    expect([...atHand!.reads.keys()].sort()).toEqual(['cadre-C1', 'orgunit-T1', 'orgunit-T2', 'policy']);
    expect(reads).toEqual([]);
  });

  it('given a state the cache does not hold, answers nothing and reads nothing', async () => {
    const { store, reads } = counted(new PostgresEventStore(db.sql));
    const loader = new StateLoader(store, 100);
    const service = new CareerCommandService(store, today, loader);
    await loader.prefetch(['cadre-C1', 'policy', 'orgunit-T1']); // not T2, the transfer's target
    reads.length = 0;
    expect(service.decideAtHand(TRANSFER)).toBeUndefined();
    expect(reads).toEqual([]);
    // And: `decide` loads what was missing and decides.
    expect((await service.decide(TRANSFER))[0]?.events.map((e) => e.type)).toEqual(['Transferred']);
    expect(reads).toEqual(['orgunit-T2']);
  });

  it('given a checked cache (the HTTP path), has nothing at hand: each state must be checked against the store', async () => {
    const store = new PostgresEventStore(db.sql);
    const service = new CareerCommandService(store, today, new StateLoader(store, 100, 'checked'));
    await service.decide(TRANSFER);
    expect(service.decideAtHand(TRANSFER)).toBeUndefined();
  });
});
