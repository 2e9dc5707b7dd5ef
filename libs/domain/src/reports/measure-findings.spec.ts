import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { complianceFindings } from '../read-models/compliance';
import { measureFindings, ruleMatches, unitsOfCadreOn } from './measure-findings';
import { reminderTalksReport } from './reminder-talks';
import { secretarySeatsReport } from './secretary-seats';
import { trainingReport } from './training';

describe('findings of the ten measures and N4', () => {
  function ledger() {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    l.rank('A', '2018-01-01', 'PRINCIPAL_STAFF_2');
    const grade = l.grade('A', 2021, 'EXCELLENT', { date: '2021-12-20' });
    const warning = l.sanction('A', '2021-12-30', 's1', 'WARNING'); // recorded after the grade
    const inPost = l.add('cadre-A', 'RankPromoted', '2022-06-01', { fromRank: 'PRINCIPAL_STAFF_2', toRank: 'PRINCIPAL_STAFF_1', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'COUNTY_POOL' });
    const secretary = l.add('cadre-A', 'RankPromoted', '2024-06-01', { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'RESEARCHER_4', basis: 'EXCELLENT_SECRETARY', quota: 'VACANCY' });
    return { l, grade, warning, inPost, secretary };
  }

  it('N4: a grade recorded before the sanction that forbids it', () => {
    const { l, grade, warning } = ledger();
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'N4' })).toEqual([
      expect.objectContaining({ kind: 'MEASURE', rule: 'N4', cadreId: 'A', year: 2021, evidence: [grade, warning] }),
    ]);
  });

  it('N4 and TM10: a finding about one cadre’s record belongs to the unit the cadre held a post in on its date, so a township’s findings list it (found by a review: 全县)', () => {
    const { l } = ledger();
    l.unit('T02');
    const facts = ledgerFactsOf(l.events);
    for (const rule of ['N4', 'TM10']) {
      expect([rule, measureFindings(facts, { asOf: d('2025-01-01'), rule }).map((f) => f.orgUnitId)]).toEqual([rule, ['T01']]);
      expect([rule, measureFindings(facts, { asOf: d('2025-01-01'), rule, orgUnitId: 'T01' }).length]).toEqual([rule, 1]);
      expect([rule, measureFindings(facts, { asOf: d('2025-01-01'), rule, orgUnitId: 'T02' })]).toEqual([rule, []]);
    }
  });

  it('N4: a grade and its sanction written in one batch (one recordedAt) are told apart by append order (T2)', () => {
    const at = { recordedAt: '2022-01-05T02:00:00.000Z' };
    const gradeFirst = new SpecLedger();
    gradeFirst.unit('T01');
    gradeFirst.cadre('A');
    const grade = gradeFirst.grade('A', 2021, 'EXCELLENT', { date: '2021-12-20', ...at });
    const warning = gradeFirst.sanction('A', '2021-12-30', 's1', 'WARNING', at);
    // Found by a review: compared by recordedAt, a grade appended before the sanction in the same batch was no finding.
    expect(measureFindings(ledgerFactsOf(gradeFirst.events), { asOf: d('2025-01-01'), rule: 'N4' })).toEqual([
      expect.objectContaining({ rule: 'N4', cadreId: 'A', year: 2021, evidence: [grade, warning] }),
    ]);
    const sanctionFirst = new SpecLedger();
    sanctionFirst.unit('T01');
    sanctionFirst.cadre('A');
    sanctionFirst.sanction('A', '2021-12-30', 's1', 'WARNING', at);
    sanctionFirst.grade('A', 2021, 'EXCELLENT', { date: '2021-12-20', ...at }); // checked on write against the sanction (an override, or refused)
    expect(measureFindings(ledgerFactsOf(sanctionFirst.events), { asOf: d('2025-01-01'), rule: 'N4' })).toEqual([]);
  });

  it('N4: a rescinded sanction no longer makes the grade a finding', () => {
    const { l } = ledger();
    l.rescind('A', '2022-03-01', 's1');
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'N4' })).toEqual([]);
  });

  it('TM6b: an in-post promotion of a cadre not eligible on its date; TM10: an excellent-secretary basis without a commendation', () => {
    const { l, inPost, secretary } = ledger();
    const findings = measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01') });
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'TM6b', cadreId: 'A', date: '2022-06-01', evidence: expect.arrayContaining([inPost]) }));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'TM10', cadreId: 'A', date: '2024-06-01', evidence: [secretary] }));
    l.add('cadre-A', 'Commended', '2024-05-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'TM10' })).toEqual([]);
  });

  it.each([
    ['2024-05-31', 0],
    ['2024-06-01', 0],
    ['2024-06-02', 1],
  ])('TM10: given the excellent-secretary promotion of 2024-06-01 and the commendation dated %s, then %i finding (the commendation counts on or before the promotion’s date)', (commendedOn, count) => {
    const { l } = ledger();
    l.add('cadre-A', 'Commended', commendedOn, { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'TM10' })).toHaveLength(count);
  });

  it.each([
    ['PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1', 0],
    ['PRINCIPAL_STAFF_1', 'RESEARCHER_4', 0],
    ['RESEARCHER_4', 'RESEARCHER_3', 1],
  ] as const)('TM10: given a commended secretary promoted on that basis from %s to %s, then %i finding (up to 四级调研员, not beyond)', (fromRank, toRank, count) => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('A');
    l.appoint('A', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    l.rank('A', '2018-01-01', fromRank);
    l.add('cadre-A', 'Commended', '2024-05-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' });
    l.add('cadre-A', 'RankPromoted', '2024-06-01', { fromRank, toRank, basis: 'EXCELLENT_SECRETARY', quota: 'VACANCY' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-01-01'), rule: 'TM10' })).toHaveLength(count);
  });

  it('TM10: a commended secretary promoted on that basis beyond 四级调研员 (found by a review)', () => {
    const { l } = ledger();
    l.add('cadre-A', 'Commended', '2024-05-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' });
    const beyond = l.add('cadre-A', 'RankPromoted', '2025-06-01', { fromRank: 'RESEARCHER_4', toRank: 'RESEARCHER_3', basis: 'EXCELLENT_SECRETARY', quota: 'VACANCY' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-12-31'), rule: 'TM10' })).toEqual([
      expect.objectContaining({ rule: 'TM10', cadreId: 'A', date: '2025-06-01', evidence: [beyond], detail: expect.stringContaining('由四级调研员晋升为三级调研员，超出该措施“优先晋升至四级调研员”的范围') }),
    ]);
  });

  it('filters by rule (with refinements), township and year; TM1/TM3/TM8 findings carry their rule ids', () => {
    const { l } = ledger();
    const facts = ledgerFactsOf(l.events);
    const tm1 = measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM1' });
    expect(tm1.map((f) => f.rule).sort()).toEqual(['TM1.chiefs-under-35', 'TM1.member-under-30']);
    expect(measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM3', year: 2024 }).map((f) => f.rule).sort()).toEqual(['TM3.chief-yearly', 'TM3.leader-cycle']);
    expect(measureFindings(facts, { asOf: d('2025-01-01'), rule: 'TM8.health-check', year: 2024, orgUnitId: 'T01' })).toEqual([expect.objectContaining({ rule: 'TM8.health-check', orgUnitId: 'T01', cadreId: 'A', year: 2024 })]);
    expect(measureFindings(facts, { asOf: d('2025-01-01'), year: 2023, rule: 'N4' })).toEqual([]);
    expect(ruleMatches('TM1.chief-experience', 'TM1')).toBe(true);
    expect(ruleMatches('TM10', 'TM1')).toBe(false);
  });

  it('TM7/T4: the year findings read what is in effect on asOf: a score from its date, a talk from its date (day before, day of, day after)', () => {
    const l = new SpecLedger();
    l.unit('CL', 'COUNTY_LEADERSHIP', '县委');
    l.cadre('L');
    l.appoint('L', '2015-01-01', 'CL', 'TEAM_MEMBER');
    l.unit('T01');
    l.cadre('S1');
    const post = l.appoint('S1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const score = l.score('T01', 2024, 50); // effective 2025-02-01
    l.add('cadre-L', 'TalkHeld', '2025-09-01', { kind: 'REMINDER', withCadreId: 'S1' });
    const facts = ledgerFactsOf(l.events);
    const tm7 = (asOf: string) => measureFindings(facts, { asOf: d(asOf), rule: 'TM7', year: 2024 }).map((f) => f.cadreId);
    expect(tm7('2025-01-31')).toEqual([]); // no score in effect yet
    expect(tm7('2025-02-01')).toEqual(['S1']);
    // The finding cites the score and the post that makes S1 a chief (found by a review: the score alone)
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM7', year: 2024 })[0]!.evidence).toEqual([score, post]);
    expect(tm7('2025-08-31')).toEqual(['S1']); // the talk is scheduled, not held
    expect(tm7('2025-09-01')).toEqual([]);
    expect(tm7('2025-09-02')).toEqual([]);
  });

  it('TM7: while some townships have no score of the year, the lowest are not known: one county finding names the missing scores, none names a chief (found by a review: 1 of 12 scored was 居后)', () => {
    const l = new SpecLedger();
    l.unit('T01', 'TOWNSHIP', '福店镇');
    l.unit('T02', 'TOWNSHIP', '青山镇');
    l.cadre('S1');
    l.appoint('S1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    const first = l.score('T01', 2024, 90); // effective 2025-02-01
    const tm7 = (asOf: string) => measureFindings(ledgerFactsOf(l.events), { asOf: d(asOf), rule: 'TM7', year: 2024 });
    // Given only 福店镇 scored, then the finding is the missing score, at county level
    expect(tm7('2025-03-01')).toEqual([
      expect.objectContaining({ rule: 'TM7.reminder-talk', orgUnitId: null, cadreId: null, detail: expect.stringContaining('1 个乡镇未录入：青山镇（T02）'), evidence: [first] }),
    ]);
    // A township's own findings do not carry the county's
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2025-03-01'), rule: 'TM7', year: 2024, orgUnitId: 'T01' })).toEqual([]);
    // Once 青山镇 is scored too, the chiefs of the lowest are named
    l.score('T02', 2024, 95);
    expect(tm7('2025-03-01').map((f) => f.cadreId)).toEqual(['S1']);
    // A township registered after 2024 owes no 2024 score (found by a diff review): registered on
    // 2024-12-31 it does, on 2025-01-01 it does not
    l.add('orgunit-T04', 'OrgUnitRegistered', '2025-01-01', { name: '新区镇', kind: 'TOWNSHIP' });
    expect(tm7('2025-03-01').map((f) => f.cadreId)).toEqual(['S1']);
    l.add('orgunit-T03', 'OrgUnitRegistered', '2024-12-31', { name: '东湖镇', kind: 'TOWNSHIP' });
    expect(tm7('2025-03-01')).toEqual([expect.objectContaining({ cadreId: null, detail: expect.stringContaining('东湖镇（T03）') })]);
  });

  it('TM3/TM8: a year not yet over on asOf has no findings; on its last day it has', () => {
    const { l } = ledger();
    const facts = ledgerFactsOf(l.events);
    const rules = (asOf: string) => [...new Set(measureFindings(facts, { asOf: d(asOf), year: 2024 }).filter((f) => /^TM[38]/.test(f.rule)).map((f) => f.rule.slice(0, 3)))].sort();
    expect(rules('2024-12-30')).toEqual([]);
    expect(rules('2024-12-31')).toEqual(['TM3', 'TM8']);
    expect(rules('2025-01-01')).toEqual(['TM3', 'TM8']);
  });

  /** S, secretary of T01; H1 and H2, heads of two county departments. */
  function secretaryAndTwoHeads(): SpecLedger {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
    l.unit('D02', 'COUNTY_DEPARTMENT', '县交通局');
    for (const c of ['S', 'H1', 'H2']) l.cadre(c);
    l.appoint('S', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    l.appoint('H1', '2015-01-01', 'D01', 'HEAD');
    l.appoint('H2', '2015-01-01', 'D02', 'HEAD');
    return l;
  }

  it('TM5: a municipal election with fewer township secretaries than county department heads elected', () => {
    const l = secretaryAndTwoHeads();
    const seatS = l.add('cadre-S', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const seatH1 = l.add('cadre-H1', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    const one = measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5.municipal-election' });
    expect(one).toEqual([]); // 1 secretary, 1 head: as many
    const seatH2 = l.add('cadre-H2', 'RepresentativeSeatTaken', '2022-01-10', { body: 'CPPCC', level: 'MUNICIPAL' });
    // Each seat is cited beside the post that makes its holder a secretary or a head (found by a review: the seats alone)
    const [postS, postH1, postH2] = ['S', 'H1', 'H2'].map((c) => l.events.find((e) => e.streamId === `cadre-${c}` && e.type === 'AppointedToPost')!.eventId);
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5' })).toContainEqual(
      expect.objectContaining({ rule: 'TM5.municipal-election', date: '2022-01-10', year: 2022, evidence: [seatS, postS, seatH1, postH1, seatH2, postH2] }),
    );
  });

  it.each([
    [1, 1],
    [2, 0],
    [3, 0],
  ])('TM5: given two county department heads elected to municipal seats and %i township secretaries, then %i finding (at least as many secretaries)', (secretaries, count) => {
    const l = secretaryAndTwoHeads();
    for (const c of ['S2', 'S3']) l.cadre(c);
    l.unit('T02');
    l.unit('T03');
    l.appoint('S2', '2015-01-01', 'T02', 'PARTY_SECRETARY');
    l.appoint('S3', '2015-01-01', 'T03', 'PARTY_SECRETARY');
    for (const c of ['H1', 'H2', ...['S', 'S2', 'S3'].slice(0, secretaries)]) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5.municipal-election' })).toHaveLength(count);
  });

  it.each([
    ['2022-01-09', 1],
    ['2022-01-10', 1],
    ['2022-01-11', 0],
  ])('TM5: given the secretary elected with one head on 2022-01-10 and removed from the post on %s, then %i finding (T2: a post is no longer held on its removal date)', (removedOn, count) => {
    const l = secretaryAndTwoHeads();
    l.remove('S', removedOn, 'T01', 'PARTY_SECRETARY');
    for (const c of ['S', 'H1']) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5.municipal-election' })).toHaveLength(count);
  });

  it('TM5: people are counted, not seats (found by a review)', () => {
    const election = (seats: Record<string, number>) => {
      const l = secretaryAndTwoHeads();
      const bodies = ['PARTY_CONGRESS', 'PEOPLES_CONGRESS'] as const;
      for (const [c, n] of Object.entries(seats)) for (let i = 0; i < n; i++) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2021-05-01', { body: bodies[i], level: 'MUNICIPAL' });
      return measureFindings(ledgerFactsOf(l.events), { asOf: d('2021-06-01'), rule: 'TM5.municipal-election' }).map((f) => f.detail);
    };
    // One secretary with two seats against two heads: fewer people.
    expect(election({ S: 2, H1: 1, H2: 1 })).toEqual(['2021-05-01 市级“两代表一委员”选举：乡镇党委书记 1 人，少于县级部门主要负责人 2 人']);
    // One head with two seats against one secretary: as many people.
    expect(election({ S: 1, H1: 2 })).toEqual([]);
  });

  it.each([['PROVINCIAL', '省级'], ['NATIONAL', '国家级']] as const)('TM5: an election of %s seats is one above the county too (source: 推荐市级及以上, found by a review)', (level, zh) => {
    const l = secretaryAndTwoHeads();
    for (const c of ['H1', 'H2']) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level });
    l.add('cadre-S', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5.municipal-election' }).map((f) => f.detail)).toEqual([
      `2022-01-10 ${zh}“两代表一委员”选举：乡镇党委书记 1 人，少于县级部门主要负责人 2 人`,
    ]);
  });

  it('TM5: seats of two levels taken on one day are two elections, each counted on its own', () => {
    const l = secretaryAndTwoHeads();
    for (const c of ['S', 'H1']) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'MUNICIPAL' });
    l.add('cadre-H2', 'RepresentativeSeatTaken', '2022-01-10', { body: 'PEOPLES_CONGRESS', level: 'PROVINCIAL' });
    expect(measureFindings(ledgerFactsOf(l.events), { asOf: d('2023-01-01'), rule: 'TM5.municipal-election' }).map((f) => f.detail)).toEqual(['2022-01-10 省级“两代表一委员”选举：乡镇党委书记 0 人，少于县级部门主要负责人 1 人']);
  });

  it.each([
    [0, 1],
    [1, 1],
    [2, 0],
  ])('TM5: an election of county committee members (县委委员) with two department heads and %i secretaries elected gives %i finding (source: 选举产生县委委员, found by a review)', (secretaries, count) => {
    const l = secretaryAndTwoHeads();
    l.cadre('S2');
    l.unit('T02');
    l.appoint('S2', '2015-01-01', 'T02', 'PARTY_SECRETARY');
    for (const c of ['H1', 'H2', ...['S', 'S2'].slice(0, secretaries)]) l.add(`cadre-${c}`, 'RepresentativeSeatTaken', '2021-09-01', { body: 'PARTY_CONGRESS', level: 'COUNTY', committeeMember: true });
    // County seats without the committee (an ordinary county congress election) are no such election, nor is a seat above the county marked so.
    l.add('cadre-H1', 'RepresentativeSeatTaken', '2021-10-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY' });
    l.add('cadre-H2', 'RepresentativeSeatTaken', '2021-11-01', { body: 'PARTY_CONGRESS', level: 'MUNICIPAL', committeeMember: true });
    const found = measureFindings(ledgerFactsOf(l.events), { asOf: d('2022-01-01'), rule: 'TM5.committee-election' });
    expect(found).toHaveLength(count);
    if (count === 1) expect(found[0]!.detail).toBe(`2021-09-01 县委委员选举：乡镇党委书记 ${secretaries} 人，少于县级部门主要负责人 2 人`);
  });
});

