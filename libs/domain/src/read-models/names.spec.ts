/**
 * Names beside ids (names.ts): the name of the latest registration known at `knownAt`. The ledger
 * has no rename event; a name changes by a retraction of the registration and a new one (a
 * correction for the whole history), so the boundaries are instants of knowledge, not dates.
 */
import { excellentSecretaryCandidatesFromFacts } from './candidates';
import { inPostPromotionEligibilityFromFacts } from './eligibility';
import { namedComplianceFinding } from './finding-names';
import { knownFilter } from './known-view';
import { ledgerFactsOf } from './ledger-facts';
import { knownCadreName, knownOrgUnitName, nameLookup, namedZh, orgUnitDirectory } from './names';
import { d, SpecLedger } from './spec-ledger';
import { tenureFromFacts } from './tenure';
import { measureFindings } from '../reports/measure-findings';

const RETRACTED_AT = '2022-05-01T02:00:00.000Z';
const CORRECTED_AT = '2022-05-10T02:00:00.000Z';
const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();
const after = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();

/** 福店镇 first registered as 福甸镇, and 李明 as 李名: both corrected in May 2022. */
function correctedLedger(): SpecLedger {
  const l = new SpecLedger();
  const wrongUnit = l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: '福甸镇', kind: 'TOWNSHIP' }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  const wrongCadre = l.add('cadre-C1', 'CadreRegistered', '2000-01-01', {
    name: '李名',
    gender: 'M',
    birthDate: d('1975-05-05'),
    education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false },
  }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  l.appoint('C1', '2012-01-01', 'T01', 'PARTY_SECRETARY');
  l.add('orgunit-T01', 'EntryRetracted', '2022-05-01', { targetEventId: wrongUnit, reason: '名称录入错误' }, { recordedAt: RETRACTED_AT });
  l.retract('C1', '2022-05-01', wrongCadre, { recordedAt: RETRACTED_AT });
  l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: '福店镇', kind: 'TOWNSHIP' }, { recordedAt: CORRECTED_AT });
  l.add('cadre-C1', 'CadreRegistered', '2000-01-01', {
    name: '李明',
    gender: 'M',
    birthDate: d('1975-05-05'),
    education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false },
  }, { recordedAt: CORRECTED_AT });
  return l;
}

