/**
 * T1 from the tables (issue 12): for random histories written to a real store in many
 * transactions (back-dated and future-dated events, retractions of retractions, rescissions),
 * ReadModelQueries' answers as known at an instant between recordings — read from the projection
 * tables filtered by `recordedAt`, never a replay — equal the pure fold of the events recorded by
 * then: eligibility (also of one cadre), candidates, tenure and the reports; and every report as
 * the tables stand equals the same pure function over a fold of the whole store (issue 13).
 */
import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  excellentSecretaryCandidatesFromFacts,
  inPostPromotionEligibilityFromFacts,
  ledgerFactsOf,
  tenureFromFacts,
  type CalendarDate,
  type RecordedEvent,
} from '@ledger/domain';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { ALWAYS_FRESH, parseReportParams, ProjectionRunner, readLedgerEvents, ReadModelQueries, REPORT_NAMES, REPORTS, reportFromFacts } from '@ledger/projections';
import { fcRuns } from '../../support/fc-seed';
import { CANDIDATE_CYCLE, ELIGIBLE_PROBE_DATE, historyWrites, shapedHistoryArb } from '../../support/random-history';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { waitUntilReadable } from '../../support/projections';
import { databaseInstantBetween } from '../../support/db-clock';
import type { NewEvent } from '@ledger/event-store';

let db: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  db = await createTestDatabase('known_at_tables');
  store = new PostgresEventStore(db.sql);
});
afterAll(() => db?.drop());

let seq = 0;
const event = (type: string, effectiveDate: string, data: Record<string, unknown>, eventId = `ka-${++seq}`): NewEvent =>
  ({ eventId, type, schemaVersion: 1, effectiveDate, actor: 'test', data }) as NewEvent;

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const byThen = (events: readonly RecordedEvent[], knownAt: string) => events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(knownAt));

it('as known at an instant between recordings, the answers from the tables equal the pure fold of the events recorded by then; reports now equal the fold of the whole store', async () => {
  let run = 0;
  let total = 0;
  let dropped = 0;
  let eligible = 0;
  const queries = new ReadModelQueries(db.sql, store, ALWAYS_FRESH);
  await fc.assert(
    fc.asyncProperty(shapedHistoryArb, fc.array(fc.nat(), { minLength: 2, maxLength: 3 }), fc.integer({ min: 0, max: 7700 }), async (plan, picks, day) => {
      const prefix = `k${++run}`;
      const writes = historyWrites(plan, prefix);
      // One transaction per write, each recorded after the previous one by the database clock.
      for (const w of writes) {
        await store.append(w.streamId, w.events, 'any');
        total += w.events.length;
      }
      await waitUntilReadable(store, total);
      await new ProjectionRunner(db.sql, store).catchUpAll();
      const events = (await readLedgerEvents(store)) as RecordedEvent[];
      const ours = events.filter((e) => e.eventId.startsWith(`${prefix}-`));
      // Issue 13: each report from the tables equals the same pure function over a fold of the whole store.
      const whole = ledgerFactsOf(events);
      for (const name of REPORT_NAMES) {
        const params = parseReportParams(name, REPORTS[name].dated === 'year' ? { year: String(2006 + (day % 20)) } : { asOf: addDays(calendarDate('2005-01-01'), day) }, '2025-06-30' as CalendarDate);
        expect(await queries.report(name, params)).toEqual(json(reportFromFacts(name, whole, params)));
      }
      for (const pick of picks) {
        // At one of this history's recordings: that write counts, later ones (this history's or not) do not.
        const knownAt = ours[pick % ours.length]!.recordedAt;
        const fold = ledgerFactsOf(byThen(events, knownAt));
        if (fold.cadres.size < ledgerFactsOf(events).cadres.size || byThen(events, knownAt).length < events.length) dropped++;
        // The day after a closing of a post (removal, transfer, retraction): where a later record changes who held it.
        const closings = ours.filter((e) => e.type === 'RemovedFromPost' || e.type === 'Transferred' || e.type === 'EntryRetracted');
        const closing = closings[pick % Math.max(1, closings.length)];
        const dates = [ELIGIBLE_PROBE_DATE, addDays(calendarDate('2005-01-01'), day), ...(closing ? [addDays(calendarDate(closing.effectiveDate), 1)] : [])];
        for (const asOf of dates) {
          const view = { asOf, knownAt };
          const answer = await queries.eligibility(view);
          expect(answer).toEqual(json(inPostPromotionEligibilityFromFacts(fold, view)));
          if (answer.cadres.some((c) => c.eligible)) eligible++;
          const one = answer.cadres[pick % Math.max(1, answer.cadres.length)];
          if (one) expect((await queries.eligibility({ ...view, cadreId: one.cadreId }))?.cadres).toEqual([one]);
          for (let i = 0; i < plan.cadres.length; i++) {
            const cadreId = `${prefix}C${i}`;
            const expected = fold.cadres.has(cadreId) ? json(tenureFromFacts(fold, cadreId, view)) : null;
            expect(await queries.tenure(cadreId, view)).toEqual(expected);
          }
        }
        for (const cycle of ['2011-2015', CANDIDATE_CYCLE]) {
          expect(await queries.candidates({ cycle, knownAt })).toEqual(json(excellentSecretaryCandidatesFromFacts(fold, { cycle, knownAt })));
        }
        for (const name of REPORT_NAMES) {
          const params = parseReportParams(name, { ...(REPORTS[name].dated === 'year' ? { year: '2016' } : { asOf: ELIGIBLE_PROBE_DATE }), knownAt }, '2025-06-30' as CalendarDate);
          expect(await queries.report(name, params)).toEqual(json(reportFromFacts(name, fold, params)));
        }
      }
    }),
    { numRuns: fcRuns(5) },
  );
  // Instants at earlier recordings must drop something, and the shaped chief must be reached as known then.
  expect(dropped).toBeGreaterThan(0);
  expect(eligible).toBeGreaterThan(0);
}, 600_000);

