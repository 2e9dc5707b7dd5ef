import { calendarDate as d } from '../time/calendar-date';
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
