/** A review of the appeals workflow: N5 deadlines at calendar boundaries, and N4 after a TM9 rescission by an upheld appeal. */
import { parseCareerCommand, type CareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
import { assess, decideAppealCommand, fileAppeal, registerCadre, sanction } from '../testing/commands';
import { given, type Given } from '../testing/given-when-then';
import { calendarDate } from '../time/calendar-date';
import { appealsOverview } from '../read-models/compliance';
import { SpecLedger } from '../read-models/spec-ledger';

function decideWithRemedy(g: Given, decision: CareerCommand, remedy: unknown) {
  const parsed = parseCareerCommand({ ...decision, remedy } as CareerCommand);
  g.ledger.append(decideCareerCommand(parsed, { ...g.ledger.context(parsed), cadre: g.ledger.cadre('C1') }));
}

describe('N4 after an upheld appeal rescinded the sanction (TM9: it no longer constrains any year)', () => {
  it('EXCELLENT for the year of a rescinded WARNING is accepted without override', () => {
    const g = given(registerCadre('C1'), sanction('C1', '2022-03-01', 'S1', 'WARNING', { id: 's1' }), fileAppeal('AP1', '2022-03-10', 'C1', 's1'));
    decideWithRemedy(g, decideAppealCommand('AP1', '2022-04-01', 'UPHELD', { id: 'd1' }), { kind: 'RESCIND_SANCTION' });
    expect(g.when(assess('C1', 2022, 'EXCELLENT', { id: 'g2022' })).decision().length).toBeGreaterThan(0);
  });

  it('an appeal of a 2022 grade, corrected to EXCELLENT, after the WARNING of 2022 was rescinded', () => {
    const g = given(
      registerCadre('C1'),
      sanction('C1', '2022-03-01', 'S1', 'WARNING', { id: 's1' }),
      fileAppeal('AP1', '2022-03-10', 'C1', 's1'),
      assess('C1', 2022, 'COMPETENT', { id: 'g2022' }),
    );
    decideWithRemedy(g, decideAppealCommand('AP1', '2022-04-01', 'UPHELD', { id: 'd1' }), { kind: 'RESCIND_SANCTION' });
    g.ledger.execute(fileAppeal('AP2', '2023-01-20', 'C1', 'g2022'));
    decideWithRemedy(g, decideAppealCommand('AP2', '2023-02-10', 'UPHELD', { id: 'd2' }), { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' });
    expect(g.ledger.events('cadre-C1').some((e) => e.type === 'AnnualAssessmentRecorded' && e.data.grade === 'EXCELLENT')).toBe(true);
  });
});

describe('N5 deadlines at calendar boundaries (appeals list)', () => {
  const list = (build: (l: SpecLedger) => void, today = '2030-01-01') => {
    const l = new SpecLedger();
    l.cadre('C1');
    build(l);
    return Object.fromEntries(appealsOverview(l.events, calendarDate(today)).map((a) => [a.appealId, a]));
  };
  const filed = (l: SpecLedger, appealId: string, date: string, stage: 'REVIEW' | 'APPEAL', learned: string, target = 's1') =>
    l.add(`appeal-${appealId}`, 'AppealFiled', date, { appealId, cadreId: 'C1', targetEventId: target, stage, grounds: '不服', learnedOfDecisionDate: calendarDate(learned) } as never);
  const decided = (l: SpecLedger, appealId: string, date: string) => l.add(`appeal-${appealId}`, 'AppealDecided', date, { appealId, outcome: 'DISMISSED', reasoning: '经审查' } as never);

  it('leap years and month ends', () => {
    const a = list((l) => {
      l.sanction('C1', '2024-01-15', 'S1', 'WARNING', { eventId: 's1' });
      filed(l, 'R1', '2024-02-29', 'REVIEW', '2024-01-30'); // 30 days → 2024-02-29 (leap)
      filed(l, 'R2', '2024-03-01', 'REVIEW', '2024-01-30'); // a day late
      filed(l, 'A1', '2024-03-01', 'APPEAL', '2024-01-31'); // direct: 2024-03-01
      filed(l, 'A2', '2023-12-31', 'APPEAL', '2023-12-01'); // due 60 → 2024-02-29, +30 → 2024-03-30
      decided(l, 'R1', '2024-03-30'); // review due 2024-03-30
    });
    expect(a.R1).toMatchObject({ filingDeadline: '2024-02-29', filedLate: false, decisionDue: '2024-03-30', decidedLate: false });
    expect(a.R2).toMatchObject({ filingDeadline: '2024-02-29', filedLate: true });
    expect(a.A1).toMatchObject({ filingDeadline: '2024-03-01', filedLate: false });
    expect(a.A2).toMatchObject({ decisionDue: '2024-02-29', decisionDueExtended: '2024-03-30' });
  });

  it('non-leap February and year end', () => {
    const a = list((l) => {
      l.sanction('C1', '2023-01-15', 'S1', 'WARNING', { eventId: 's1' });
      filed(l, 'R1', '2023-01-31', 'REVIEW', '2023-01-30'); // deadline 2023-03-01
      decided(l, 'R1', '2023-02-14');
      filed(l, 'A1', '2023-03-01', 'APPEAL', '2023-01-30'); // 15 from 2023-02-14 → 2023-03-01
      filed(l, 'A2', '2023-03-02', 'APPEAL', '2023-01-30');
    });
    expect(a.R1).toMatchObject({ filingDeadline: '2023-03-01', decisionDue: '2023-03-02' });
    expect(a.A1).toMatchObject({ filingDeadline: '2023-03-01', filedLate: false, filingDeadlineFrom: { basis: 'REVIEW_DECIDED' } });
    expect(a.A2).toMatchObject({ filedLate: true });
  });
});
