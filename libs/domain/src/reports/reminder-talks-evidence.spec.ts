/**
 * From a review of its change: the reminder-talks report's `postEventId`/`evidence`, and the TM7 reminder-talk and TM5
 * election findings citing posts. Regression net: these held on review.
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { reminderTalksReport } from './reminder-talks';
import { measureFindings } from './measure-findings';

function towns() {
  const l = new SpecLedger();
  l.unit('CL', 'COUNTY_LEADERSHIP');
  l.cadre('L');
  l.appoint('L', '2015-01-01', 'CL', 'TEAM_MEMBER');
  for (const [t, s] of [['T01', 50], ['T02', 60], ['T03', 70], ['T04', 80]] as const) {
    l.unit(t);
    l.score(t, 2024, s);
  }
  return l;
}

describe('reminder talks: the cited post is the one in force at the year end', () => {
  it('a secretary who is also head (书记兼镇长) cites the secretary post once, beside the score and the talk', () => {
    const l = towns();
    l.cadre('S');
    const head = l.appoint('S', '2016-01-01', 'T01', 'HEAD');
    const sec = l.appoint('S', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    const talk = l.add('cadre-L', 'TalkHeld', '2025-03-01', { kind: 'REMINDER', withCadreId: 'S' });
    const r = reminderTalksReport(ledgerFactsOf(l.events), { year: 2024 });
    const c = r.townships[0]!.chiefs;
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ role: 'PARTY_SECRETARY', postEventId: sec });
    expect(c[0]!.evidence).toEqual([r.townships[0]!.scoreEventId, sec, talk]);
    expect(c[0]!.evidence).not.toContain(head);
  });

  it('an appointment retracted and recorded again: the record in force is cited; as known before the retraction, the first', () => {
    const l = towns();
    l.cadre('S');
    const wrong = l.appoint('S', '2016-01-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2016-01-01T01:00:00.000Z' });
    l.retract('S', '2025-04-01', wrong, { recordedAt: '2025-04-01T01:00:00.000Z' });
    const right = l.appoint('S', '2016-03-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2025-04-01T02:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    expect(reminderTalksReport(facts, { year: 2024 }).townships[0]!.chiefs[0]!.postEventId).toBe(right);
    expect(reminderTalksReport(facts, { year: 2024, knownAt: '2025-03-01T00:00:00Z' }).townships[0]!.chiefs[0]!.postEventId).toBe(wrong);
    const f = measureFindings(facts, { asOf: d('2025-06-01'), rule: 'TM7.reminder-talk' }).find((x) => x.cadreId === 'S')!;
    expect(f.evidence).toContain(right);
    expect(f.evidence).not.toContain(wrong);
  });

  it('a chief appointed after the year end is not listed; the predecessor at the year end is, with the predecessor post', () => {
    const l = towns();
    l.cadre('P');
    l.cadre('N');
    const pPost = l.appoint('P', '2016-01-01', 'T01', 'PARTY_SECRETARY');
    l.remove('P', '2025-01-10', 'T01', 'PARTY_SECRETARY');
    l.appoint('N', '2025-01-10', 'T01', 'PARTY_SECRETARY');
    const c = reminderTalksReport(ledgerFactsOf(l.events), { year: 2024 }).townships[0]!.chiefs;
    expect(c.map((x) => [x.cadreId, x.postEventId])).toEqual([['P', pPost]]);
  });

  it('a chief reached by a transfer (head → secretary) cites the transfer', () => {
    const l = towns();
    l.cadre('S');
    l.appoint('S', '2016-01-01', 'T01', 'HEAD');
    const tr = l.transfer('S', '2020-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    expect(reminderTalksReport(ledgerFactsOf(l.events), { year: 2024 }).townships[0]!.chiefs[0]!.postEventId).toBe(tr);
  });
});

describe('TM5 election finding: posts cited', () => {
  it('a secretary elected to two bodies: the post is cited once; the corrected appointment is the one cited', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D1', 'COUNTY_DEPARTMENT');
    l.unit('D2', 'COUNTY_DEPARTMENT');
    for (const c of ['S', 'H1', 'H2']) l.cadre(c);
    const wrong = l.appoint('S', '2016-01-01', 'T01', 'PARTY_SECRETARY');
    l.retract('S', '2020-01-01', wrong);
    const right = l.appoint('S', '2016-02-01', 'T01', 'PARTY_SECRETARY');
    const h1 = l.appoint('H1', '2016-01-01', 'D1', 'HEAD');
    const h2 = l.appoint('H2', '2016-01-01', 'D2', 'HEAD');
    const s1 = l.add('cadre-S', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const s2 = l.add('cadre-S', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PARTY_CONGRESS', level: 'MUNICIPAL' });
    const a = l.add('cadre-H1', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const b = l.add('cadre-H2', 'RepresentativeSeatTaken', '2022-01-10', { body: 'CPPCC', level: 'MUNICIPAL' });
    const f = measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5' }).find((x) => x.rule === 'TM5.municipal-election');
    // 1 secretary (one person, two seats) < 2 heads
    expect(f?.evidence).toEqual([s1, right, s2, a, h1, b, h2]);
  });
});
