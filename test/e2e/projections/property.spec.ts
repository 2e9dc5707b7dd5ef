/**
 * Property: for random histories (test/support/random-history.ts), every read model the API
 * answers from its projection tables equals the pure in-memory fold of the same events — for any
 * as-of date, near the events' own dates especially (where answers change), for every cadre's
 * tenure and for a commendation cycle. Histories accumulate in one ledger, so later runs also check
 * that other cadres' and townships' events (and other policy versions) change nothing they should not.
 */
import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  excellentSecretaryCandidates,
  inPostPromotionEligibility,
  tenure,
  type CalendarDate,
} from '@ledger/domain';
import { readLedgerEvents } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent } from '../../support/projections';
import { historyArb, historyWrites } from '../../support/random-history';
import { read, settle } from './support';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi('projections_property', { projections: { pollIntervalMs: 10 } });
});
afterAll(() => api?.close());

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

it('for random histories, eligibility, candidates and tenure from the tables equal a pure fold of the events', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      historyArb,
      fc.array(fc.record({ pick: fc.nat(), shift: fc.integer({ min: -1, max: 1 }) }), { minLength: 2, maxLength: 3 }),
      fc.constantFrom('2011-2015', '2016-2020', '2021-2025'),
      async (plan, picks, cycle) => {
        const prefix = `h${++run}`;
        const writes = historyWrites(plan, prefix);
        for (const w of writes) await api.ledger.store.append(w.streamId, w.events, 'any');
        await settle(api);
        const events = await readLedgerEvents(api.ledger.store);

        // Dates where answers change: the history's own effective dates, the day before and after.
        const own = writes.flatMap((w) => w.events.map((e) => calendarDate(e.effectiveDate)));
        const dates: CalendarDate[] = picks.map((p) => addDays(own[p.pick % own.length]!, p.shift));
        for (const asOf of dates) {
          const answer = await read(api, `/v1/eligibility/in-post-promotion?asOf=${asOf}`);
          expect(answer).toEqual(json(inPostPromotionEligibility(events, { asOf })));
          for (let i = 0; i < plan.cadres.length; i++) {
            const cadreId = `${prefix}C${i}`;
            expect(await read(api, `/v1/cadres/${cadreId}/tenure?asOf=${asOf}`)).toEqual(json(tenure(events, cadreId, { asOf })));
          }
        }
        const candidates = await read(api, `/v1/commendations/excellent-township-party-secretary/candidates?cycle=${cycle}`);
        expect(candidates).toEqual(json(excellentSecretaryCandidates(events, { cycle })));
      },
    ),
    { numRuns: 12 },
  );
  await expectProjectionsConsistent(api.db);
});
