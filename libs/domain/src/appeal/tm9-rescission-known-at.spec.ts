/**
 * A review of the appeals workflow: TM9 rescissions as TM6b eligibility and TM10 candidates see them, with facts
 * written through the deciders (given()), so every scenario is one the ledger accepts.
 */
import { parseCareerCommand, type CareerCommand } from '../commands';
import { decideCareerCommand } from '../decide-career-command';
import type { RecordedEvent } from '../events/domain-event';
import { appoint, assess, decideAppealCommand, fileAppeal, registerCadre, sanction, township } from '../testing/commands';
import { given, type Given } from '../testing/given-when-then';
import { calendarDate } from '../time/calendar-date';
import { firstInputProblem } from '../input-text';
import { inPostPromotionEligibility, TM6B_RULES } from '../read-models/eligibility';
import { excellentSecretaryCandidates } from '../read-models/candidates';

const STREAMS = ['orgunit-T01', 'cadre-C1', 'appeal-AP1', 'appeal-AP2', 'policy'];
function all(g: Given): RecordedEvent[] {
  return STREAMS.flatMap((s) => [...g.ledger.events(s)]).sort((a, b) => a.globalPosition - b.globalPosition);
}
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

/** C1: party secretary of T01 since 2010, COMPETENT every year with two EXCELLENT, eligible on 2022-06-01 but for sanctions. */
const career = (): CareerCommand[] => [
  township('T01'),
  registerCadre('C1', '1975-01-01'),
  appoint('C1', '2010-01-01', 'T01', 'PARTY_SECRETARY'),
  ...[2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021].map((y) => assess('C1', y, y === 2019 || y === 2020 ? 'EXCELLENT' : 'COMPETENT', { id: `g${y}` })),
];

const eligibility = (events: RecordedEvent[], asOf: string, knownAt?: string) => {
  const c = inPostPromotionEligibility(events, { asOf: calendarDate(asOf), ...(knownAt ? { knownAt } : {}) }).cadres.find((x) => x.cadreId === 'C1')!;
  return { eligible: c.eligible, sanctionPassed: c.checks.find((k) => k.rule === TM6B_RULES.sanction)?.passed };
};

describe('TM9 rescission by an upheld appeal, TM6b and TM10 with knownAt on both sides', () => {
  const upheld = () => {
    const g = given(...career(), sanction('C1', '2022-03-01', 'S1', 'WARNING', { id: 's1' }), fileAppeal('AP1', '2022-03-10', 'C1', 's1', { id: 'f1' }));
    const parsed = parseCareerCommand({ ...decideAppealCommand('AP1', '2022-05-10', 'UPHELD', { id: 'd1' }), remedy: { kind: 'RESCIND_SANCTION' } } as CareerCommand);
    g.ledger.append(decideCareerCommand(parsed, { ...g.ledger.context(parsed), cadre: g.ledger.cadre('C1') }));
    return g;
  };

  it('void from its start: asOf inside the period, knownAt after the rescission → eligible', () => {
    const events = all(upheld());
    const rescission = events.find((e) => e.type === 'SanctionRescinded')!;
    expect(eligibility(events, '2022-04-01')).toEqual({ eligible: true, sanctionPassed: true });
    expect(eligibility(events, '2022-04-01', rescission.recordedAt)).toEqual({ eligible: true, sanctionPassed: true });
    expect(eligibility(events, '2022-04-01', justBefore(rescission.recordedAt))).toEqual({ eligible: false, sanctionPassed: false });
    expect(eligibility(events, '2022-06-01', justBefore(rescission.recordedAt))).toEqual({ eligible: false, sanctionPassed: false });
  });

  it('TM10 2018-2022: excluded before the rescission was known, a candidate after', () => {
    const g = upheld();
    g.ledger.execute(assess('C1', 2022, 'EXCELLENT', { id: 'g2022', date: '2023-01-15' }));
    const events = all(g);
    const rescission = events.find((e) => e.type === 'SanctionRescinded')!;
    const ids = (knownAt?: string) => {
      const a = excellentSecretaryCandidates(events, { cycle: '2018-2022', ...(knownAt ? { knownAt } : {}) } as never);
      return { candidates: a.candidates.map((c) => c.cadreId), excluded: a.excluded.map((c) => c.cadreId) };
    };
    expect(ids()).toEqual({ candidates: ['C1'], excluded: [] });
    expect(ids(justBefore(rescission.recordedAt)).excluded).toContain('C1');
  });
});

describe('the remedy’s reason, cut to its 2,000 characters', () => {
  // Found by an appeals review: an upheld grade appeal whose reasoning (1,988 characters) had a 𠀀
  // (two UTF-16 units) where the retraction's reason was cut was accepted by a dry run and refused by
  // the store as data.reason (a lone surrogate).
  const decideWith = (reasoning: string) => {
    const g = given(...career(), fileAppeal('AP1', '2022-01-20', 'C1', 'g2021', { id: 'f1' }));
    const command = decideAppealCommand('AP1', '2022-02-10', 'UPHELD', { id: 'd1' }) as CareerCommand & { data: { reasoning: string } };
    const parsed = parseCareerCommand({ ...command, data: { ...command.data, reasoning }, remedy: { kind: 'CORRECT_GRADE', grade: 'EXCELLENT' } } as CareerCommand);
    g.ledger.append(decideCareerCommand(parsed, { ...g.ledger.context(parsed), cadre: g.ledger.cadre('C1') }));
    return all(g).find((e) => e.type === 'EntryRetracted')!.data as { reason: string };
  };
  const prefix = '复核 AP1 成立：'.length;

  it.each([
    ['the pair’s first half the 2,000th unit: cut before the pair', 2000 - prefix - 1, 1999],
    ['the pair whole within 2,000: kept', 2000 - prefix - 2, 2000],
  ])('%s', (_, before, length) => {
    const { reason } = decideWith(`${'理'.repeat(before)}𠀀${'由'.repeat(10)}`);
    expect(firstInputProblem({ reason })).toBeUndefined();
    expect(reason.length).toBe(length);
    expect(reason.endsWith('𠀀')).toBe(length === 2000);
  });
});
