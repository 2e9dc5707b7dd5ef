/**
 * Evidence on every finding: the county-wide TM1 finding "chiefs under 35 ≥ 15%" cites the chiefs
 * counted when none is under 35, as the team check "a member under 30" cites the members (found by
 * a review: it cited nothing).
 */
import { calendarDate } from '../time/calendar-date';
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { measureFindings } from './measure-findings';

describe('TM1.chiefs-under-35 finding evidence', () => {
  it('names the chiefs counted (their appointments) when none is under 35', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.add('cadre-A', 'CadreRegistered', '2000-01-01', { name: '干部A', gender: 'M', birthDate: calendarDate('1975-01-01'), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }, { recordedAt: '2000-01-01T00:00:00.000Z' });
    l.add('cadre-B', 'CadreRegistered', '2000-01-01', { name: '干部B', gender: 'M', birthDate: calendarDate('1976-01-01'), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }, { recordedAt: '2000-01-01T00:00:00.000Z' });
    const a = l.appoint('A', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const b = l.appoint('B', '2015-01-01', 'T01', 'HEAD');
    const [finding] = measureFindings(ledgerFactsOf(l.events), { asOf: d('2024-06-30'), rule: 'TM1.chiefs-under-35' });
    expect(finding).toEqual(expect.objectContaining({ rule: 'TM1.chiefs-under-35', detail: expect.stringContaining('35岁以下 0 人') }));
    expect(finding!.evidence).toEqual(expect.arrayContaining([a, b]));
  });
});
