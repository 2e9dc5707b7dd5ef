/**
 * The decision an appeal names, as the appeals list shows it beside the event id (N5: a sanction or
 * an annual assessment). Found by a review: the list gave only the bare event id, so an appeals
 * officer had to open the cadre's history to see what was appealed.
 */
import { assess, decideAppealCommand, fileAppeal, registerCadre, retract, sanction } from '../testing/commands';
import { parseCareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
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
    expect(target).toEqual({ type: 'SanctionImposed', effectiveDate: '2022-03-01', sanctionId: 'S1', sanctionKind: 'DEMERIT', retracted: false, correctedByDecision: false, rescinded: false, rescindedByDecision: false });
    expect(appealedDecisionZh(target!)).toBe('2022-03-01 政务处分“记过”（编号 S1）');
  });

  it('given an appeal against an annual assessment, then its year and grade, in words', () => {
    const target = appealedDecision(recorded(), 'C1', 'g2021');
    expect(target).toEqual({ type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', year: 2021, grade: 'BASICALLY_COMPETENT', retracted: false, correctedByDecision: false });
    expect(appealedDecisionZh(target!)).toBe('2021 年度考核：基本称职');
  });

  it('given the appealed sanction retracted since (a clerical correction), then it is still named, marked 已撤回', () => {
    const target = appealedDecision(recorded(retract('C1', '2022-04-01', 's1')), 'C1', 's1');
    expect(target).toMatchObject({ type: 'SanctionImposed', retracted: true });
    expect(appealedDecisionZh(target!)).toBe('2022-03-01 政务处分“记过”（编号 S1）（已撤回）');
  });

  it('given the appealed grade corrected by the appeal’s own decision (CORRECT_GRADE), then it is named as corrected by it, not as a clerical retraction (found by a review)', () => {
    const g = given(registerCadre('C1'), assess('C1', 2021, 'BASICALLY_COMPETENT', { id: 'g2021' }), fileAppeal('AP-G', '2022-01-20', 'C1', 'g2021'));
    const decision = parseCareerCommand({ ...decideAppealCommand('AP-G', '2022-02-10', 'PARTIALLY_UPHELD', { id: 'dec-g' }), remedy: { kind: 'CORRECT_GRADE', grade: 'COMPETENT' } } as CareerCommand);
    g.ledger.append(decideCareerCommand(decision, { ...g.ledger.context(decision), cadre: g.ledger.cadre('C1') }));
    const facts = ledgerFactsOf(['cadre-C1', 'appeal-AP-G'].flatMap((s) => [...g.ledger.events(s)]).sort((a, b) => a.globalPosition - b.globalPosition));
    const target = appealedDecision(facts, 'C1', 'g2021', 'dec-g');
    expect(target).toMatchObject({ type: 'AnnualAssessmentRecorded', retracted: false, correctedByDecision: true });
    expect(appealedDecisionZh(target!)).toBe('2021 年度考核：基本称职（已由该决定更正）');
    // Without the decision's id (still open, or another decision), a retraction is a clerical one.
    expect(appealedDecision(facts, 'C1', 'g2021')).toMatchObject({ retracted: true, correctedByDecision: false });
  });

  it('given the appealed sanction rescinded by the appeal’s own decision (RESCIND_SANCTION), then it is named as rescinded by it (found by a review: the list read as if the remedy were still missing)', () => {
    const g = given(registerCadre('C1'), sanction('C1', '2022-03-01', 'S1', 'DEMERIT', { id: 's1' }), fileAppeal('AP-S', '2022-03-10', 'C1', 's1'));
    const decision = parseCareerCommand({ ...decideAppealCommand('AP-S', '2022-04-01', 'UPHELD', { id: 'dec-s' }), remedy: { kind: 'RESCIND_SANCTION' } } as CareerCommand);
    g.ledger.append(decideCareerCommand(decision, { ...g.ledger.context(decision), cadre: g.ledger.cadre('C1') }));
    const facts = ledgerFactsOf(['cadre-C1', 'appeal-AP-S'].flatMap((s) => [...g.ledger.events(s)]).sort((a, b) => a.globalPosition - b.globalPosition));
    const target = appealedDecision(facts, 'C1', 's1', 'dec-s');
    expect(target).toMatchObject({ type: 'SanctionImposed', retracted: false, rescinded: true, rescindedByDecision: true });
    expect(appealedDecisionZh(target!)).toBe('2022-03-01 政务处分“记过”（编号 S1）（已由该决定撤销）');
    // Asked for another decision (a second appeal on the same sanction), the rescission is someone else's.
    expect(appealedDecisionZh(appealedDecision(facts, 'C1', 's1', 'dec-other')!)).toBe('2022-03-01 政务处分“记过”（编号 S1）（已撤销）');
  });

  it('given a cadre or an event the record does not hold, then null (the list says it was not found)', () => {
    expect(appealedDecision(recorded(), 'C9', 's1')).toBeNull();
    expect(appealedDecision(recorded(), 'C1', 'no-such-event')).toBeNull();
  });
});
