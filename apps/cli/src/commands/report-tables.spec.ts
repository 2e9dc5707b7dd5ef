/**
 * The CLI's report tables say a policy's settings as the answer gives them. TM3's cycles are
 * settings (RULES: "Thresholds are policy settings, not constants"): under a policy version whose
 * leader cycle is 2 years, the training table said 三年 (found by a review).
 */
import { ledgerFactsOf } from '@ledger/domain/read-models/ledger-facts';
import { SpecLedger } from '@ledger/domain/read-models/spec-ledger';
import { trainingReport } from '@ledger/domain/reports/training';
import { printReport } from './report-tables';

function printed(report: unknown): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    chunks.push(String(s));
    return true;
  });
  try {
    printReport('training', report);
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('CLI training table under a policy version with a 2-year leader cycle (TM3 setting)', () => {
  const l = new SpecLedger();
  l.policy('2', '2020-01-01', (s) => ({ ...s, training: { chiefEveryYears: 1, leaderEveryYears: 2 } }));
  l.unit('T01', 'TOWNSHIP', '青山镇');
  l.cadre('M');
  l.appoint('M', '2015-01-01', 'T01', 'DEPUTY_HEAD');
  l.add('cadre-M', 'TrainingCompleted', '2022-06-01', { programme: '乡镇领导干部培训班', level: 'COUNTY' });
  const report = trainingReport(ledgerFactsOf(l.events), { year: 2024 });

  it('the report computes a 2-year window under policy 2, and says the cycles', () => {
    expect(report.policyVersion).toBe('2');
    expect(report.missing.map((m) => [m.cadreId, m.rule, m.fromYear, m.toYear])).toEqual([['M', 'TM3.leader-cycle', 2023, 2024]]);
    expect(report.cycles).toEqual({ chiefEveryYears: 1, leaderEveryYears: 2 });
  });

  it('the Chinese table says the policy’s two years, not 三年', () => {
    const text = printed(report);
    expect(text).not.toContain('三年');
    expect(text).toContain('其中两年内未培训');
    expect(text).toContain('其中当年未培训');
    expect(text).toContain('领导干部按期参加培训（2023–2024）');
  });
});
