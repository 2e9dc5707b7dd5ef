/**
 * `projections verify` reads the store stream by stream, a batch at a time (issue 16): the rows it
 * compares and the answers it recomputes must not depend on how the streams fall into batches, a
 * stream longer than a batch is held whole, and a store that cannot scan streams (read whole and
 * grouped) gives the same verdicts.
 */
import { Readable } from 'node:stream';
import { importNdjson } from '@ledger/application';
import type { CalendarDate, CareerCommand, Grade } from '@ledger/domain';
import { appoint, assess, registerCadre, retract, sanction, township, train } from '@ledger/domain/testing/commands';
import type { EventStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ProjectionRunner, verifyProjections, type VerifyProjectionsResult } from '@ledger/projections';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

let db: TestDatabase;
let store: PostgresEventStore;

/** The same store without StreamScanner: verify falls back to reading it whole. */
function withoutStreamScan(inner: EventStore): EventStore {
  return new Proxy(inner, {
    get(target, name, receiver) {
      if (name === 'scanStreamsUpTo' || name === 'readableHead') return undefined;
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function importCommands(commands: readonly CareerCommand[]): Promise<void> {
  const result = await importNdjson(Readable.from(commands.map((c) => `${JSON.stringify(c)}\n`)), store, () => '2025-06-30' as CalendarDate, { actor: 'test' });
  expect(result.rejected).toEqual([]);
}

const rowSummary = (r: VerifyProjectionsResult) => r.projections.map((p) => [p.name, p.rows, p.differences]);

beforeAll(async () => {
  db = await createTestDatabase('projections_verify');
  store = new PostgresEventStore(db.sql);
  const grades = (cadreId: string): CareerCommand[] => Array.from({ length: 9 }, (_, i) => assess(cadreId, 2016 + i, (i % 2 === 0 ? 'EXCELLENT' : 'COMPETENT') as Grade));
  await importCommands([
    township('T01'),
    township('T02'),
    // C1: 16 events, longer than the batches of 7 below.
    registerCadre('C1'),
    appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'c1-appointed' }),
    ...grades('C1'),
    sanction('C1', '2023-06-01', 'S1', 'WARNING', { id: 'c1-sanction' }),
    retract('C1', '2023-07-01', 'c1-sanction'),
    train('C1', '2024-05-01'),
    train('C1', '2024-09-01'),
    registerCadre('C2'),
    appoint('C2', '2019-07-01', 'T02', 'PARTY_SECRETARY'),
    registerCadre('C3'),
    appoint('C3', '2020-01-01', 'T02', 'HEAD'),
    ...grades('C3'),
  ]);
  await new ProjectionRunner(db.sql, store).catchUpAll();
});
afterAll(() => db?.drop());

describe('projections verify, stream by stream', () => {
  it('gives the same verdict whatever the batch size, and without a stream scanner', async () => {
    const whole = await verifyProjections(db.sql, store);
    expect(whole.ok).toBe(true);
    expect(whole.answers.checked).toBeGreaterThan(0);
    for (const [label, result] of [
      ['batches of 7', await verifyProjections(db.sql, store, { batchSize: 7 })],
      ['batches of 1', await verifyProjections(db.sql, store, { batchSize: 1 })],
      ['read whole', await verifyProjections(db.sql, withoutStreamScan(store), { batchSize: 7 })],
    ] as const) {
      expect([label, result.ok, result.checkedEvents, rowSummary(result), result.answers]).toEqual([label, true, whole.checkedEvents, rowSummary(whole), whole.answers]);
    }
  });

  it('finds a missing row, a changed row in a stream longer than a batch, and a row of a stream without events', async () => {
    // Given
    await db.sql`delete from proj_post_intervals where cadre_id = 'C2'`;
    await db.sql`update proj_cadre_timelines set grades = '[]' where cadre_id = 'C1'`;
    await db.sql`insert into proj_org_units (org_unit_id, facts, last_position)
                 values ('GHOST', ${db.sql.json({ orgUnitId: 'GHOST', registrations: [], scores: [], ratings: [] })}, 1)`;
    try {
      for (const target of [store, withoutStreamScan(store)]) {
        // When
        const result = await verifyProjections(db.sql, target, { batchSize: 7 });

        // Then
        expect(result.ok).toBe(false);
        const found = result.differences.map((d) => [d.projection, d.table, d.key, d.kind, d.path ?? null]);
        expect(found).toEqual(
          expect.arrayContaining([
            ['cadre-careers', 'proj_post_intervals', 'C2#0', 'MISSING_ROW', null],
            ['cadre-careers', 'proj_cadre_timelines', 'C1', 'DIFFERENT_ROW', '$.timeline.grades.length'],
            ['org-units', 'proj_org_units', 'GHOST', 'UNEXPECTED_ROW', null],
          ]),
        );
        expect(found).toHaveLength(3);
        // The tables' answers read the missing interval's absence too: C2 is listed by no date's eligibility.
        const answered = result.answers.differences.map((d) => d.query.split(' ')[0]);
        expect(answered).toContain('eligibility');
        expect(result.answers.checked).toBeGreaterThan(answered.length);
        expect(result.projections.map((p) => [p.name, p.differences])).toEqual([
          ['cadre-careers', 2],
          ['org-units', 1],
          ['policy-versions', 0],
          ['compliance', 0],
        ]);
      }
    } finally {
      await db.sql`delete from proj_org_units where org_unit_id = 'GHOST'`;
      await new ProjectionRunner(db.sql, store).rebuild(new ProjectionRunner(db.sql, store).projection('cadre-careers'));
    }
    expect((await verifyProjections(db.sql, store, { batchSize: 7 })).ok).toBe(true);
  });

  it('compares each projection up to its own checkpoint: events written after it are not yet expected', async () => {
    // Given: a cadre's events the projections have not applied yet
    const eventsIn = async () => Number((await db.sql`select count(*) as n from events`)[0]!.n);
    const projected = await eventsIn();
    await importCommands([registerCadre('C4'), appoint('C4', '2021-01-01', 'T01', 'HEAD')]);

    // When
    const result = await verifyProjections(db.sql, store, { batchSize: 7 });

    // Then: nothing of C4 is expected, and nothing else changed
    expect(result.differences).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checkedEvents).toBe(projected);
    await new ProjectionRunner(db.sql, store).catchUpAll();
    const caughtUp = await verifyProjections(db.sql, store, { batchSize: 7 });
    expect(caughtUp.ok).toBe(true);
    expect(caughtUp.checkedEvents).toBe(await eventsIn());
    expect(caughtUp.projections[0]!.rows).toBeGreaterThan(result.projections[0]!.rows);
  });
});
