/**
 * Boundary specs for T1 (knownAt), TM9 (rescission known from its recordedAt), TM3 (training cycles),
 * TM10 (work years on the reference date).
 */
import { SpecLedger, d } from '../read-models/spec-ledger';
import { ledgerFactsOf } from '../read-models/ledger-facts';
import { inPostPromotionEligibility } from '../read-models/eligibility';
import { excellentSecretaryCandidates } from '../read-models/candidates';
import { trainingReport } from '../reports/training';

const sanctionCheck = (l: SpecLedger, asOf: string, knownAt?: string) =>
  inPostPromotionEligibility(l.events, { asOf: d(asOf), ...(knownAt ? { knownAt } : {}) }).cadres[0]!.checks.find((c) => c.rule === 'TM6b.noSanctionPeriod')!.passed;

describe('TM9 a rescinded sanction is void from its start, once the rescission is known', () => {
  const l = new SpecLedger();
  l.unit('T1');
  l.cadre('A');
  l.appoint('A', '2010-01-01', 'T1', 'PARTY_SECRETARY');
  l.sanction('A', '2022-01-10', 'S1', 'DEMERIT', { recordedAt: '2022-01-10T02:00:00.000Z' });
  l.rescind('A', '2022-05-01', 'S1', { recordedAt: '2022-05-01T03:00:00.000Z' });
  it('given knownAt one millisecond before the rescission was recorded, then the sanction still runs on 2022-03-01', () => {
    expect(sanctionCheck(l, '2022-03-01', '2022-05-01T02:59:59.999Z')).toBe(false);
  });
  it('given knownAt at the rescission recordedAt, or after, then the sanction is ignored (void from its start)', () => {
    expect([sanctionCheck(l, '2022-03-01', '2022-05-01T03:00:00.000Z'), sanctionCheck(l, '2022-03-01', '2022-05-01T03:00:00.001Z')]).toEqual([true, true]);
  });
});

describe('T1 knownAt as a bare date is the end of that day in Asia/Shanghai', () => {
  const ledger = (recordedAt: string) => {
    const l = new SpecLedger();
    l.unit('T1');
    l.cadre('A');
    l.appoint('A', '2010-01-01', 'T1', 'PARTY_SECRETARY');
    l.sanction('A', '2022-01-10', 'S1', 'DEMERIT', { recordedAt });
    return l;
  };
  it('recorded 2022-01-10 23:59:59.999 +08:00 is known at "2022-01-10"; recorded 2022-01-11 00:00 +08:00 is not', () => {
    expect(sanctionCheck(ledger('2022-01-10T15:59:59.999Z'), '2022-03-01', '2022-01-10')).toBe(false);
    expect(sanctionCheck(ledger('2022-01-10T16:00:00.000Z'), '2022-03-01', '2022-01-10')).toBe(true);
  });
});

describe('TM3 training cadence', () => {
  const missing = (trainedOn: string | null, year: number) => {
    const l = new SpecLedger();
    l.unit('T1');
    l.cadre('H');
    l.cadre('M');
    l.appoint('H', '2015-01-01', 'T1', 'HEAD');
    l.appoint('M', '2015-01-01', 'T1', 'DEPUTY_HEAD');
    if (trainedOn) for (const c of ['H', 'M']) l.add(`cadre-${c}`, 'TrainingCompleted', trainedOn, { programme: '培训班', level: 'COUNTY' } as never);
    return trainingReport(ledgerFactsOf(l.events), { year, asOf: d(`${year + 1}-06-30`) }).missing.map((m) => `${m.cadreId}:${m.rule}`).sort();
  };
  it('chief once every calendar year: trained 2023-12-31 misses 2024; trained 2024-01-01 and 2024-12-31 do not', () => {
    expect(missing('2023-12-31', 2024)).toContain('H:TM3.chief-yearly');
    expect(missing('2024-01-01', 2024)).not.toContain('H:TM3.chief-yearly');
    expect(missing('2024-12-31', 2024)).not.toContain('H:TM3.chief-yearly');
  });
  it('every leader once in three years: for 2024, trained 2021-12-31 misses, 2022-01-01 does not', () => {
    expect(missing('2021-12-31', 2024)).toContain('M:TM3.leader-cycle');
    expect(missing('2022-01-01', 2024)).not.toContain('M:TM3.leader-cycle');
  });
});

describe('TM10 candidate work years on the cycle reference date', () => {
  const candidate = (appointedOn: string) => {
    const l = new SpecLedger();
    l.unit('T1');
    l.cadre('A');
    l.appoint('A', appointedOn, 'T1', 'PARTY_SECRETARY');
    l.grades('A', { 2021: 'EXCELLENT', 2022: 'COMPETENT', 2023: 'COMPETENT', 2024: 'COMPETENT', 2025: 'COMPETENT' });
    const r = excellentSecretaryCandidates(l.events, { cycle: '2021-2025' }) as unknown as { candidates: { cadreId: string }[] };
    return r.candidates.map((c) => c.cadreId);
  };
  it('5 years of township work are complete on 2025-12-31 when appointed 2020-12-31 (candidate), not when appointed 2021-01-01', () => {
    expect(candidate('2020-12-30')).toEqual(['A']);
    expect(candidate('2020-12-31')).toEqual(['A']);
    expect(candidate('2021-01-01')).toEqual([]);
  });
});
