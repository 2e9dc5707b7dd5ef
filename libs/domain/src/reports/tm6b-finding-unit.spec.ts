/**
 * A TM6b MEASURE finding ("promotion on a basis that did not hold") about a cadre who was not a
 * township chief on the promotion date belongs to the township of a post the cadre held that day,
 * as the N4 and TM10 findings do (`unitOfCadreOn`). It had no org unit, so `findings --township T`
 * dropped it (found by a review).
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { measureFindings } from './measure-findings';

/** A: deputy head (副乡长, not a chief) of T01 since 2010, promoted on the in-post basis (TM6b) on 2019-06-01. */
function deputyPromotedInPost() {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.cadre('A');
  l.appoint('A', '2010-01-01', 'T01', 'DEPUTY_HEAD');
  l.rank('A', '2010-01-01', 'PRINCIPAL_STAFF_2');
  const promotion = l.add('cadre-A', 'RankPromoted', '2019-06-01', { fromRank: 'PRINCIPAL_STAFF_2', toRank: 'PRINCIPAL_STAFF_1', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'COUNTY_POOL' });
  return { facts: ledgerFactsOf(l.events), promotion };
}

describe('TM6b finding of a cadre who was no chief on the promotion date', () => {
  it('belongs to the township where the cadre held a post that day, with its name', () => {
    const { facts, promotion } = deputyPromotedInPost();
    expect(measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM6b' })).toEqual([
      expect.objectContaining({ rule: 'TM6b', cadreId: 'A', date: '2019-06-01', orgUnitId: 'T01', orgUnitName: 'T01镇', evidence: expect.arrayContaining([promotion]) }),
    ]);
  });

  it('is listed by findings --township T01 (and not by T02)', () => {
    const { facts } = deputyPromotedInPost();
    expect(measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM6b', orgUnitId: 'T01' }).map((f) => f.cadreId)).toEqual(['A']);
    expect(measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM6b', orgUnitId: 'T02' })).toEqual([]);
  });
});