describe('names beside ids (knownCadreName, knownOrgUnitName)', () => {
  const facts = ledgerFactsOf(correctedLedger().events);
  const at = (knownAt?: string) => knownFilter(facts, knownAt);

  it('given a registration, then its name; an id never registered has none (null)', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('C1');
    const plain = ledgerFactsOf(l.events);
    expect(knownOrgUnitName(plain, knownFilter(plain), 'T01')).toBe('T01镇');
    expect(knownCadreName(plain, knownFilter(plain), 'C1')).toBe('干部C1');
    expect(knownOrgUnitName(plain, knownFilter(plain), 'T99')).toBeNull();
    expect(knownCadreName(plain, knownFilter(plain), 'C99')).toBeNull();
  });

  it('given a registration retracted, then the old name up to the instant before the retraction, none from the retraction on', () => {
    expect(knownOrgUnitName(facts, at(before(RETRACTED_AT)), 'T01')).toBe('福甸镇');
    expect(knownCadreName(facts, at(before(RETRACTED_AT)), 'C1')).toBe('李名');
    expect(knownOrgUnitName(facts, at(RETRACTED_AT), 'T01')).toBeNull();
    expect(knownCadreName(facts, at(after(RETRACTED_AT)), 'C1')).toBeNull();
  });

  it('given the corrected registration, then the corrected name from the instant it was recorded (before / at / after)', () => {
    expect(knownOrgUnitName(facts, at(before(CORRECTED_AT)), 'T01')).toBeNull();
    expect(knownOrgUnitName(facts, at(CORRECTED_AT), 'T01')).toBe('福店镇');
    expect(knownOrgUnitName(facts, at(after(CORRECTED_AT)), 'T01')).toBe('福店镇');
    expect(knownCadreName(facts, at(before(CORRECTED_AT)), 'C1')).toBeNull();
    expect(knownCadreName(facts, at(CORRECTED_AT), 'C1')).toBe('李明');
    expect(knownCadreName(facts, at(), 'C1')).toBe('李明');
  });

  it('a correction holds for the whole history: answers about a date before it name the corrected name', () => {
    const answer = inPostPromotionEligibilityFromFacts(facts, { asOf: d('2015-06-30') });
    expect(answer.cadres[0]).toMatchObject({ cadreId: 'C1', cadreName: '李明', chiefPosts: [{ orgUnitId: 'T01', orgUnitName: '福店镇' }] });
    const then = inPostPromotionEligibilityFromFacts(facts, { asOf: d('2015-06-30'), knownAt: before(RETRACTED_AT) });
    expect(then.cadres[0]).toMatchObject({ cadreName: '李名', chiefPosts: [{ orgUnitName: '福甸镇' }] });
  });

  it('given a unit and a cadre registered twice without a retraction, then the later registration’s name', () => {
    const l = new SpecLedger();
    l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: '旧名镇', kind: 'TOWNSHIP' });
    l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: '新名镇', kind: 'TOWNSHIP' });
    l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: '福店镇', kind: 'TOWNSHIP' });
    const twice = ledgerFactsOf(l.events);
    expect(knownOrgUnitName(twice, knownFilter(twice), 'T01')).toBe('福店镇');
    expect(nameLookup(twice).orgUnitName('T01')).toBe('福店镇');
  });

  it('the directory (单位名录) lists each unit once by its name as known at knownAt: the retracted name before the retraction, none between, the corrected one after', () => {
    const names = (knownAt?: string) => orgUnitDirectory(facts, at(knownAt)).map((u) => [u.orgUnitId, u.name]);
    expect(names(before(RETRACTED_AT))).toEqual([['T01', '福甸镇']]);
    expect(names(RETRACTED_AT)).toEqual([]);
    expect(names(before(CORRECTED_AT))).toEqual([]);
    expect(names(CORRECTED_AT)).toEqual([['T01', '福店镇']]);
    expect(names()).toEqual([['T01', '福店镇']]);
  });

  it('the directory: every kind in id order, with kind, assessment class and registration date; filtered by kind', () => {
    const l = new SpecLedger();
    l.unit('T02');
    l.add('orgunit-D01', 'OrgUnitRegistered', '2001-03-01', { name: '县农业农村局', kind: 'COUNTY_DEPARTMENT', assessmentClass: 2 });
    l.unit('T01');
    l.add('orgunit-T01', 'OrgUnitRegistered', '2005-06-01', { name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1 });
    const units = ledgerFactsOf(l.events);
    expect(orgUnitDirectory(units)).toEqual([
      { orgUnitId: 'D01', name: '县农业农村局', kind: 'COUNTY_DEPARTMENT', assessmentClass: 2, registeredOn: '2001-03-01' },
      { orgUnitId: 'T01', name: '福店镇', kind: 'TOWNSHIP', assessmentClass: 1, registeredOn: '2005-06-01' },
      expect.objectContaining({ orgUnitId: 'T02', name: 'T02镇', kind: 'TOWNSHIP', assessmentClass: null }),
    ]);
    expect(orgUnitDirectory(units, knownFilter(units), 'COUNTY_DEPARTMENT').map((u) => u.orgUnitId)).toEqual(['D01']);
    expect(orgUnitDirectory(units, knownFilter(units), 'OTHER')).toEqual([]);
  });

  it('namedZh writes the name with its id, or the id alone', () => {
    expect(namedZh('李明', 'C1')).toBe('李明（C1）');
    expect(namedZh(null, 'C1')).toBe('C1');
  });
});

