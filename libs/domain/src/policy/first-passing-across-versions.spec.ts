/**
 * A refusal's `firstPassingDate` ("where a date would make it pass") is read under the policy
 * version in effect on each date (firstPassingAcrossVersions): sent on that date the write passes,
 * and no earlier date would. Found by a review: it was read under the refused date's version only,
 * so the date named was refused again (a later version asking more), or came after a version under
 * which the write already passed (one asking less).
 */
import { given, rejected } from '../testing/given-when-then';
import { adoptPolicy, appoint, promote, registerCadre, removeFromPost, setRank, township } from '../testing/commands';
import { DomainError } from '../errors';

/** 'accepted', or the refusal's text (given-when-then wraps it in an Error). */
function outcomeOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (e) {
    return (e as Error).message.replace(/^expected .* to be accepted, got /, '').slice(0, 60);
  }
}

describe('firstPassingDate across a policy version boundary', () => {
  // A holds T01's secretary post from 2016-03-01: 3rd anniversary 2019-03-01, 5th 2021-03-01.
  const chief = [township('T01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-in' })];

  it('TM4: v2 (5 years, from 2018-06-01): the date named for a refused move must itself pass', () => {
    const fiveYears = adoptPolicy('v5y', '2018-06-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 5 } }));
    const refused = given(fiveYears, ...chief).when(removeFromPost('A', '2018-05-31', 'T01', 'PARTY_SECRETARY')).error();
    expect(refused).toBeInstanceOf(DomainError);
    const named = refused.firstPassingDate!;
    // The same move on the date named:
    const again = outcomeOf(() => given(fiveYears, ...chief).when(removeFromPost('A', named, 'T01', 'PARTY_SECRETARY')).decision());
    expect({ named, again }).toEqual({ named: '2021-03-01', again: 'accepted' });
  });

  it('TM4: v2 (2 years, from 2018-06-01): the FIRST passing date is 2018-06-01, not the old 3rd anniversary', () => {
    const twoYears = adoptPolicy('v2y', '2018-06-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 2 } }));
    given(twoYears, ...chief).when(removeFromPost('A', '2018-06-01', 'T01', 'PARTY_SECRETARY')).decision(); // passes
    given(twoYears, ...chief)
      .when(removeFromPost('A', '2018-05-31', 'T01', 'PARTY_SECRETARY'))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2018-06-01' }));
  });

  it('N2: v2 (4 years in CLERK_2, from 2011-06-01): the date named for a refused promotion must itself pass', () => {
    const clerk = [registerCadre('B'), setRank('B', '2010-01-01', 'CLERK_2')];
    const fourYears = adoptPolicy('n2-4y', '2011-06-01', (s) => ({
      ...s,
      rankPromotion: { ...s.rankPromotion, minimumYearsInRank: { ...s.rankPromotion.minimumYearsInRank, CLERK_2: 4 } },
    }));
    const refused = given(fourYears, ...clerk).when(promote('B', '2011-05-01', 'CLERK_2', 'CLERK_1')).error();
    expect(refused.code).toBe('RULE_N2_MINIMUM_YEARS');
    const named = refused.firstPassingDate!;
    const again = outcomeOf(() => given(fourYears, ...clerk).when(promote('B', named, 'CLERK_2', 'CLERK_1')).decision());
    expect({ named, again }).toEqual({ named: '2014-01-01', again: 'accepted' });
  });
});