it('a chief removed by a back-dated removal or a retraction recorded later is still a chief as known before it', async () => {
  const registered = (id: string) => event('CadreRegistered', '2005-01-01', { name: id, gender: 'M', birthDate: '1975-02-28', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } });
  await store.append('orgunit-KT', [event('OrgUnitRegistered', '2005-01-01', { name: '知镇', kind: 'TOWNSHIP' })], 'any');
  await store.append('cadre-KA', [registered('KA'), event('AppointedToPost', '2010-01-01', { orgUnitId: 'KT', role: 'HEAD' })], 'any');
  await store.append('cadre-KB', [registered('KB'), event('AppointedToPost', '2010-01-01', { orgUnitId: 'KT', role: 'PARTY_SECRETARY' }, 'ka-b-appointed')], 'any');
  const knownAt = await databaseInstantBetween(db.sql);
  await store.append('cadre-KA', [event('RemovedFromPost', '2012-01-01', { orgUnitId: 'KT', role: 'HEAD', reason: 'TRANSFER' })], 'any');
  await store.append('cadre-KB', [event('EntryRetracted', '2024-02-01', { targetEventId: 'ka-b-appointed', reason: '录入错误' })], 'any');
  await waitUntilReadable(store, (await readLedgerEvents(store)).length);
  await new ProjectionRunner(db.sql, store).catchUpAll();
  const queries = new ReadModelQueries(db.sql, store, ALWAYS_FRESH);
  const chiefs = async (knownAt?: string) =>
    (await queries.eligibility({ asOf: '2015-06-30' as CalendarDate, ...(knownAt ? { knownAt } : {}) })).cadres.map((c) => c.cadreId).filter((id) => id.startsWith('K'));
  expect(await chiefs(knownAt)).toEqual(['KA', 'KB']);
  expect(await chiefs()).toEqual([]);
  expect((await queries.candidates({ cycle: '2011-2015', knownAt })).excluded.map((c) => c.cadreId)).toContain('KB');
});
