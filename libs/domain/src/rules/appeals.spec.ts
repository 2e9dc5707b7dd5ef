/**
 * N5 / TM9: the remedy an appeal decision carries must fit what was appealed and may never make the
 * decision heavier. Grades from most to least favourable: EXCELLENT, COMPETENT, UNGRADED,
 * BASICALLY_COMPETENT, INCOMPETENT (UNGRADED blocks neither TM6b nor TM10, BASICALLY_COMPETENT both). Boundaries: one grade lighter, the same grade, one grade heavier.
 */
import { parseCareerCommand, type CareerCommand, type CareerCommandOf } from '../commands';
import { remedyEventIds, sameRemedyStored } from '../appeal/decide-appeal';
import { decideCareerCommand } from '../decide-career-command';
import type { Decision } from '../decision';
import { DomainError } from '../errors';
import { given } from '../testing/given-when-then';
import { assess, decideAppealCommand, fileAppeal, registerCadre, rescind, retract, sanction } from '../testing/commands';
import type { Grade } from '../vocabulary';
import { GRADE_NAMES_ZH } from '../vocabulary-zh';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { calendarDate } from '../time/calendar-date';
import { n5Deadlines, n5RemedyViolation } from './appeals';

const sanctionTarget = { type: 'SanctionImposed' } as const;
const assessed = (grade: Grade) => ({ type: 'AnnualAssessmentRecorded', grade }) as const;

describe('N5 n5RemedyViolation: a dismissed appeal carries no remedy', () => {
  it('given a DISMISSED outcome with a remedy, then RULE_N5_REMEDY_WITHOUT_UPHOLDING on field remedy', () => {
    const e = n5RemedyViolation('DISMISSED', { kind: 'RESCIND_SANCTION' }, sanctionTarget);
    expect(e?.toJSON()).toEqual({
      code: 'RULE_N5_REMEDY_WITHOUT_UPHOLDING',
      ruleId: 'N5',
      kind: 'INTEGRITY',
      field: 'remedy',
      messageZh: '复核或申诉被驳回，不附纠正措施：原决定维持',
      message: 'a dismissed appeal carries no remedy: the decision stands',
    });
  });

  it('given a DISMISSED outcome with a grade remedy that would otherwise fit, then still refused', () => {
    expect(n5RemedyViolation('DISMISSED', { kind: 'CORRECT_GRADE', grade: 'COMPETENT' }, assessed('INCOMPETENT'))?.code).toBe('RULE_N5_REMEDY_WITHOUT_UPHOLDING');
  });

  it('given a DISMISSED outcome without a remedy, then no violation', () => {
    expect(n5RemedyViolation('DISMISSED', undefined, sanctionTarget)).toBeUndefined();
    expect(n5RemedyViolation('DISMISSED', undefined, assessed('INCOMPETENT'))).toBeUndefined();
  });
});

describe('N5 n5RemedyViolation: an upheld appeal without a remedy is corrected by its own event', () => {
  it.each(['UPHELD', 'PARTIALLY_UPHELD'] as const)('given %s and no remedy, then no violation for either target', (outcome) => {
    expect(n5RemedyViolation(outcome, undefined, sanctionTarget)).toBeUndefined();
    expect(n5RemedyViolation(outcome, undefined, assessed('INCOMPETENT'))).toBeUndefined();
  });
});

