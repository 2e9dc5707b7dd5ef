/**
 * TM8 findings carry their evidence (EVENTS.md findings: `{rule, …, evidence}`; the API's report
 * docs: "Every line names its rule and the evidence (event ids)"). A missing health check names the
 * post that makes it owed, a missing training names the post; a missing heart-to-heart talk named
 * nothing at all, so an auditor could not see why the pair was owed (found by a review). A pair
 * held names its talks, then the two posts.
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { talksReport } from './talks';
import { measureFindings } from './measure-findings';

function ledger() {
  const l = new SpecLedger();
  l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
  l.unit('T01', 'TOWNSHIP', '青山镇');
  l.cadre('L');
  l.cadre('A');
  l.cadre('B');
  const leader = l.appoint('L', '2015-01-01', 'CL', 'PARTY_SECRETARY');
  const secretary = l.appoint('A', '2015-01-01', 'T01', 'PARTY_SECRETARY');
  const deputy = l.appoint('B', '2015-01-01', 'T01', 'DEPUTY_HEAD');
  return { facts: ledgerFactsOf(l.events), leader, secretary, deputy };
}

describe('TM8: a missing talk pair names the posts that make it owed', () => {
  it('chief ↔ member: the report line’s evidence holds both appointments', () => {
    const { facts, secretary, deputy } = ledger();
    const pair = talksReport(facts, { year: 2024 }).missing.find((p) => p.rule === 'TM8.chief-member')!;
    expect(pair.evidence).toEqual(expect.arrayContaining([secretary, deputy]));
  });
  it('county secretary ↔ chief: the finding’s evidence holds both appointments', () => {
    const { facts, leader, secretary } = ledger();
    const finding = measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM8.county-leader-chief' })[0]!;
    expect(finding.evidence).toEqual(expect.arrayContaining([leader, secretary]));
  });
  it('a pair held: its talk, then both appointments; `talks` counts the talks only', () => {
    const l = new SpecLedger();
    l.unit('T01', 'TOWNSHIP', '青山镇');
    l.cadre('A');
    l.cadre('B');
    const secretary = l.appoint('A', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const deputy = l.appoint('B', '2015-01-01', 'T01', 'DEPUTY_HEAD');
    const talk = l.add('cadre-A', 'TalkHeld', '2024-06-01', { kind: 'HEART_TO_HEART', withCadreId: 'B' });
    const pair = talksReport(ledgerFactsOf(l.events), { year: 2024 }).held.find((p) => p.rule === 'TM8.chief-member')!;
    expect(pair).toMatchObject({ talks: 1, evidence: [talk, secretary, deputy] });
  });
  it('a missing health check names the post', () => {
    const { facts, deputy } = ledger();
    const finding = measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM8.health-check' }).find((f) => f.cadreId === 'B')!;
    expect(finding.evidence).toEqual([deputy]);
  });
});
