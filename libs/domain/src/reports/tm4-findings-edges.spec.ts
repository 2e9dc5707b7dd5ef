/**
 * TM4 (班子稳定) at its edges, from a review of TM4 and TM8 against the source text: the policy rule on write and the township findings, through the
 * decider (given/when/then) so the holder markers are what the real write path produces.
 */
import { complianceFindings } from '../read-models/compliance';
import { d } from '../read-models/spec-ledger';
import { given, rejected } from '../testing/given-when-then';
import { adoptPolicy, appoint, registerCadre, removeFromPost, retract, township, transfer } from '../testing/commands';
import type { CareerCommand } from '../commands';

const tm4 = (facts: CareerCommand[], asOf: string, knownAt?: string) => {
  const { ledger } = given(...facts);
  const streams = ['orgunit-T1', 'orgunit-T2', ...['A', 'B', 'C', 'H', 'H2'].map((c) => `cadre-${c}`)];
  const events = streams.flatMap((s) => ledger.events(s)).sort((a, b) => a.globalPosition - b.globalPosition);
  return complianceFindings(events, { asOf: d(asOf), ...(knownAt ? { knownAt } : {}) }).filter((f) => f.rule === 'TM4');
};
const people = [township('T1'), township('T2'), ...['A', 'B', 'C', 'H', 'H2'].map((c) => registerCadre(c))];

describe('TM4 findings', () => {
  it('a chief of two townships concurrently is accepted by the decider (premise of the TM8 double listing)', () => {
    expect(given(...people, appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY')).when(appoint('A', '2016-01-01', 'T2', 'PARTY_SECRETARY')).decision().length).toBeGreaterThan(0);
  });
  it('secretary moved to another township (Transferred) and the head removed the same day: both chiefs adjusted', () => {
    const f = tm4([...people, appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY'), appoint('H', '2015-01-01', 'T1', 'HEAD'),
      transfer('A', '2021-06-01', ['T1', 'PARTY_SECRETARY'], ['T2', 'PARTY_SECRETARY']), removeFromPost('H', '2021-06-01', 'T1', 'HEAD'),
      appoint('B', '2021-06-01', 'T1', 'PARTY_SECRETARY'), appoint('H2', '2021-06-01', 'T1', 'HEAD')], '2022-01-01');
    expect(f.map((x) => x.kind).sort()).toEqual(['TM4_BOTH_CHIEFS_ADJUSTED']);
  });
  it('secretary re-elected on the day of the end-of-term removal, head replaced that day: no both-chiefs finding, no vacancy', () => {
    const f = tm4([...people, appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY'), appoint('H', '2015-01-01', 'T1', 'HEAD'),
      removeFromPost('A', '2021-06-01', 'T1', 'PARTY_SECRETARY', { reason: 'END_OF_TERM' }), appoint('A', '2021-06-01', 'T1', 'PARTY_SECRETARY'),
      removeFromPost('H', '2021-06-01', 'T1', 'HEAD', { reason: 'END_OF_TERM' }), appoint('H2', '2021-06-01', 'T1', 'HEAD')], '2022-01-01');
    expect(f).toEqual([]);
  });
  it('a vacancy of exactly one day after a transfer away; the successor’s appointment retracted re-opens it; known before the retraction it is closed', () => {
    const facts = [...people, appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY'), transfer('A', '2021-06-01', ['T1', 'PARTY_SECRETARY'], ['T2', 'PARTY_SECRETARY']),
      appoint('B', '2021-06-02', 'T1', 'PARTY_SECRETARY', { id: 'appB' })];
    expect(tm4(facts, '2022-01-01')).toEqual([expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', from: '2021-06-01', to: '2021-06-02', days: 1 })]);
    const withRetraction = [...facts, retract('B', '2021-07-01', 'appB')];
    expect(tm4(withRetraction, '2022-01-01')).toEqual([expect.objectContaining({ kind: 'TM4_SECRETARY_VACANCY', from: '2021-06-01', to: null, days: 214 })]);
  });
});

describe('TM4 policy rule', () => {
  const base = [...people, appoint('A', '2020-03-15', 'T1', 'PARTY_SECRETARY')];
  it('a head moved into the secretary post of the same township: the new post counts from the move (moved again within 3 years: refused)', () => {
    given(...people, appoint('A', '2015-01-01', 'T1', 'HEAD'), transfer('A', '2022-01-01', ['T1', 'HEAD'], ['T1', 'PARTY_SECRETARY'], { approval: { level: 'MUNICIPAL', ref: 'x' } }))
      .when(removeFromPost('A', '2024-12-31', 'T1', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2025-01-01' }));
  });
  it('policy lowers the minimum to 2 years from 2022-01-01: moved 2021-12-01 refused, first passing 2022-03-15 (2 years reached under v2)', () => {
    given(...base, adoptPolicy('v2', '2022-01-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 2 } })))
      .when(removeFromPost('A', '2021-12-01', 'T1', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2022-03-15' }));
  });
  it('policy lowers the minimum to 2 years from 2022-01-01: moved 2022-03-15 accepted without approval', () => {
    expect(given(...base, adoptPolicy('v2', '2022-01-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 2 } })))
      .when(removeFromPost('A', '2022-03-15', 'T1', 'PARTY_SECRETARY')).decision().length).toBeGreaterThan(0);
  });
  it('re-election reappointment on the removal day, then transferred to another township: the new township post counts from the transfer', () => {
    given(...base, removeFromPost('A', '2021-06-01', 'T1', 'PARTY_SECRETARY', { reason: 'END_OF_TERM', override: { reason: '换届' } }), appoint('A', '2021-06-01', 'T1', 'PARTY_SECRETARY'),
      transfer('A', '2023-03-15', ['T1', 'PARTY_SECRETARY'], ['T2', 'PARTY_SECRETARY']))
      .when(removeFromPost('A', '2024-01-01', 'T2', 'PARTY_SECRETARY')).then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2026-03-15' }));
  });
});

describe('TM4 findings as known at an earlier instant', () => {
  it('successor recorded later: as known before its recording the vacancy is open; as known after it is one day', () => {
    const { ledger } = given(...people, appoint('A', '2015-01-01', 'T1', 'PARTY_SECRETARY'), removeFromPost('A', '2021-06-01', 'T1', 'PARTY_SECRETARY'), appoint('B', '2021-06-02', 'T1', 'PARTY_SECRETARY'));
    const events = ['orgunit-T1', 'cadre-A', 'cadre-B'].flatMap((s) => ledger.events(s)).sort((a, b) => a.globalPosition - b.globalPosition);
    const appointB = events.find((e) => e.type === 'AppointedToPost' && e.streamId === 'cadre-B')!;
    const before = new Date(Date.parse(appointB.recordedAt) - 1).toISOString();
    const vac = (knownAt?: string) => complianceFindings(events, { asOf: d('2021-07-01'), ...(knownAt ? { knownAt } : {}) }).filter((f) => f.kind === 'TM4_SECRETARY_VACANCY');
    expect(vac(before)).toEqual([expect.objectContaining({ to: null, days: 30 })]);
    expect(vac()).toEqual([expect.objectContaining({ to: '2021-06-02', days: 1 })]);
  });
});