describe('N5 n5RemedyViolation: the remedy fits the appealed record', () => {
  it('given an appeal against a sanction remedied by RESCIND_SANCTION, then no violation', () => {
    expect(n5RemedyViolation('UPHELD', { kind: 'RESCIND_SANCTION' }, sanctionTarget)).toBeUndefined();
    expect(n5RemedyViolation('PARTIALLY_UPHELD', { kind: 'RESCIND_SANCTION' }, sanctionTarget)).toBeUndefined();
  });

  it('given an appeal against a sanction remedied by CORRECT_GRADE, then RULE_N5_REMEDY_DOES_NOT_FIT_TARGET on remedy.kind', () => {
    const e = n5RemedyViolation('UPHELD', { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }, sanctionTarget);
    expect(e?.toJSON()).toEqual({
      code: 'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET',
      ruleId: 'N5',
      kind: 'INTEGRITY',
      field: 'remedy.kind',
      messageZh: '针对处分或组织处理的复核或申诉，纠正措施应为撤销处分或组织处理',
      message: 'an appeal against a sanction is remedied by rescinding it',
    });
  });

  it('given an appeal against an assessment remedied by RESCIND_SANCTION, then RULE_N5_REMEDY_DOES_NOT_FIT_TARGET on remedy.kind', () => {
    const e = n5RemedyViolation('UPHELD', { kind: 'RESCIND_SANCTION' }, assessed('INCOMPETENT'));
    expect(e?.toJSON()).toEqual({
      code: 'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET',
      ruleId: 'N5',
      kind: 'INTEGRITY',
      field: 'remedy.kind',
      messageZh: '针对年度考核的复核或申诉，纠正措施应为更正年度考核等次',
      message: 'an appeal against an assessment is remedied by correcting the grade',
    });
  });
});

