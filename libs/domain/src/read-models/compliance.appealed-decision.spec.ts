/**
 * The decision an appeal names, as the appeals list shows it beside the event id (N5: a sanction or
 * an annual assessment). Found by a review: the list gave only the bare event id, so an appeals
 * officer had to open the cadre's history to see what was appealed.
 */
import { assess, fileAppeal, registerCadre, retract, sanction } from '../testing/commands';
import { given } from '../testing/given-when-then';
import type { CareerCommand } from '../commands';
import { appealedDecisionZh } from '../describe-event-zh';
import { appealedDecision } from './compliance';
import { ledgerFactsOf } from './ledger-facts';

const STREAMS = ['cadre-C1', 'appeal-AP-S', 'appeal-AP-G'];

function recorded(...extra: CareerCommand[]) {
  const g = given(
    registerCadre('C1'),
    sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 's1' }),
    assess('C1', 2021, 'BASICALLY_COMPETENT', { id: 'g2021' }),
    fileAppeal('AP-S', '2022-03-10', 'C1', 's1'),
    fileAppeal('AP-G', '2022-01-20', 'C1', 'g2021'),
    ...extra,
  );
  return ledgerFactsOf(STREAMS.flatMap((s) => [...g.ledger.events(s)]).sort((a, b) => a.globalPosition - b.globalPosition));
}

describe('appealedDecision: what an appeal names, from the cadre’s record (N5)', () => {
  it('given an appeal against a sanction, then its date, kind and sanction id, in words 政务处分“记过”', () => {
    const target = appealedDecision(recorded(), 'C1', 's1');
    expect(target).toEqual({ type: 'SanctionImposed', effectiveDate: '2022-03-01', sanctionId: 'S1', sanctionKind: 'DEMERIT', retracted: false });
    expect(appealedDecisionZh(target!)).toBe('2022-03-01 政务处分“记过”（编号 S1）');
  });

  it('given an appeal against an annual assessment, then its year and grade, in words', () => {
    const target = appealedDecision(recorded(), 'C1', 'g2021');
    expect(target).toEqual({ type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', year: 2021, grade: 'BASICALLY_COMPETENT', retracted: false });
    expect(appealedDecisionZh(target!)).toBe('2021 年度考核：基本称职');
  });

  it('given the appealed sanction retracted since (a clerical correction), then it is still named, marked 已撤回', () => {
    const target = appealedDecision(recorded(retract('C1', '2022-04-01', 's1')), 'C1', 's1');
    expect(target).toMatchObject({ type: 'SanctionImposed', retracted: true });
    expect(appealedDecisionZh(target!)).toBe('2022-03-01 政务处分“记过”（编号 S1）（已撤回）');
  });

  it('given a cadre or an event the record does not hold, then null (the list says it was not found)', () => {
    expect(appealedDecision(recorded(), 'C9', 's1')).toBeNull();
    expect(appealedDecision(recorded(), 'C1', 'no-such-event')).toBeNull();
  });
});