describe('every answer carries cadreName and orgUnitName beside its ids', () => {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('D01', 'COUNTY_DEPARTMENT', '县农业农村局');
  l.cadre('C1');
  l.cadre('C2');
  l.appoint('C1', '2012-01-01', 'T01', 'PARTY_SECRETARY');
  l.grades('C1', { 2021: 'EXCELLENT', 2022: 'COMPETENT', 2023: 'COMPETENT', 2024: 'COMPETENT', 2025: 'INCOMPETENT' });
  l.score('T01', 2025, 90);
  l.appoint('C2', '2015-01-01', 'T01', 'HEAD');
  l.add('cadre-C2', 'SecondmentStarted', '2020-01-01', { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: d('2020-06-30') });
  const facts = ledgerFactsOf(l.events);

  it('eligibility: each chief and the townships of their posts', () => {
    const a = inPostPromotionEligibilityFromFacts(facts, { asOf: d('2020-03-01') });
    expect(a.cadres.map((c) => [c.cadreId, c.cadreName, c.chiefPosts.map((p) => p.orgUnitName)])).toEqual([
      ['C1', '干部C1', ['T01镇']],
      ['C2', '干部C2', ['T01镇']],
    ]);
  });

  it('candidates: the excluded too, and the township of the score', () => {
    const a = excellentSecretaryCandidatesFromFacts(facts, { cycle: '2021-2025' });
    expect(a.excluded).toEqual([expect.objectContaining({ cadreId: 'C1', cadreName: '干部C1' })]);
  });

  it('tenure: the cadre, every post, the current posts and a secondment host', () => {
    const t = tenureFromFacts(facts, 'C2', { asOf: d('2020-03-01') });
    expect(t.cadreName).toBe('干部C2');
    expect(t.posts.map((p) => p.orgUnitName)).toEqual(['T01镇']);
    expect(t.currentPosts.map((p) => p.orgUnitName)).toEqual(['T01镇']);
    expect(t.secondments).toEqual([expect.objectContaining({ host: 'D01', hostName: '县农业农村局' })]);
  });

  it('findings: recorded findings and measure findings', () => {
    const names = nameLookup(facts);
    const vacancy = namedComplianceFinding({ kind: 'TM4_SECRETARY_VACANCY', rule: 'TM4', orgUnitId: 'T01', from: d('2020-01-01'), to: null, days: 3, evidence: [] }, names);
    expect(vacancy).toMatchObject({ orgUnitId: 'T01', orgUnitName: 'T01镇' });
    const override = namedComplianceFinding(
      { kind: 'OVERRIDE', eventId: 'e', streamId: 'cadre-C1', type: 'AppointedToPost', effectiveDate: d('2012-01-01'), recordedAt: '2012-01-01T00:00:00.000Z', actor: 'spec', reason: 'r', rules: ['TM4'], rule: 'TM4', evidence: ['e'], orgUnitIds: ['T01'] },
      names,
    );
    expect(override).toMatchObject({ cadreId: 'C1', cadreName: '干部C1', orgUnitNames: ['T01镇'] });
    const remedy = namedComplianceFinding({ kind: 'APPEAL_REMEDY_MISSING', rule: 'N5', appealId: 'A1', cadreId: 'C2', targetEventId: 'x', outcome: 'UPHELD', decidedOn: d('2021-01-01'), evidence: [] }, names);
    expect(remedy).toMatchObject({ cadreName: '干部C2' });
    const measures = measureFindings(facts, { asOf: d('2020-03-01'), year: 2019, rule: 'TM8' });
    expect(measures.length).toBeGreaterThan(0);
    for (const f of measures) {
      if (f.cadreId !== null) expect(f.cadreName).toBe(`干部${f.cadreId}`);
      if (f.orgUnitId !== null) expect(f.orgUnitName).toBe(`${f.orgUnitId}镇`);
    }
  });
});
