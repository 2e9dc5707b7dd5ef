/**
 * Property: for random histories (test/support/random-history.ts), every read model the API
 * answers from its projection tables equals the pure in-memory fold of the same events — for any
 * as-of date, near the events' own dates especially (where answers change), for every cadre's
 * tenure and for a commendation cycle. Histories accumulate in one ledger, so later runs also check
 * that other cadres' and townships' events (and other policy versions) change nothing they should not.
 * Every answer also has the shape /docs/openapi.json documents for it (decision-schemas.ts).
 */
import fc from 'fast-check';
import {
  addDays,
  calendarDate,
  DEFAULT_POLICY,
  excellentSecretaryCandidates,
  inPostPromotionEligibility,
  tenure,
  type CalendarDate,
} from '@ledger/domain';
import { readLedgerEvents } from '@ledger/projections';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent } from '../../support/projections';
import { fcRuns } from '../../support/fc-seed';
import { CANDIDATE_CYCLE, ELIGIBLE_PROBE_DATE, historyWrites, shapedHistoryArb } from '../../support/random-history';
import { ReferenceLedger, type RefEvent } from '../../support/reference-fold';
import { read, settle } from './support';
import { excellentSecretaryCandidatesSchema, inPostPromotionEligibilitySchema, tenureSchema } from '../../../apps/api/src/projections/decision-schemas';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi('projections_property', { projections: { pollIntervalMs: 10 } });
});
afterAll(() => api?.close());

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// Drawn up after every generated date (the reference fold cuts nothing): without asOf the list is drawn up today (T4), and a history may run past it.
const DRAWN_UP = calendarDate('2099-12-31');

it('for random histories, eligibility, candidates and tenure from the tables equal a pure fold of the events and a plain reference fold', async () => {
  let run = 0;
  let eligibleRuns = 0;
  let candidateRuns = 0;
  await fc.assert(
    fc.asyncProperty(
      shapedHistoryArb,
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
        const dates: CalendarDate[] = [ELIGIBLE_PROBE_DATE, ...picks.map((p) => addDays(own[p.pick % own.length]!, p.shift))];
        const reference = new ReferenceLedger(events as unknown as RefEvent[], DEFAULT_POLICY.settings);
        for (const asOf of dates) {
          const answer = await read<{ cadres: { cadreId: string; eligible: boolean; basis: string | null }[] }>(api, `/v1/eligibility/in-post-promotion?asOf=${asOf}`);
          expect(answer).toEqual(json(inPostPromotionEligibility(events, { asOf })));
          inPostPromotionEligibilitySchema.parse(answer); // what /docs/openapi.json documents
          expect(new Map(answer.cadres.map((c) => [c.cadreId, c.basis]))).toEqual(reference.eligibility(asOf));
          if (asOf === ELIGIBLE_PROBE_DATE && answer.cadres.some((c) => c.cadreId === `${prefix}E0` && c.eligible)) eligibleRuns++;
          for (let i = 0; i < plan.cadres.length; i++) {
            const cadreId = `${prefix}C${i}`;
            const answered = await read(api, `/v1/cadres/${cadreId}/tenure?asOf=${asOf}`);
            expect(answered).toEqual(json(tenure(events, cadreId, { asOf })));
            tenureSchema.parse(answered);
          }
        }
        for (const c of new Set([cycle, CANDIDATE_CYCLE])) {
          const candidates = await read<{ candidates: { cadreId: string }[]; excluded: { cadreId: string }[] }>(
            api,
            `/v1/commendations/excellent-township-party-secretary/candidates?cycle=${c}&asOf=${DRAWN_UP}`,
          );
          expect(candidates).toEqual(json(excellentSecretaryCandidates(events, { cycle: c, asOf: DRAWN_UP })));
          excellentSecretaryCandidatesSchema.parse(candidates);
          const ids = (xs: { cadreId: string }[]) => xs.map((x) => x.cadreId).sort();
          expect({ candidates: ids(candidates.candidates), excluded: ids(candidates.excluded) }).toEqual(reference.candidates(c));
          if (c === CANDIDATE_CYCLE && candidates.candidates.some((x) => x.cadreId === `${prefix}E1`)) candidateRuns++;
        }
      },
    ),
    { numRuns: fcRuns(4) },
  );
  // Every history carries an eligible chief and a candidate by construction: each run must reach them.
  expect([eligibleRuns, candidateRuns]).toEqual([run, run]);
  await expectProjectionsConsistent(api.db);
}, 600_000);