describe('an override on a cadre’s event belongs to the townships of the posts the cadre held on its date (found by a review: --township left it out)', () => {
  // X: party secretary of T01 from 2019-01-01; a promotion from the county pool without the basis
  // TM6a asks for, overridden, on the date given.
  it.each([
    ['2018-12-31', false],
    ['2019-01-01', true],
    ['2019-01-02', true],
  ])('a TM6a override dated %s is listed under T01: %s', (date, listed) => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.cadre('X');
    l.appoint('X', '2019-01-01', 'T01', 'PARTY_SECRETARY');
    const promotion = l.add('cadre-X', 'RankPromoted', date, { fromRank: 'PRINCIPAL_STAFF_2', toRank: 'PRINCIPAL_STAFF_1', basis: 'REGULAR', quota: 'COUNTY_POOL' });
    const events = l.events.map((e) => (e.eventId === promotion ? { ...e, override: { reason: '县委常委会研究决定', rules: ['TM6a'] } } : e));
    const units = unitsOfCadreOn(ledgerFactsOf(events), undefined);
    const under = (orgUnitId: string) => complianceFindings(events, { asOf: d('2025-01-01'), orgUnitId }, units).map((f) => f.evidence[0]);
    expect(under('T01')).toEqual(listed ? [promotion] : []);
    expect(under('T02')).toEqual([]);
    // Without the career facts, as before: only the units the event names.
    expect(complianceFindings(events, { asOf: d('2025-01-01'), orgUnitId: 'T01' })).toEqual([]);
  });
});


