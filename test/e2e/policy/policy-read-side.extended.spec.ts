/**
 * Policy versions: the read side reads the version in effect on the right date, as known at the right instant.
 */
import { inPostPromotionEligibility } from '../../../libs/domain/src/read-models/eligibility';
import { excellentSecretaryCandidates } from '../../../libs/domain/src/read-models/candidates';
import { tenure } from '../../../libs/domain/src/read-models/tenure';
import { ledgerFactsOf } from '../../../libs/domain/src/read-models/ledger-facts';
import { d, SpecLedger } from '../../../libs/domain/src/read-models/spec-ledger';
import { teamCompositionReport } from '../../../libs/domain/src/reports/team-composition';
import { trainingReport } from '../../../libs/domain/src/reports/training';
import { talksReport } from '../../../libs/domain/src/reports/talks';
import { healthChecksReport } from '../../../libs/domain/src/reports/health-checks';
import { focusLedgerReport } from '../../../libs/domain/src/reports/focus-ledger';
import { reminderTalksReport } from '../../../libs/domain/src/reports/reminder-talks';
import { promotionPoolReport } from '../../../libs/domain/src/reports/promotion-pool';
import { secretarySeatsReport } from '../../../libs/domain/src/reports/secretary-seats';
import { measureFindings } from '../../../libs/domain/src/reports/measure-findings';
import { cadreStateAt } from '../../../libs/domain/src/read-models/cadre-state-at';

/** C1: party secretary of T01 since 2016-03-01, EXCELLENT 2018 and 2020, COMPETENT otherwise. */
function base(): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.cadre('C1');
  l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2016-03-01T02:00:00.000Z' });
  for (let y = 2016; y <= 2021; y++) l.grade('C1', y, y === 2018 || y === 2020 ? 'EXCELLENT' : 'COMPETENT', { recordedAt: `${y + 1}-01-20T02:00:00.000Z` });
  return l;
}
const six = (s: any) => ({ ...s, inPostPromotion: { ...s.inPostPromotion, partySecretaryRunYears: 6 } });

describe('TM6b eligibility under policy versions', () => {
  it('a version effective D (6-year run) applies on D, not on D-1', () => {
    const l = base();
    l.policy('v6', '2022-06-01', six, { recordedAt: '2022-05-01T02:00:00.000Z' });
    const before = inPostPromotionEligibility(l.events, { asOf: d('2022-05-31') });
    const on = inPostPromotionEligibility(l.events, { asOf: d('2022-06-01') });
    expect([before.policyVersion, before.cadres[0]?.eligible, on.policyVersion, on.cadres[0]?.eligible]).toEqual(['1', false, 'v6', true]);
  });

  it('a back-dated version (adopted 2023, effective 2020): asked as known before its adoption, the old settings', () => {
    const l = base();
    l.policy('v6', '2020-01-01', six, { recordedAt: '2023-03-01T02:00:00.000Z' });
    const now = inPostPromotionEligibility(l.events, { asOf: d('2022-06-01') });
    const then = inPostPromotionEligibility(l.events, { asOf: d('2022-06-01'), knownAt: '2023-01-01T00:00:00+08:00' });
    expect([now.policyVersion, now.cadres[0]?.eligible, then.policyVersion, then.cadres[0]?.eligible, then.runYears.partySecretary]).toEqual(['v6', true, '1', false, 8]);
  });

  it('two versions effective the same day: the one adopted later wins, also as known between the two adoptions', () => {
    const l = base();
    l.policy('v6', '2022-01-01', six, { recordedAt: '2021-12-01T02:00:00.000Z' });
    l.policy('v6-corrected', '2022-01-01', (s) => s, { recordedAt: '2021-12-15T02:00:00.000Z' });
    expect(inPostPromotionEligibility(l.events, { asOf: d('2022-06-01') }).policyVersion).toBe('v6-corrected');
    expect(inPostPromotionEligibility(l.events, { asOf: d('2022-06-01'), knownAt: '2021-12-10' }).policyVersion).toBe('v6');
  });
});

describe('TM10 candidates under policy versions', () => {
  function secretaries(quota: number): SpecLedger {
    const l = new SpecLedger();
    for (let i = 1; i <= 4; i++) {
      l.unit(`T0${i}`);
      l.cadre(`C${i}`);
      l.appoint(`C${i}`, '2010-01-01', `T0${i}`, 'PARTY_SECRETARY', { recordedAt: '2010-01-01T02:00:00.000Z' });
      for (let y = 2021; y <= 2025; y++) l.grade(`C${i}`, y, y - 2020 <= i ? 'EXCELLENT' : 'COMPETENT', { recordedAt: `${y + 1}-01-20T02:00:00.000Z` });
    }
    void quota;
    return l;
  }
  it('a quota version effective on the reference date (31 Dec of the cycle’s last year) applies; one effective the day after does not', () => {
    const on = secretaries(2);
    on.policy('q2', '2025-12-31', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota: 2 } }), { recordedAt: '2026-02-01T02:00:00.000Z' });
    const after = secretaries(2);
    after.policy('q2', '2026-01-01', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota: 2 } }), { recordedAt: '2026-02-01T02:00:00.000Z' });
    const a = excellentSecretaryCandidates(on.events, { cycle: '2021-2025' });
    const b = excellentSecretaryCandidates(after.events, { cycle: '2021-2025' });
    expect([a.quota, (a as any).policyVersion, a.candidates.filter((c) => c.withinQuota).length]).toEqual([2, 'q2', 2]);
    expect([b.quota, (b as any).policyVersion]).toEqual([23, '1']);
  });
  it('known before the quota version was recorded, the old quota', () => {
    const l = secretaries(2);
    l.policy('q2', '2025-01-01', (s) => ({ ...s, excellentSecretary: { ...s.excellentSecretary, quota: 2 } }), { recordedAt: '2026-03-01T02:00:00.000Z' });
    const a = excellentSecretaryCandidates(l.events, { cycle: '2021-2025', knownAt: '2026-02-28' });
    expect([a.quota, (a as any).policyVersion]).toEqual([23, '1']);
  });
});

