/**
 * From a review of its change: TM8 talks and health checks after ea0f6c0 (reports/talks.ts, reports/health-checks.ts).
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { talksReport } from './talks';
import { healthChecksReport } from './health-checks';
import { measureFindings } from './measure-findings';

function base() {
  const l = new SpecLedger();
  l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
  l.unit('T1', 'TOWNSHIP', '青山镇');
  l.unit('T2', 'TOWNSHIP', '绿水镇');
  for (const c of ['L', 'S', 'M']) l.cadre(c);
  l.appoint('L', '2015-01-01', 'CL', 'PARTY_SECRETARY');
  return l;
}
const talk = (l: SpecLedger, from: string, to: string, date: string, kind = 'HEART_TO_HEART') =>
  l.add(`cadre-${from}`, 'TalkHeld', date, { kind, withCadreId: to } as never);
const key = (p: { rule: string; a: { cadreId: string }; b: { cadreId: string } }) => `${p.rule}:${[p.a.cadreId, p.b.cadreId].sort().join('-')}`;

describe('TM8: a chief and a team member both in two townships', () => {
  /** S secretary of T1 and T2; M deputy head of T1 and T2: one pair of people, as the county-leader pair is one. */
  function ledger() {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('S', '2016-01-01', 'T2', 'PARTY_SECRETARY');
    l.appoint('M', '2015-01-01', 'T1', 'DEPUTY_HEAD');
    l.appoint('M', '2016-01-01', 'T2', 'DEPUTY_HEAD');
    return l;
  }
  it('the chief-member pair S–M missing its talk is one finding, as the county-leader pair is', () => {
    const r = talksReport(ledgerFactsOf(ledger().events), { year: 2024 });
    expect(r.missing.filter((p) => key(p) === 'TM8.chief-member:M-S')).toHaveLength(1);
  });
});

describe('TM8 checks expected to hold', () => {
  function twoTownshipChief() {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('S', '2016-01-01', 'T2', 'PARTY_SECRETARY');
    return l;
  }
  it('?township=T2: the county-leader pair and the health check of the two-township chief are reported under T2', () => {
    const f = measureFindings(ledgerFactsOf(twoTownshipChief().events), { asOf: d('2025-01-01'), rule: 'TM8', orgUnitId: 'T2' });
    expect(f.filter((x) => x.rule === 'TM8.county-leader-chief' && x.cadreId === 'S' && x.orgUnitId === 'T2')).toHaveLength(1);
    expect(f.filter((x) => x.rule === 'TM8.health-check' || x.rule.startsWith('TM8.health')).map((x) => [x.cadreId, x.orgUnitId])).toEqual([['S', 'T2']]);
  });
  it('health checks: each township summary counts the cadre', () => {
    const r = healthChecksReport(ledgerFactsOf(twoTownshipChief().events), { year: 2024 });
    expect(r.missing.map((m) => m.cadreId)).toEqual(['S']);
    expect(r.townships.map((t) => [t.orgUnitId, t.cadres, t.missing])).toEqual([['T1', 1, 1], ['T2', 1, 1]]);
  });
  it('talksPerYear 2: two real talks on different days, one recorded per side, meet the pair', () => {
    const l = base();
    l.policy('2', '2000-01-01', (s) => ({ ...s, care: { talksPerYear: 2, healthChecksPerYear: 1 } }));
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('M', '2015-01-01', 'T1', 'DEPUTY_HEAD');
    talk(l, 'S', 'M', '2024-03-01');
    talk(l, 'M', 'S', '2024-09-01');
    const r = talksReport(ledgerFactsOf(l.events), { year: 2024 });
    expect(r.held.map(key)).toContain('TM8.chief-member:M-S');
  });
  it('a REMINDER talk does not meet a heart-to-heart pair', () => {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    talk(l, 'L', 'S', '2024-03-01', 'REMINDER');
    const r = talksReport(ledgerFactsOf(l.events), { year: 2024 });
    expect(r.missing.map(key)).toContain('TM8.county-leader-chief:L-S');
  });
});
