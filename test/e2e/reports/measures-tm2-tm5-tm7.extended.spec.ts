/** TM2, TM5 and TM7 probed at their edges: ties, retractions, knownAt, policy versions, preferred-pool appointments, seats and elections. */
import { ledgerFactsOf } from '../../../libs/domain/src/read-models/ledger-facts';
import { d, SpecLedger } from '../../../libs/domain/src/read-models/spec-ledger';
import { reminderTalksReport } from '../../../libs/domain/src/reports/reminder-talks';
import { promotionPoolReport } from '../../../libs/domain/src/reports/promotion-pool';
import { recommendationsReport } from '../../../libs/domain/src/reports/recommendations';
import { secretarySeatsReport } from '../../../libs/domain/src/reports/secretary-seats';
import { measureFindings } from '../../../libs/domain/src/reports/measure-findings';



describe('TM7 reminder talks: probes', () => {
  function scored(scores: number[]) {
    const l = new SpecLedger();
    l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
    l.cadre('L');
    l.appoint('L', '2015-01-01', 'CL', 'TEAM_MEMBER');
    scores.forEach((s, i) => {
      const t = `T0${i + 1}`;
      l.unit(t);
      l.cadre(`S${i + 1}`);
      l.appoint(`S${i + 1}`, '2015-01-01', t, 'PARTY_SECRETARY');
      l.score(t, 2024, s);
    });
    return l;
  }
  it('a reminder talk retracted as a clerical error no longer clears the finding; known before the retraction it does', () => {
    const l = scored([70, 80, 90, 91]);
    const talk = l.add('cadre-L', 'TalkHeld', '2025-03-01', { kind: 'REMINDER', withCadreId: 'S1' });
    l.retract('L', '2025-04-01', talk, { recordedAt: '2025-04-01T02:00:00.000Z' });
    const f = ledgerFactsOf(l.events);
    expect(reminderTalksReport(f, { year: 2024 }).townships[0]!.chiefs[0]!.talkHeld).toBe(false);
    expect(reminderTalksReport(f, { year: 2024, knownAt: '2025-03-15' }).townships[0]!.chiefs[0]!.talkHeld).toBe(true);
  });
  it('the lowest-N setting is read from the version in effect for the year', () => {
    const l = scored([70, 80, 90, 91, 95]);
    l.policy('2', '2024-01-01', (s) => ({ ...s, assessment: { ...s.assessment, reminderTalkLowestTownships: 2 } }));
    const f = ledgerFactsOf(l.events);
    const r = reminderTalksReport(f, { year: 2024 });
    expect([r.lowest, r.policyVersion, r.townships.map((t) => t.orgUnitId)]).toEqual([2, '2', ['T01', 'T02']]);
    const r23 = reminderTalksReport(f, { year: 2023 });
    expect(r23.lowest).toBe(3);
  });
});

describe('TM2 promotion pool probes', () => {
  it('a chief appointment from a deputy post removed the same day is from the preferred pool', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2018-01-01', 'T01', 'DEPUTY_HEAD');
    l.remove('A', '2021-03-01', 'T01', 'DEPUTY_HEAD');
    const ev = l.appoint('A', '2021-03-01', 'T01', 'HEAD');
    const r = promotionPoolReport(ledgerFactsOf(l.events), { asOf: d('2022-01-01') });
    expect(r.chiefAppointments.map((c) => [c.cadreId, c.fromPreferredPool, c.evidence[0]])).toEqual([['A', true, ev]]);
  });
  it('a retracted chief appointment is no appointment', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    const ev = l.appoint('A', '2021-03-01', 'T01', 'HEAD');
    l.retract('A', '2021-04-01', ev);
    const r = promotionPoolReport(ledgerFactsOf(l.events), { asOf: d('2022-01-01') });
    expect(r.chiefAppointments).toEqual([]);
    expect(r.preferredPoolShareByYear).toEqual([]);
  });
});

describe('TM5(b)/(c) probes', () => {
  it('a retracted recommendation is not listed', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('S');
    l.cadre('R');
    l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const rec = l.add('cadre-S', 'LeaderRecommended', '2022-03-01', { recommendedCadreId: 'R', forPost: '副镇长', reason: '实绩突出' });
    l.retract('S', '2022-04-01', rec, { recordedAt: '2022-04-01T02:00:00.000Z' });
    const f = ledgerFactsOf(l.events);
    expect(recommendationsReport(f, { asOf: d('2022-12-31') }).recommendations).toEqual([]);
    expect(recommendationsReport(f, { asOf: d('2022-12-31'), knownAt: '2022-03-15' }).recommendations).toHaveLength(1);
  });
  it('a retracted seat end revives the seat; a retracted seat is none', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('S');
    l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    l.add('cadre-S', 'RepresentativeSeatTaken', '2017-01-01', { body: 'PARTY_CONGRESS', level: 'COUNTY' });
    const end = l.add('cadre-S', 'RepresentativeSeatEnded', '2020-01-01', { body: 'PARTY_CONGRESS', level: 'COUNTY' });
    l.retract('S', '2021-01-01', end);
    expect(secretarySeatsReport(ledgerFactsOf(l.events), { asOf: d('2022-01-01') }).secretaries[0]!.passed).toBe(true);
  });
  it('an ended municipal seat does not end the county seat of the same body', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('S');
    l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    l.add('cadre-S', 'RepresentativeSeatTaken', '2017-01-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY' });
    l.add('cadre-S', 'RepresentativeSeatTaken', '2017-01-01', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    l.add('cadre-S', 'RepresentativeSeatEnded', '2020-01-01', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    expect(secretarySeatsReport(ledgerFactsOf(l.events), { asOf: d('2022-01-01') }).secretaries[0]!.passed).toBe(true);
  });
  it('TM5 election: a municipal election with fewer secretaries than department heads is a finding, with each seat and the post that makes its holder a secretary or a head as evidence', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
    l.unit('D02', 'COUNTY_DEPARTMENT', '县教育局');
    for (const c of ['S', 'H1', 'H2']) l.cadre(c);
    const postS = l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const postH1 = l.appoint('H1', '2015-01-01', 'D01', 'HEAD');
    const postH2 = l.appoint('H2', '2015-01-01', 'D02', 'HEAD');
    const a = l.add('cadre-S', 'RepresentativeSeatTaken', '2021-09-01', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const b = l.add('cadre-H1', 'RepresentativeSeatTaken', '2021-09-01', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const c = l.add('cadre-H2', 'RepresentativeSeatTaken', '2021-09-01', { body: 'CPPCC', level: 'MUNICIPAL' });
    const f = measureFindings(ledgerFactsOf(l.events), { asOf: d('2022-01-01'), rule: 'TM5.municipal-election' });
    expect(f.map((x) => [x.date, x.evidence])).toEqual([['2021-09-01', [a, postS, b, postH1, c, postH2]]]);
  });
});

describe('evidence that supports each finding line (TM7 reminder talk, TM5 election)', () => {
});
