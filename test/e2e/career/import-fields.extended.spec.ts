/**
 * Every field EVENTS.md documents for an import line and each event type's data, optional ones
 * included, is taken by the import (as ADMIN), and values of the wrong kind are refused naming the field.
 */
import { startApi, type ApiHarness } from '../../support/api-harness';

const education = { level: 'MASTER', fullTime: false, doubleFirstClass: true };
const approval = { level: 'MUNICIPAL', ref: '市组〔2015〕3号' };
const L = (id: string, type: string, addr: Record<string, string>, effectiveDate: string, data: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ id, type, ...addr, effectiveDate, documentRef: `文〔${id}〕`, data, ...extra });
const A = { cadreId: 'A' };
const GOOD = [
  L('ou-t', 'OrgUnitRegistered', { orgUnitId: 'T01' }, '2000-01-01', { name: '青山镇', kind: 'TOWNSHIP', assessmentClass: 2 }),
  L('ou-t2', 'OrgUnitRegistered', { orgUnitId: 'T02' }, '2000-01-01', { name: '绿水乡', kind: 'TOWNSHIP', assessmentClass: 3 }),
  L('ou-d', 'OrgUnitRegistered', { orgUnitId: 'D01' }, '2000-01-01', { name: '县财政局', kind: 'COUNTY_DEPARTMENT' }),
  L('reg-a', 'CadreRegistered', A, '2000-01-01', { name: '张三', gender: 'F', birthDate: '1978-05-06', education, workStartDate: '1999-07-01' }),
  L('reg-b', 'CadreRegistered', { cadreId: 'B' }, '2000-01-01', { name: '李四', gender: 'M', birthDate: '1979-05-06', education }),
  L('rank', 'RankSet', A, '2005-01-01', { rank: 'PRINCIPAL_STAFF_2' }),
  L('ap1', 'AppointedToPost', A, '2010-01-01', { orgUnitId: 'T01', role: 'HEAD', approval }),
  L('ap-b', 'AppointedToPost', { cadreId: 'B' }, '2010-01-01', { orgUnitId: 'T02', role: 'PARTY_SECRETARY' }),
  L('score', 'TownshipPerformanceScored', { orgUnitId: 'T01' }, '2011-01-20', { year: 2010, score: 91.5 }),
  L('rate', 'CountyDepartmentRated', { orgUnitId: 'D01' }, '2011-01-20', { year: 2010, ratedByCadreId: 'A', scores: { work: 90, management: 80, service: 70 } }),
  L('assess', 'AnnualAssessmentRecorded', A, '2011-01-15', { year: 2010, grade: 'EXCELLENT' }),
  L('train', 'TrainingCompleted', A, '2011-03-01', { programme: '乡镇长培训班', level: 'PROVINCIAL' }),
  L('talk', 'TalkHeld', A, '2011-04-01', { kind: 'REMINDER', withCadreId: 'B' }),
  L('hc', 'HealthCheckCompleted', A, '2011-05-01', {}),
  L('rec', 'LeaderRecommended', { cadreId: 'B' }, '2011-06-01', { recommendedCadreId: 'A', forPost: '副镇长', reason: '实绩突出' }),
  L('seat', 'RepresentativeSeatTaken', A, '2011-07-01', { body: 'PARTY_CONGRESS', level: 'COUNTY', committeeMember: true }),
  L('seat-end', 'RepresentativeSeatEnded', A, '2016-07-01', { body: 'PARTY_CONGRESS', level: 'COUNTY' }),
  // A cycle goes with the Excellent Township Party Secretary only (TM10; award OTHER with one is refused).
  L('comm', 'Commended', A, '2012-01-01', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', title: '优秀乡镇党委书记', cycle: '2011-2015', level: 'MUNICIPAL', especiallyOutstanding: false }),
  L('tp', 'TemporaryPostingStarted', A, '2012-03-01', { host: '省发改委', kind: 'HIGHER_ORGAN', plannedEndDate: '2012-09-01' }),
  L('tp-end', 'TemporaryPostingEnded', A, '2012-09-01', {}),
  L('sec', 'SecondmentStarted', A, '2013-03-01', { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: '2013-09-01', approval: { level: 'COUNTY', ref: '县委〔2013〕2号' } }),
  L('sec-end', 'SecondmentEnded', A, '2013-09-01', {}),
  L('san', 'SanctionImposed', A, '2014-01-01', { sanctionId: 'S1', kind: 'ADMONISHMENT', grounds: '工作失职' }),
  L('appeal', 'AppealFiled', { appealId: 'AP1' }, '2014-01-10', { appealId: 'AP1', cadreId: 'A', targetEventId: 'san', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2014-01-05' }),
  L('appeal-d', 'AppealDecided', { appealId: 'AP1' }, '2014-02-01', { appealId: 'AP1', outcome: 'UPHELD', reasoning: '事实不清' }),
  L('resc', 'SanctionRescinded', A, '2014-02-10', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'AP1' }),
  L('tr', 'Transferred', A, '2015-01-01', { from: { orgUnitId: 'T01', role: 'HEAD' }, to: { orgUnitId: 'T02', role: 'HEAD' }, approval }),
  L('out', 'RemovedFromPost', A, '2020-01-01', { orgUnitId: 'T02', role: 'HEAD', reason: 'TRANSFER', approval }),
  L('promo', 'RankPromoted', A, '2020-02-01', { fromRank: 'PRINCIPAL_STAFF_2', toRank: 'PRINCIPAL_STAFF_1', basis: 'REGULAR', quota: 'VACANCY' }, { override: { reason: '县委常委会研究决定' } }),
  L('retr', 'EntryRetracted', A, '2020-03-01', { targetEventId: 'hc', reason: '录入错误' }),
];

describe('every documented field', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('import_fields');
  }, 60000);
  afterAll(async () => api?.close());

  it('given one line of every event type with its optional fields, then every line is accepted', async () => {
    const r = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: GOOD.join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.body.rejected.map((x: any) => `${x.line}:${x.id}:${x.code}:${x.message}`)).toEqual([]);
    expect(r.body.accepted).toBe(GOOD.length);
  });

  it('given the lines imported, then each is stored as written: its data, document number, date and type', async () => {
    const rows = await api.db.sql`select event_id, type, effective_date::text as d, document_ref, data, correlation_id, actor from events where causation_id is null or causation_id = event_id or event_id = any(${GOOD.map((l) => JSON.parse(l).id)}::text[])`;
    const byId = new Map(rows.map((r: any) => [r.event_id, r]));
    const departures: string[] = [];
    for (const line of GOOD) {
      const l = JSON.parse(line);
      const row: any = byId.get(l.id);
      if (!row) { departures.push(`${l.id}: not stored`); continue; }
      if (row.type !== l.type) departures.push(`${l.id}: type ${row.type}`);
      if (row.d !== l.effectiveDate) departures.push(`${l.id}: date ${row.d}`);
      if (row.document_ref !== l.documentRef) departures.push(`${l.id}: documentRef ${row.document_ref}`);
      for (const [k, v] of Object.entries(l.data as Record<string, unknown>)) if (JSON.stringify(row.data[k]) !== JSON.stringify(v) && !(typeof v === 'object' && JSON.stringify(Object.entries(v as object).sort()) === JSON.stringify(Object.entries(row.data[k] ?? {}).sort()))) departures.push(`${l.id}: data.${k} ${JSON.stringify(row.data[k])}`);
    }
    expect(departures).toEqual([]);
  });

  it.each([
    ['a year as a string', L('w1', 'AnnualAssessmentRecorded', A, '2012-01-15', { year: '2011', grade: 'COMPETENT' }), 'data.year'],
    ['a fractional year', L('w2', 'AnnualAssessmentRecorded', A, '2012-01-15', { year: 2011.5, grade: 'COMPETENT' }), 'data.year'],
    ['a score as a string', L('w3', 'TownshipPerformanceScored', { orgUnitId: 'T01' }, '2012-01-20', { year: 2011, score: '90' }), 'data.score'],
    ['a rating over 100', L('w4', 'CountyDepartmentRated', { orgUnitId: 'D01' }, '2012-01-20', { year: 2011, ratedByCadreId: 'B', scores: { work: 101, management: 80, service: 70 } }), 'data.scores.work'],
    ['assessmentClass 4', L('w5', 'OrgUnitRegistered', { orgUnitId: 'T09' }, '2000-01-01', { name: '某乡', kind: 'TOWNSHIP', assessmentClass: 4 }), 'data.assessmentClass'],
    ['fullTime as a string', L('w6', 'CadreRegistered', { cadreId: 'Z' }, '2000-01-01', { name: '王五', gender: 'M', birthDate: '1980-01-01', education: { ...education, fullTime: 'true' } }), 'data.education.fullTime'],
    ['an impossible date', L('w7', 'HealthCheckCompleted', A, '2011-02-30', {}), 'effectiveDate'],
    ['committeeMember as a number', L('w8', 'RepresentativeSeatTaken', A, '2017-07-01', { body: 'CPPCC', level: 'COUNTY', committeeMember: 1 }), 'data.committeeMember'],
  ])('given %s, then the line is refused RULE_I_SCHEMA naming the field', async (_, line, field) => {
    const r = await api.request('POST', '/v1/import', { role: 'ADMIN', rawBody: line, headers: { 'content-type': 'application/x-ndjson' } });
    expect(r.body.rejected.map((x: any) => ({ code: x.code, field: x.field }))).toEqual([{ code: 'RULE_I_SCHEMA', field }]);
  });
});
