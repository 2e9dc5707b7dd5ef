/**
 * TM8 (谈心谈话, 体检) at its edges, from a review of TM4 and TM8 against the source text: a talk
 * recorded on both sides is one talk, a chief of two townships is one pair and one missing check,
 * year boundaries, knownAt, retractions, a policy version mid-year. Three readings it raised are in
 * OPEN-QUESTIONS §18 (who owes a talk: the posts on 31 December; chiefs ↔ township staff).
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { talksReport } from '../reports/talks';
import { healthChecksReport } from '../reports/health-checks';
import { measureFindings } from '../reports/measure-findings';

function base() {
  const l = new SpecLedger();
  l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
  l.unit('T1', 'TOWNSHIP', '青山镇');
  l.unit('T2', 'TOWNSHIP', '绿水镇');
  for (const c of ['L', 'S', 'H', 'H2', 'M', 'X', 'Y']) l.cadre(c);
  l.appoint('L', '2015-01-01', 'CL', 'PARTY_SECRETARY');
  return l;
}
const talk = (l: SpecLedger, from: string, to: string, date: string, o = {}) => l.add(`cadre-${from}`, 'TalkHeld', date, { kind: 'HEART_TO_HEART', withCadreId: to }, o);
const pairKey = (p: { rule: string; a: { cadreId: string }; b: { cadreId: string } }) => `${p.rule}:${[p.a.cadreId, p.b.cadreId].sort().join('-')}`;

describe('TM8 talks: the people owing a talk', () => {
  it('one talk recorded on both cadres’ streams (same day, same pair) is one talk, not two (talksPerYear 2: still missing)', () => {
    const l = base();
    l.policy('2', '2000-01-01', (s) => ({ ...s, care: { talksPerYear: 2, healthChecksPerYear: 1 } }));
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('M', '2015-01-01', 'T1', 'DEPUTY_HEAD');
    talk(l, 'S', 'M', '2024-05-10');
    talk(l, 'M', 'S', '2024-05-10');
    const r = talksReport(ledgerFactsOf(l.events), { year: 2024 });
    const pair = [...r.missing, ...r.held].find((p) => p.rule === 'TM8.chief-member' && pairKey(p).includes('M'))!;
    expect(pair.talks).toBe(1);
    expect(r.missing.map(pairKey)).toContain('TM8.chief-member:M-S');
  });

  it('a chief of two townships at once is one county-leader pair, listed once', () => {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('S', '2016-01-01', 'T2', 'PARTY_SECRETARY');
    const findings = measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'TM8.county-leader-chief' });
    expect(findings.filter((f) => f.cadreId === 'S')).toHaveLength(1);
  });

  it('a chief moved between townships mid-year (Transferred): the county-leader talk before the move still counts; no T1 pairs are owed', () => {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('M', '2015-01-01', 'T1', 'DEPUTY_HEAD');
    l.appoint('Y', '2015-01-01', 'T2', 'DEPUTY_HEAD');
    talk(l, 'L', 'S', '2024-02-01');
    l.transfer('S', '2024-06-01', ['T1', 'PARTY_SECRETARY'], ['T2', 'PARTY_SECRETARY']);
    talk(l, 'S', 'Y', '2024-07-01');
    const r = talksReport(ledgerFactsOf(l.events), { year: 2024 });
    expect(r.missing.map(pairKey)).toEqual([]);
  });
});

describe('TM8 talks: time', () => {
  const withTalk = (date: string, o = {}) => {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    return { l, id: talk(l, 'L', 'S', date, o) };
  };
  it('a talk on 2024-12-31 counts for 2024, one on 2025-01-01 for 2025 only', () => {
    const a = talksReport(ledgerFactsOf(withTalk('2024-12-31').l.events), { year: 2024 });
    const b = talksReport(ledgerFactsOf(withTalk('2025-01-01').l.events), { year: 2024 });
    expect([a.missing.length, b.missing.length]).toEqual([0, 1]);
  });
  it('knownAt as a bare date is the end of that day in Asia/Shanghai', () => {
    const { l } = withTalk('2024-12-20', { recordedAt: '2025-01-10T15:59:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM8.county-leader-chief', knownAt: '2025-01-10' })).toHaveLength(0);
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM8.county-leader-chief', knownAt: '2025-01-09' })).toHaveLength(1);
  });
  it('a retracted talk no longer meets the pair; as known before the retraction it still does', () => {
    const { l, id } = withTalk('2024-06-01');
    l.retract('L', '2025-01-05', id, { recordedAt: '2025-01-05T02:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM8.county-leader-chief' })).toHaveLength(1);
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM8.county-leader-chief', knownAt: '2025-01-04' })).toHaveLength(0);
  });
  it('policy version change mid-year: the report names the version it used and requires what that version says', () => {
    const l = base();
    l.policy('v2', '2024-07-01', (s) => ({ ...s, care: { talksPerYear: 2, healthChecksPerYear: 1 } }));
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    talk(l, 'L', 'S', '2024-03-01');
    const r = talksReport(ledgerFactsOf(l.events), { year: 2024 });
    expect({ v: r.policyVersion, req: r.required }).toEqual({ v: 'v2', req: 2 });
    expect(r.missing).toHaveLength(1);
  });
  it('health check: a township cadre without a check in 2024 is missing; a check on 2025-01-01 does not count', () => {
    const l = base();
    l.appoint('X', '2015-01-01', 'T1', 'STAFF');
    l.add('cadre-X', 'HealthCheckCompleted', '2025-01-01', {} as never);
    const r = healthChecksReport(ledgerFactsOf(l.events), { year: 2024 });
    expect(r.missing.map((m) => m.cadreId)).toEqual(['X']);
  });
});

describe('TM8 health checks: one person, one finding', () => {
  it('a chief of two townships at once without a 2024 check is one missing health check, not two', () => {
    const l = base();
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('S', '2016-01-01', 'T2', 'PARTY_SECRETARY');
    const findings = measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'TM8.health-check' });
    expect(findings.filter((f) => f.cadreId === 'S')).toHaveLength(1);
  });
});