describe('a duty owed once by a chief of two townships at once is one finding (found by a review: TM3 and TM5 listed it under each township)', () => {
  function secretaryOfTwoTownships() {
    const l = new SpecLedger();
    l.unit('T1');
    l.unit('T2');
    l.cadre('S');
    l.appoint('S', '2015-01-01', 'T1', 'PARTY_SECRETARY');
    l.appoint('S', '2016-01-01', 'T2', 'PARTY_SECRETARY');
    return ledgerFactsOf(l.events);
  }
  it('given a secretary of T1 and T2 with no training in 2024, when the 2024 findings are read, then one TM3.chief-yearly and one TM3.leader-cycle finding, under T1; each township still counts its chief as missing', () => {
    const facts = secretaryOfTwoTownships();
    const findings = measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM3' }).filter((f) => f.cadreId === 'S');
    expect(findings.map((f) => [f.rule, f.orgUnitId])).toEqual([
      ['TM3.chief-yearly', 'T1'],
      ['TM3.leader-cycle', 'T1'],
    ]);
    expect(trainingReport(facts, { year: 2024 }).townships.map((t) => [t.orgUnitId, t.chiefsMissing, t.leadersMissing])).toEqual([
      ['T1', 1, 1],
      ['T2', 1, 1],
    ]);
  });
  it('given a secretary of T1 and T2 with no county seat, when the findings are read, then one TM5.secretary-seat finding; the seats report still lists each township’s secretary', () => {
    const facts = secretaryOfTwoTownships();
    expect(measureFindings(facts, { asOf: d('2025-02-01'), rule: 'TM5.secretary-seat' }).filter((f) => f.cadreId === 'S')).toHaveLength(1);
    expect(secretarySeatsReport(facts, { asOf: d('2025-02-01') }).secretaries.map((s) => s.orgUnitId)).toEqual(['T1', 'T2']);
  });
});

describe('TM7 units of an assessment class, asked while the year runs (T4; found by a review)', () => {
  const units = (asOf: string) => {
    const l = new SpecLedger();
    l.add('orgunit-T9', 'OrgUnitRegistered', '2025-09-01', { name: '新镇', kind: 'TOWNSHIP', assessmentClass: 1 }, { recordedAt: '2025-03-01T00:00:00.000Z' });
    return reminderTalksReport(ledgerFactsOf(l.events), { year: 2025, asOf: d(asOf) }).excellentByClass[0]!.townships.units;
  };
  it('given a class-1 township registered effective 2025-09-01, when the 2025 report is read on 2025-08-31 / 2025-09-01 / 2025-09-02, then it counts from 2025-09-01', () => {
    expect([units('2025-08-31'), units('2025-09-01'), units('2025-09-02')]).toEqual([0, 1, 1]);
  });
});