describe('tenure under policy versions (C1 continuityGraceDays)', () => {
  it('a grace of 30 days effective D joins two holdings with a 10-day gap when asked on D, not on D-1', () => {
    const l = new SpecLedger();
    l.unit('T01');
    l.unit('T02');
    l.cadre('C1');
    l.appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
    l.remove('C1', '2018-01-01', 'T01', 'PARTY_SECRETARY');
    l.appoint('C1', '2018-01-11', 'T02', 'PARTY_SECRETARY');
    l.policy('grace30', '2020-06-01', (s) => ({ ...s, continuityGraceDays: 30 }), { recordedAt: '2020-05-01T00:00:00.000Z' });
    const before = tenure(l.events, 'C1', { asOf: d('2020-05-31') });
    const on = tenure(l.events, 'C1', { asOf: d('2020-06-01') });
    expect([before.partySecretaryRun?.start, on.partySecretaryRun?.start, (on as any).policyVersion]).toEqual(['2018-01-11', '2015-01-01', 'grace30']);
  });
});

describe('reports under policy versions', () => {
  function county(): SpecLedger {
    const l = new SpecLedger();
    l.unit('T01');
    l.cadre('C1');
    l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2016-03-01T02:00:00.000Z' });
    l.cadre('C2');
    l.appoint('C2', '2019-03-01', 'T01', 'DEPUTY_HEAD', { recordedAt: '2019-03-01T02:00:00.000Z' });
    return l;
  }
  it('team composition: a version effective D (a member needs 5 years) is named and applied on D, not D-1', () => {
    const l = county();
    l.policy('tm1-5y', '2022-06-01', (s) => ({ ...s, teamAges: { ...s.teamAges, memberMinTownshipWorkYears: 5 } }), { recordedAt: '2022-05-01T00:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    const a = teamCompositionReport(facts, { asOf: d('2022-05-31') });
    const b = teamCompositionReport(facts, { asOf: d('2022-06-01') });
    const c = teamCompositionReport(facts, { asOf: d('2022-06-01'), knownAt: '2022-04-30' });
    expect([a.policyVersion, b.policyVersion, c.policyVersion]).toEqual(['1', 'tm1-5y', '1']);
  });
  it('training (TM3): the year’s report reads the version in effect on 31 December of that year, as known then', () => {
    const l = county();
    l.policy('tm3', '2021-12-31', (s) => ({ ...s, training: { chiefEveryYears: 2, leaderEveryYears: 3 } }), { recordedAt: '2022-01-05T00:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    expect(trainingReport(facts, { year: 2021 }).policyVersion).toBe('tm3');
    expect(trainingReport(facts, { year: 2020 }).policyVersion).toBe('1');
    expect(trainingReport(facts, { year: 2021, knownAt: '2022-01-01' }).policyVersion).toBe('1');
    expect(talksReport(facts, { year: 2021, knownAt: '2022-01-01' }).policyVersion).toBe('1');
    expect(healthChecksReport(facts, { year: 2021, knownAt: '2022-01-01' }).policyVersion).toBe('1');
  });
  it('every as-of report names the version of its as-of date, as known at knownAt', () => {
    const l = county();
    l.policy('v2', '2022-06-01', (s) => s, { recordedAt: '2022-07-01T00:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    const names = (asOf: string, knownAt?: string) => {
      const o = { asOf: d(asOf), ...(knownAt ? { knownAt } : {}) };
      return [
        (focusLedgerReport(facts, o) as any).policyVersion,
        (promotionPoolReport(facts, o) as any).policyVersion,
        (secretarySeatsReport(facts, o) as any).policyVersion,
        (reminderTalksReport(facts, { year: Number(asOf.slice(0, 4)) - 1, ...o }) as any).policyVersion,
      ];
    };
    expect(names('2022-05-31')).toEqual(['1', '1', '1', '1']);
    expect(names('2023-01-01')).toEqual(['v2', 'v2', 'v2', 'v2']);
    expect(names('2023-01-01', '2022-06-30')).toEqual(['1', '1', '1', '1']);
  });
  it('cadre state at (knownAt before the adoption) names the old version', () => {
    const l = county();
    l.policy('v2', '2020-01-01', six, { recordedAt: '2022-07-01T00:00:00.000Z' });
    const s = cadreStateAt(l.events, 'C1', { asOf: d('2022-06-01'), knownAt: '2022-06-30' }) as any;
    expect(JSON.stringify(s)).not.toContain('"v2"');
  });
  it('measure findings name the version each was judged under, as known at knownAt', () => {
    const l = county();
    l.policy('v2', '2020-01-01', (s) => s, { recordedAt: '2023-07-01T00:00:00.000Z' });
    const facts = ledgerFactsOf(l.events);
    const fs = measureFindings(facts, { asOf: d('2023-01-01'), knownAt: '2023-06-30' } as any);
    expect(fs.length).toBeGreaterThan(0);
    expect([...new Set(fs.map((f) => f.policyVersion))]).toEqual(['1']);
  });
});
