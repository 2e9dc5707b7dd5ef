/**
 * Adopting a policy version (I): the event's date is the version's first day, and a setting that
 * counts years as a window or a run is at least one year. Found by a review: an import line stored
 * 2020-01-01 for a version answering from 2024-01-01, and a TM7 run of 0 years made entries with no
 * years at all.
 */
import type { CareerCommand } from '../commands';
import { adoptPolicy } from '../testing/commands';
import { given, rejected } from '../testing/given-when-then';
import type { PolicySettings } from './policy-settings';

const adopted = [{ streamId: 'policy', events: [{ type: 'PolicyVersionAdopted' }] }];

describe('PolicyVersionAdopted (I)', () => {
  it.each([
    ['2023-12-31', false],
    ['2024-01-01', true],
    ['2024-01-02', false],
  ])('given a version from 2024-01-01 sent with effectiveDate %s, then it is adopted: %s', (effectiveDate, ok) => {
    const when = given().when({ ...adoptPolicy('2', '2024-01-01'), effectiveDate } as CareerCommand);
    if (ok) when.then(adopted);
    else when.then(rejected('RULE_I_POLICY_EFFECTIVE_DATE', { field: 'effectiveDate' }));
  });

  const set = (path: string, value: number | string) => (s: PolicySettings): PolicySettings => {
    const copy = structuredClone(s) as unknown as Record<string, Record<string, number | string>>;
    const [group, key] = path.split('.') as [string, string];
    copy[group]![key] = value;
    return copy as unknown as PolicySettings;
  };
  it.each([
    'training.chiefEveryYears',
    'training.leaderEveryYears',
    'assessment.focusConsecutiveExcellentYears',
    'promotionOrientation.outstandingRecordYears',
    'inPostPromotion.partySecretaryRunYears',
    'inPostPromotion.chiefRunYears',
  ])(
    'given %s of 0 years, then refused naming it; of 1 year, adopted',
    (path) => {
      given().when(adoptPolicy('2', '2024-01-01', set(path, 0))).then(rejected('RULE_I_POLICY_CYCLE_YEARS', { field: `data.settings.${path}` }));
      given().when(adoptPolicy('2', '2024-01-01', set(path, 1))).then(adopted);
    },
  );

  it.each(['inPostPromotion.lowestAcceptableGrade', 'excellentSecretary.lowestAcceptableGrade', 'promotionOrientation.lowestAcceptableGrade'])(
    'given %s UNGRADED (every grade would pass), then refused naming it; INCOMPETENT, adopted',
    (path) => {
      given().when(adoptPolicy('2', '2024-01-01', set(path, 'UNGRADED'))).then(rejected('RULE_I_POLICY_LOWEST_GRADE', { field: `data.settings.${path}` }));
      given().when(adoptPolicy('2', '2024-01-01', set(path, 'INCOMPETENT'))).then(adopted);
    },
  );

  it.each([
    [34, true],
    [35, true],
    [36, false],
  ])('given TM1 ages of %s for the team member and 35 county-wide, then adopted: %s', (junior, ok) => {
    const when = given().when(adoptPolicy('2', '2024-01-01', set('teamAges.juniorAgeBelow', junior)));
    if (ok) when.then(adopted);
    else when.then(rejected('RULE_I_POLICY_TEAM_AGES', { field: 'data.settings.teamAges.juniorAgeBelow' }));
  });
});