describe('N5 n5RemedyViolation: an appeal can never make an assessment heavier', () => {
  it.each<[Grade, Grade]>([
    ['INCOMPETENT', 'BASICALLY_COMPETENT'],
    ['BASICALLY_COMPETENT', 'UNGRADED'],
    ['UNGRADED', 'COMPETENT'],
    ['COMPETENT', 'EXCELLENT'],
    ['INCOMPETENT', 'EXCELLENT'],
  ])('given the appealed grade %s corrected to the one-step-or-more lighter %s, then no violation', (appealed, corrected) => {
    expect(n5RemedyViolation('UPHELD', { kind: 'CORRECT_GRADE', grade: corrected }, assessed(appealed))).toBeUndefined();
  });

  it.each<Grade>(['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'UNGRADED', 'INCOMPETENT'])(
    'given the appealed grade %s "corrected" to the same grade, then RULE_N5_REMEDY_HEAVIER on remedy.grade',
    (grade) => {
      const e = n5RemedyViolation('PARTIALLY_UPHELD', { kind: 'CORRECT_GRADE', grade }, assessed(grade));
      expect(e?.toJSON()).toEqual({
        code: 'RULE_N5_REMEDY_HEAVIER',
        ruleId: 'N5',
        kind: 'INTEGRITY',
        field: 'remedy.grade',
        message: `an appeal can never make the decision heavier: ${grade} is not more favourable than the appealed ${grade}`,
        messageZh: `复核或申诉不得加重原决定：${GRADE_NAMES_ZH[grade]}并不优于原等次${GRADE_NAMES_ZH[grade]}`,
      });
    },
  );

  it.each<[Grade, Grade]>([
    ['EXCELLENT', 'COMPETENT'],
    ['COMPETENT', 'UNGRADED'],
    ['UNGRADED', 'BASICALLY_COMPETENT'],
    ['BASICALLY_COMPETENT', 'INCOMPETENT'],
  ])('given the appealed grade %s corrected to the one-step heavier %s, then RULE_N5_REMEDY_HEAVIER naming both grades', (appealed, corrected) => {
    const e = n5RemedyViolation('UPHELD', { kind: 'CORRECT_GRADE', grade: corrected }, assessed(appealed));
    expect(e?.code).toBe('RULE_N5_REMEDY_HEAVIER');
    expect(e?.field).toBe('remedy.grade');
    expect(e?.message).toBe(`an appeal can never make the decision heavier: ${corrected} is not more favourable than the appealed ${appealed}`);
  });
});

describe('N5 through the appeal decider: a remedy in the decision command', () => {
  const withRemedy = (cmd: CareerCommand, remedy: { kind: 'RESCIND_SANCTION' } | { kind: 'CORRECT_GRADE'; grade: Grade }) => ({ ...cmd, remedy }) as CareerCommand;
  const assessedRecord = [
    registerCadre('A'),
    assess('A', 2021, 'BASICALLY_COMPETENT', { id: 'g2021', date: '2022-01-15' }),
    fileAppeal('AP1', '2022-02-01', 'A', 'g2021'),
  ];
  const sanctionedRecord = [registerCadre('A'), sanction('A', '2022-01-10', 'S1', 'WARNING', { id: 's1' }), fileAppeal('AP1', '2022-02-01', 'A', 's1')];
  /** Decides the command with the appealed cadre's record loaded too, as the application does for a remedy. */
  const decideWithCadre = (facts: readonly CareerCommand[], cmd: CareerCommand) => {
    const { ledger } = given(...facts);
    const parsed = parseCareerCommand(cmd);
    try {
      return decideCareerCommand(parsed, { ...ledger.context(parsed), cadre: ledger.cadre('A') });
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
  };

  it('given an appealed BASICALLY_COMPETENT, when upheld with COMPETENT, then the grade is retracted and COMPETENT recorded for the same year', () => {
    const decision = decideWithCadre(assessedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD', { id: 'dec' }), { kind: 'CORRECT_GRADE', grade: 'COMPETENT' }));
    expect(decision).toMatchObject([
      { streamId: 'appeal-AP1', events: [{ type: 'AppealDecided' }] },
      {
        streamId: 'cadre-A',
        events: [
          { type: 'EntryRetracted', data: { targetEventId: 'g2021' }, causationId: 'dec' },
          { type: 'AnnualAssessmentRecorded', data: { year: 2021, grade: 'COMPETENT' }, causationId: 'dec' },
        ],
      },
    ]);
  });

  it('given an appealed BASICALLY_COMPETENT, when upheld with INCOMPETENT (heavier), then refused with RULE_N5_REMEDY_HEAVIER', () => {
    const e = decideWithCadre(assessedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD'), { kind: 'CORRECT_GRADE', grade: 'INCOMPETENT' }));
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_REMEDY_HEAVIER', ruleId: 'N5', kind: 'INTEGRITY', field: 'remedy.grade' });
  });

  it('given a grade corrected to EXCELLENT in a 警告 year (N4), then refused without an override and recorded with it, the override on the corrected grade', () => {
    const warned = [registerCadre('A'), sanction('A', '2021-03-01', 'S1', 'WARNING'), assess('A', 2021, 'COMPETENT', { id: 'g2021', date: '2022-01-15' }), fileAppeal('AP1', '2022-02-01', 'A', 'g2021')];
    const upheld = withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD', { id: 'dec' }), { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' });
    expect((decideWithCadre(warned, upheld) as DomainError).code).toBe('RULE_N4_EXCELLENT_IN_WARNING_YEAR');
    const decision = decideWithCadre(warned, { ...upheld, override: { reason: '复核认定原处分所涉事项不影响年度考核' } } as CareerCommand);
    expect(decision).toMatchObject([
      { streamId: 'appeal-AP1', events: [{ type: 'AppealDecided' }] },
      { streamId: 'cadre-A', events: [{ type: 'EntryRetracted' }, { type: 'AnnualAssessmentRecorded', data: { grade: 'EXCELLENT' }, override: { reason: '复核认定原处分所涉事项不影响年度考核', rules: ['N4'] } }] },
    ]);
    expect((decision as Decision)[1]!.events[0]!.override).toBeUndefined();
  });

  it('given an appealed assessment, when upheld with RESCIND_SANCTION, then refused: the remedy does not fit', () => {
    const e = decideWithCadre(assessedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD'), { kind: 'RESCIND_SANCTION' }));
    expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET', field: 'remedy.kind' });
  });

  it('given an appealed sanction, when upheld with CORRECT_GRADE, then refused: the remedy does not fit', () => {
    const e = decideWithCadre(sanctionedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD'), { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }));
    expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_REMEDY_DOES_NOT_FIT_TARGET', field: 'remedy.kind' });
  });

  it('given an appealed sanction, when partially upheld with RESCIND_SANCTION, then the sanction is rescinded naming the appeal', () => {
    const decision = decideWithCadre(sanctionedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'PARTIALLY_UPHELD', { id: 'dec' }), { kind: 'RESCIND_SANCTION' }));
    expect(decision).toMatchObject([
      { streamId: 'appeal-AP1', events: [{ type: 'AppealDecided', data: { outcome: 'PARTIALLY_UPHELD' } }] },
      { streamId: 'cadre-A', events: [{ type: 'SanctionRescinded', data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'AP1' }, causationId: 'dec' }] },
    ]);
  });

  describe('found by a review (2026-12-03): a record corrected while the appeal was open', () => {
    it('given the appealed grade retracted meanwhile, when upheld with a remedy, then RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED on remedy; without one, recorded', () => {
      const corrected = [...assessedRecord, retract('A', '2022-02-10', 'g2021', { id: 'r1' })];
      const e = decideWithCadre(corrected, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD'), { kind: 'CORRECT_GRADE', grade: 'COMPETENT' }));
      expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED', field: 'remedy', message: expect.stringContaining('event r1') });
      expect(decideWithCadre(corrected, decideAppealCommand('AP1', '2022-02-20', 'UPHELD'))).toMatchObject([{ streamId: 'appeal-AP1', events: [{ type: 'AppealDecided' }] }]);
    });
    it('given the appealed sanction rescinded meanwhile, when upheld with RESCIND_SANCTION, then RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED', () => {
      const corrected = [...sanctionedRecord, rescind('A', '2022-02-10', 'S1', { id: 'x1' })];
      const e = decideWithCadre(corrected, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD'), { kind: 'RESCIND_SANCTION' }));
      expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_APPEALED_RECORD_ALREADY_CORRECTED', field: 'remedy', message: expect.stringContaining('event x1') });
    });
  });

  it('given a decision id of the full 200 characters, then the remedies’ derived ids stay within 200, distinct and stable (a 200-character Idempotency-Key was refused as eventId)', () => {
    const id = 'k'.repeat(200);
    const ids = (facts: readonly CareerCommand[], remedy: { kind: 'RESCIND_SANCTION' } | { kind: 'CORRECT_GRADE'; grade: Grade }) => {
      const decision = decideWithCadre(facts, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'UPHELD', { id }), remedy));
      expect(decision).not.toBeInstanceOf(DomainError);
      return (decision as Decision).flatMap((w) => w.events.map((e) => e.eventId));
    };
    const graded = ids(assessedRecord, { kind: 'CORRECT_GRADE', grade: 'COMPETENT' });
    const rescinded = ids(sanctionedRecord, { kind: 'RESCIND_SANCTION' });
    for (const eventId of [...graded, ...rescinded]) expect(eventId.length).toBeLessThanOrEqual(200);
    expect(new Set(graded).size).toBe(3);
    expect(ids(assessedRecord, { kind: 'CORRECT_GRADE', grade: 'COMPETENT' })).toEqual(graded);
    expect(rescinded[1]).not.toBe(graded[1]);
  });

  it('given a dismissed decision with a remedy, then refused with RULE_N5_REMEDY_WITHOUT_UPHOLDING on remedy', () => {
    const e = decideWithCadre(sanctionedRecord, withRemedy(decideAppealCommand('AP1', '2022-02-20', 'DISMISSED'), { kind: 'RESCIND_SANCTION' }));
    expect((e as DomainError).toJSON()).toMatchObject({ code: 'RULE_N5_REMEDY_WITHOUT_UPHOLDING', field: 'remedy' });
  });
});

describe('sameRemedyStored: an idempotent retry of a decision asks for the remedy stored with it', () => {
  const decision = (remedy?: { kind: 'RESCIND_SANCTION' } | { kind: 'CORRECT_GRADE'; grade: Grade }) =>
    ({ ...decideAppealCommand('AP1', '2022-02-20', 'UPHELD', { id: 'dec' }), ...(remedy ? { remedy } : {}) }) as CareerCommandOf<'AppealDecided'>;
  const stored = (events: Record<string, { data: unknown }>) => (id: string) => events[id];
  const [rescind, , regrade] = remedyEventIds('dec');
  it('given nothing stored beside the decision: the same without a remedy, different with one', () => {
    expect(sameRemedyStored(decision(), stored({}))).toBe(true);
    expect(sameRemedyStored(decision({ kind: 'RESCIND_SANCTION' }), stored({}))).toBe(false);
  });
  it('given a rescission stored: the same only with RESCIND_SANCTION', () => {
    expect(sameRemedyStored(decision({ kind: 'RESCIND_SANCTION' }), stored({ [rescind!]: { data: {} } }))).toBe(true);
    expect(sameRemedyStored(decision(), stored({ [rescind!]: { data: {} } }))).toBe(false);
  });
  it('given a corrected grade stored: the same only with that grade', () => {
    const regraded = stored({ [regrade!]: { data: { year: 2021, grade: 'COMPETENT' } } });
    expect(sameRemedyStored(decision({ kind: 'CORRECT_GRADE', grade: 'COMPETENT' }), regraded)).toBe(true);
    expect(sameRemedyStored(decision({ kind: 'CORRECT_GRADE', grade: 'EXCELLENT' }), regraded)).toBe(false);
  });
});

describe('N5 n5Deadlines at each limit: filed or decided the day before, the day of and the day after the last day', () => {
  const settings = DEFAULT_POLICY.settings;
  const filing = (stage: 'REVIEW' | 'APPEAL', filedOn: string) => ({
    effectiveDate: calendarDate(filedOn),
    data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'x', stage, grounds: 'g', learnedOfDecisionDate: calendarDate('2022-03-01') },
  });
  const review = { appealId: 'R1', decidedOn: calendarDate('2022-04-05') };

  it.each([
    // 复核: 30 days from learning of the decision (2022-03-01 → 2022-03-31)
    ['REVIEW', null, '2022-03-30', '2022-03-31', false],
    ['REVIEW', null, '2022-03-31', '2022-03-31', false],
    ['REVIEW', null, '2022-04-01', '2022-03-31', true],
    // 申诉 directly: 30 days from learning of it
    ['APPEAL', null, '2022-03-30', '2022-03-31', false],
    ['APPEAL', null, '2022-03-31', '2022-03-31', false],
    ['APPEAL', null, '2022-04-01', '2022-03-31', true],
    // 申诉 after a 复核 decided on 2022-04-05: 15 days from that decision
    ['APPEAL', review, '2022-04-19', '2022-04-20', false],
    ['APPEAL', review, '2022-04-20', '2022-04-20', false],
    ['APPEAL', review, '2022-04-21', '2022-04-20', true],
  ] as const)('given a %s (review decided: %j) filed on %s, then the last day to file is %s and it is late: %s', (stage, decided, filedOn, deadline, late) => {
    const deadlines = n5Deadlines(filing(stage, filedOn), settings, decided);
    expect(deadlines).toMatchObject({ filingDeadline: deadline, filedLate: late });
  });

  it('given a 复核 filed on 2022-03-10, then it is decided within 30 days (2022-04-09), with no extension', () => {
    expect(n5Deadlines(filing('REVIEW', '2022-03-10'), settings)).toMatchObject({ decisionDue: '2022-04-09', decisionDueExtended: null });
  });

  it('given a 申诉 filed on 2022-03-10, then it is decided within 60 days (2022-05-09), extendable by 30 (2022-06-08)', () => {
    expect(n5Deadlines(filing('APPEAL', '2022-03-10'), settings)).toMatchObject({ decisionDue: '2022-05-09', decisionDueExtended: '2022-06-08' });
  });
});
