import { calendarDate as d } from '../time/calendar-date';
import { newCommandProblem, parseCareerCommand } from '../commands';
import { DomainError } from '../errors';
import { EVENT_CATALOGUE } from '../events/catalogue';
import { DEFAULT_POLICY, policyInEffect, type PolicyVersion } from './policy-settings';

const version = (id: string, effectiveFrom: string): PolicyVersion => ({ ...DEFAULT_POLICY, version: id, effectiveFrom: d(effectiveFrom) });

describe('policy versions: the one in effect on a date (RULES.md: an answer for 2021 uses the policy of 2021)', () => {
  it.each([
    ['2023-05-31', '1'],
    ['2023-06-01', '2'],
    ['2023-06-02', '2'],
  ])('given version 2 effective from 2023-06-01, then on %s version %s is in effect', (on, expected) => {
    expect(policyInEffect([version('2', '2023-06-01')], d(on)).version).toBe(expected);
  });

  it('given two versions, then the latest effective on the date, whatever the order adopted; of two from the same day, the one adopted last', () => {
    const versions = [version('3', '2024-01-01'), version('2', '2023-06-01'), version('2b', '2023-06-01')];
    expect(policyInEffect(versions, d('2023-12-31')).version).toBe('2b');
    expect(policyInEffect(versions, d('2024-01-01')).version).toBe('3');
  });
});

describe('N1: a new policy version’s county rank ceiling is a rank of the ladder', () => {
  const adopt = (ceiling: string) => ({
    id: `adopt-${ceiling}`,
    type: 'PolicyVersionAdopted',
    effectiveDate: '2030-01-01',
    data: { ...DEFAULT_POLICY, version: 'v-ceiling', effectiveFrom: '2030-01-01', settings: { ...DEFAULT_POLICY.settings, rankPromotion: { ...DEFAULT_POLICY.settings.rankPromotion, highestRankForCountyCadres: ceiling } } },
  });

  it.each(['RESEARCHER-2', 'researcher_2', '', '二级调研员'])('refuses %j naming the field (a typo silently lifted the ceiling: N1 no longer checked it)', (ceiling) => {
    // A check for new facts, made once the id is known not to be stored (newCommandProblem, in the decider).
    const thrown = newCommandProblem(parseCareerCommand(adopt(ceiling)));
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'data.settings.rankPromotion.highestRankForCountyCadres' });
  });

  it('takes any rank of the ladder, and a version stored before the check still reads', () => {
    expect(newCommandProblem(parseCareerCommand(adopt('RESEARCHER_3')))).toBeUndefined();
    expect(parseCareerCommand(adopt('RESEARCHER_3')).data).toMatchObject({ settings: { rankPromotion: { highestRankForCountyCadres: 'RESEARCHER_3' } } });
    expect(EVENT_CATALOGUE.PolicyVersionAdopted.schema.safeParse(adopt('RESEARCHER-2').data).success).toBe(true);
  });
});
