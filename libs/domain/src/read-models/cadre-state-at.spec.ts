/**
 * What the ledger said on `knownAt` about `asOf` for one cadre (T1, TM9, TM6b): rank, grades in
 * year order, sanctions and their effect periods, and the cadre's own TM6b entry.
 */
import { cadreStateAt } from './cadre-state-at';
import { d, SpecLedger } from './spec-ledger';

/** T01/T02 townships; C1 secretary of T01 since 2016-03-01, C2 head of T02 since 2010-01-01. */
function given(build: (l: SpecLedger) => void = () => undefined): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.cadre('C1');
  l.cadre('C2');
  l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY');
  l.appoint('C2', '2010-01-01', 'T02', 'HEAD');
  build(l);
  return l;
}

describe('cadre state at (T1, TM9, TM6b: one cadre as known at an instant)', () => {
  it('given two township chiefs, then each cadre gets its own TM6b entry', () => {
    const l = given();
    const c1 = cadreStateAt(l.events, 'C1', { asOf: d('2021-01-01') });
    const c2 = cadreStateAt(l.events, 'C2', { asOf: d('2021-01-01') });
    expect(c1?.eligibility).toEqual(expect.objectContaining({ cadreId: 'C1', partySecretaryRun: expect.objectContaining({ start: '2016-03-01' }) }));
    expect(c2?.eligibility).toEqual(expect.objectContaining({ cadreId: 'C2', chiefRun: expect.objectContaining({ start: '2010-01-01' }), partySecretaryRun: null }));
  });

  it('given a cadre who is no township chief on asOf, then no TM6b entry; the chief gets one from the day of the appointment', () => {
    const l = given();
    expect(cadreStateAt(l.events, 'C1', { asOf: d('2016-02-29') })?.eligibility).toBeNull();
    expect(cadreStateAt(l.events, 'C1', { asOf: d('2016-03-01') })?.eligibility?.cadreId).toBe('C1');
  });

  it('given a grade for 2018 recorded after the one for 2019 (a late entry), then the grades are listed in year order', () => {
    let g2019 = '';
    let g2018 = '';
    let g2017 = '';
    const l = given((l) => {
      g2019 = l.grade('C1', 2019, 'EXCELLENT', { date: '2020-01-20' });
      g2018 = l.grade('C1', 2018, 'COMPETENT', { date: '2020-03-01' });
      g2017 = l.grade('C1', 2017, 'EXCELLENT', { date: '2020-04-01' });
    });
    expect(cadreStateAt(l.events, 'C1', { asOf: d('2021-01-01') })?.grades).toEqual([
      { year: 2017, grade: 'EXCELLENT', eventId: g2017 },
      { year: 2018, grade: 'COMPETENT', eventId: g2018 },
      { year: 2019, grade: 'EXCELLENT', eventId: g2019 },
    ]);
  });

  it('given a cadre not in the events, then no state', () => {
    expect(cadreStateAt(given().events, 'C9', { asOf: d('2021-01-01') })).toBeNull();
  });
});
