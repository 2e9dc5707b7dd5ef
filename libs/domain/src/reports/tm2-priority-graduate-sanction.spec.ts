/**
 * TM2: a priority graduate (全日制硕士/双一流) is 实绩突出 as TM6b reads it by default: the grades,
 * and no sanction effect period running on the date (N2: no promotion during one). It was flagged
 * outstanding under a 严重警告 (found by a review). Boundaries: the day before the period, its first
 * and last days, the day after.
 */
import { calendarDate } from '../time/calendar-date';
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { promotionPoolReport } from './promotion-pool';

/** A: full-time master's, deputy head of T01 since 2019; EXCELLENT 2021 and 2022, COMPETENT 2023; 严重警告 (18 months, N3) from 2024-02-01, i.e. until 2025-08-01 exclusive. */
function graduate() {
  const l = new SpecLedger();
  l.unit('T01');
  l.add('cadre-A', 'CadreRegistered', '2000-01-01', { name: '干部A', gender: 'F', birthDate: calendarDate('1990-01-01'), education: { level: 'MASTER', fullTime: true, doubleFirstClass: false } }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  l.appoint('A', '2019-01-01', 'T01', 'DEPUTY_HEAD');
  l.grades('A', { 2021: 'EXCELLENT', 2022: 'EXCELLENT', 2023: 'COMPETENT' });
  l.sanction('A', '2024-02-01', 's1', 'PARTY_SERIOUS_WARNING');
  return l;
}
const outstanding = (l: SpecLedger, asOf: string) => promotionPoolReport(ledgerFactsOf(l.events), { asOf: d(asOf) }).priorityGraduates.map((g) => [g.cadreId, g.outstanding]);

describe('TM2 priority graduates and a running sanction effect period', () => {
  it.each([
    ['2024-01-31', true], // the day before the sanction
    ['2024-02-01', false], // its first day
    ['2025-07-31', false], // its last day
    ['2025-08-01', true], // the period is over (2022 EXCELLENT, 2023 COMPETENT still in the record)
  ])('on %s the graduate is outstanding: %s', (asOf, expected) => {
    expect(outstanding(graduate(), asOf)).toEqual([['A', expected]]);
  });
});
