/**
 * T4: "Future-dated events are stored, shown as scheduled, and count only from their date."
 * A township whose OrgUnitRegistered takes effect on 2025-01-01 (recorded in advance, 2024-10-01)
 * is no township team on 2024-06-01: TM1 must not report it, nor raise findings on it, before
 * that date (found by a review: it was listed, and an empty team's findings raised on it, with no
 * evidence). Every report that lists townships reads them so (report-view.ts `townshipIds`).
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { calendarDate } from '../time/calendar-date';
import { teamCompositionReport } from './team-composition';
import { measureFindings } from './measure-findings';
import { healthChecksReport } from './health-checks';

function ledger() {
  const l = new SpecLedger();
  l.unit('T01', 'TOWNSHIP', '青山镇');
  l.add('cadre-A', 'CadreRegistered', '2000-01-01', { name: '干部A', gender: 'F', birthDate: calendarDate('1996-01-01'), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  l.appoint('A', '2015-01-01', 'T01', 'PARTY_SECRETARY');
  // A new township (two reforms), registered in advance with its own effective date.
  l.add('orgunit-T02', 'OrgUnitRegistered', '2025-01-01', { name: '新区镇', kind: 'TOWNSHIP' }, { recordedAt: '2024-10-01T02:00:00.000Z' });
  return ledgerFactsOf(l.events);
}

describe('TM1 / T4: a township registered with a future effective date is not a team before that date', () => {
  it.each([
    ['2024-12-31', ['T01']],
    ['2025-01-01', ['T01', 'T02']],
    ['2025-01-02', ['T01', 'T02']],
  ])('team-composition on %s lists the townships %j', (asOf, townships) => {
    expect(teamCompositionReport(ledger(), { asOf: d(asOf) }).townships.map((t) => t.orgUnitId)).toEqual(townships);
  });

  it('no TM1 finding names the township before its registration takes effect (asOf 2024-06-01)', () => {
    const findings = measureFindings(ledger(), { asOf: d('2024-06-01'), rule: 'TM1' });
    expect(findings.filter((f) => f.orgUnitId === 'T02')).toEqual([]);
  });

  it('a year report (TM8 health checks) lists it from the first year it is registered by the year end', () => {
    expect(healthChecksReport(ledger(), { year: 2024 }).townships.map((t) => t.orgUnitId)).toEqual(['T01']);
    expect(healthChecksReport(ledger(), { year: 2025 }).townships.map((t) => t.orgUnitId)).toEqual(['T01', 'T02']);
  });
});
