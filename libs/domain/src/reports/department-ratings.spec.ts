/**
 * TM5(a) department ratings: a mistyped rating corrected by the same chief (naming it, with a reason)
 * replaces it in the averages; the departments of a year are those registered by its 31 December.
 */
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { d, SpecLedger } from '../read-models/spec-ledger';
import { given } from '../testing/given-when-then';
import { appoint, command, department, registerCadre, township } from '../testing/commands';
import { departmentRatingsReport } from './department-ratings';

const rating = (date: string, work: number, extra: { correctsEventId?: string; correctionReason?: string } = {}, id?: string) =>
  command('CountyDepartmentRated', { orgUnitId: 'D01' }, date, { year: 2023, ratedByCadreId: 'A', scores: { work, management: 85, service: 88 }, ...extra }, id ? { id } : {});

describe('TM5(a) a mistyped rating corrected (found by a review: it could be neither retracted nor rated again)', () => {
  const facts = [township('T01'), department('D01'), registerCadre('A'), appoint('A', '2020-03-01', 'T01', 'HEAD'), rating('2024-01-10', 9, {}, 'rating-typo')];

  it('given a rating of 9 for 90, when the chief rates again naming it with a reason, then it is recorded with what it corrects and why', () => {
    const g = given(...facts);
    const [write] = g.ledger.decide(rating('2024-01-11', 90, { correctsEventId: 'rating-typo', correctionReason: '工作得分误录为 9，应为 90' }));
    expect(write!.events[0]!.data).toMatchObject({ scores: { work: 90 }, correctsEventId: 'rating-typo', correctionReason: '工作得分误录为 9，应为 90' });
  });

  it('the report then averages the correction, not the mistyped rating', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
    l.cadre('A');
    l.appoint('A', '2020-03-01', 'T01', 'HEAD');
    const typo = l.add('orgunit-D01', 'CountyDepartmentRated', '2024-01-10', { year: 2023, ratedByCadreId: 'A', scores: { work: 9, management: 85, service: 88 } });
    l.add('orgunit-D01', 'CountyDepartmentRated', '2024-01-11', { year: 2023, ratedByCadreId: 'A', scores: { work: 90, management: 85, service: 88 }, correctsEventId: typo, correctionReason: '录入有误' });
    expect(departmentRatingsReport(ledgerFactsOf(l.events), { year: 2023, asOf: d('2024-06-01') }).departments[0]).toMatchObject({ ratings: 1, averages: { work: 90 } });
  });
});

describe('TM5(a) the departments of a year (T4)', () => {
  it('a department registered after the year is not listed for it (found by a review: it read as rated by no chief)', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('D01', 'COUNTY_DEPARTMENT', '县财政局');
    l.add('orgunit-D02', 'OrgUnitRegistered', '2024-01-01', { name: '县数据局', kind: 'COUNTY_DEPARTMENT' });
    l.add('orgunit-D03', 'OrgUnitRegistered', '2023-12-31', { name: '县信访局', kind: 'COUNTY_DEPARTMENT' });
    const r = departmentRatingsReport(ledgerFactsOf(l.events), { year: 2023, asOf: d('2025-06-01') });
    expect(r.departments.map((x) => x.orgUnitId)).toEqual(['D01', 'D03']);
  });
});
