/**
 * Policy versions: the version of the event's own date decides,
 * at the boundary; an override is kept only where a rule was departed from, and lifts policy rules only.
 */
import { given, rejected } from '../../../libs/domain/src/testing/given-when-then';
import {
  adoptPolicy,
  appoint,
  MUNICIPAL,
  promote,
  registerCadre,
  registerOrgUnit,
  removeFromPost,
  setRank,
  transfer,
  rateDepartment,
} from '../../../libs/domain/src/testing/commands';
import type { CareerCommand } from '../../../libs/domain/src/commands';

const ov = { override: { reason: '县委常委会研究决定' } };
const withOverride = (c: CareerCommand): CareerCommand => ({ ...c, ...ov }) as CareerCommand;
const ownEvent = (decision: any, id: string) => decision.flatMap((w: any) => w.events).find((e: any) => e.eventId === id);

describe('write rules read the version of the event’s own date', () => {
  const ceiling3 = adoptPolicy('ceil-r3', '2022-06-01', (s) => ({ ...s, rankPromotion: { ...s.rankPromotion, highestRankForCountyCadres: 'RESEARCHER_3' } }));
  const cadre = [registerCadre('A'), setRank('A', '2015-01-01', 'RESEARCHER_4')];

  it('N1 ceiling lowered from D: a RankSet of 二级调研员 on D-1 passes, on D is refused (POLICY), with an override it is stored naming N1', () => {
    given(ceiling3, registerCadre('B')).when(setRank('B', '2022-05-31', 'RESEARCHER_2')).decision();
    given(ceiling3, registerCadre('B')).when(setRank('B', '2022-06-01', 'RESEARCHER_2')).then(rejected('RULE_N1_ABOVE_COUNTY_CEILING', { kind: 'POLICY' }));
    const d = given(ceiling3, registerCadre('B')).when(withOverride({ ...setRank('B', '2022-06-01', 'RESEARCHER_2'), id: 'rs' } as CareerCommand)).decision();
    expect(ownEvent(d, 'rs').override).toEqual({ reason: '县委常委会研究决定', rules: ['N1'], policyVersion: 'ceil-r3' });
  });

  it('N2 minimum years lowered from D (1 year): a promotion on D after 1 year passes without override; an override given is not kept', () => {
    const oneYear = adoptPolicy('n2-1y', '2016-01-01', (s) => ({
      ...s,
      rankPromotion: { ...s.rankPromotion, minimumYearsInRank: { ...s.rankPromotion.minimumYearsInRank, RESEARCHER_4: 1 } },
    }));
    const d = given(oneYear, ...cadre).when({ ...withOverride(promote('A', '2016-01-01', 'RESEARCHER_4', 'RESEARCHER_3')), id: 'p1' } as CareerCommand).decision();
    expect(ownEvent(d, 'p1').override).toBeUndefined();
    given(oneYear, ...cadre).when(promote('A', '2015-12-31', 'RESEARCHER_4', 'RESEARCHER_3')).then(rejected('RULE_N2_MINIMUM_YEARS', { kind: 'POLICY' }));
  });

  it('a back-dated version adopted after a move does not re-decide it, and a later move is decided under it', () => {
    const g = given(registerOrgUnit('T01'), registerOrgUnit('T02'), registerCadre('A'), appoint('A', '2019-01-01', 'T01', 'PARTY_SECRETARY'));
    g.ledger.execute(adoptPolicy('tm4-1y', '2019-01-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 1 } })));
    const d = g.when({ ...transfer('A', '2020-01-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'PARTY_SECRETARY']), id: 'tr' } as CareerCommand).decision();
    expect(ownEvent(d, 'tr').override).toBeUndefined();
  });
});

describe('overrides: kept only where departed, refused for integrity rules', () => {
  const chief = [registerOrgUnit('T01'), registerCadre('A'), appoint('A', '2019-01-01', 'T01', 'PARTY_SECRETARY')];

  it('an early move WITH municipal approval and an override: nothing departed from, no override kept', () => {
    const d = given(...chief).when({ ...withOverride(removeFromPost('A', '2020-01-01', 'T01', 'PARTY_SECRETARY', { approval: MUNICIPAL })), id: 'rm' } as CareerCommand).decision();
    expect(ownEvent(d, 'rm').override).toBeUndefined();
  });

  it('an integrity breach carrying an override is refused as INTEGRITY (removal from a post not held)', () => {
    given(...chief).when(withOverride(removeFromPost('A', '2020-01-01', 'T01', 'HEAD'))).then(rejected('RULE_I_REMOVAL_OF_POST_NOT_HELD', { kind: 'INTEGRITY' }));
  });

  it('a policy adoption carrying an override: stored without any override (no rule departed from)', () => {
    const d = given().when({ ...withOverride(adoptPolicy('v2', '2024-01-01')), id: 'pv' } as CareerCommand).decision();
    expect(ownEvent(d, 'pv').override).toBeUndefined();
  });

  it('an override on an adoption that breaks an integrity rule (existing version) is refused naming it', () => {
    given(adoptPolicy('v2', '2024-01-01')).when(withOverride(adoptPolicy('v2', '2025-01-01'))).then(rejected('RULE_I_POLICY_VERSION_EXISTS', { kind: 'INTEGRITY' }));
  });

  it('TM5 rating by a cadre who is not a township chief: refused (POLICY), stored with TM5 under an override', () => {
    const base = [registerOrgUnit('D01', 'COUNTY_DEPARTMENT'), registerCadre('A')];
    given(...base).when(rateDepartment('D01', '2021-01-10', 2020, 'A')).then(rejected('RULE_TM5_RATER_NOT_A_CHIEF', { kind: 'POLICY' }));
    const d = given(...base).when({ ...withOverride(rateDepartment('D01', '2021-01-10', 2020, 'A')), id: 'rate' } as CareerCommand).decision();
    expect(ownEvent(d, 'rate').override).toEqual({ reason: '县委常委会研究决定', rules: ['TM5'], policyVersion: '1' });
  });
});
