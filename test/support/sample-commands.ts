/**
 * One schema-valid command of every public event type, addressed to aggregates named by `tag`
 * (so several callers can each send their own without colliding): the cells of the role matrix.
 */
import { COMMAND_TYPES, EVENT_CATALOGUE, type CommandType } from '@ledger/domain';

const DATA: { readonly [T in CommandType]: (tag: string) => Record<string, unknown> } = {
  OrgUnitRegistered: () => ({ name: '青山镇', kind: 'TOWNSHIP' }),
  TownshipPerformanceScored: () => ({ year: 2020, score: 88 }),
  CountyDepartmentRated: (t) => ({ year: 2020, ratedByCadreId: `C${t}`, scores: { work: 90, management: 85, service: 88 } }),
  LeaderRecommended: (t) => ({ recommendedCadreId: `R${t}`, forPost: '乡镇副镇长', reason: '工作实绩突出' }),
  RepresentativeSeatTaken: () => ({ body: 'PEOPLES_CONGRESS', level: 'COUNTY' }),
  RepresentativeSeatEnded: () => ({ body: 'PEOPLES_CONGRESS', level: 'COUNTY' }),
  CadreRegistered: () => ({ name: '张三', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } }),
  AppointedToPost: (t) => ({ orgUnitId: `T${t}`, role: 'STAFF' }),
  RemovedFromPost: (t) => ({ orgUnitId: `T${t}`, role: 'STAFF', reason: 'OTHER' }),
  Transferred: (t) => ({ from: { orgUnitId: `T${t}`, role: 'STAFF' }, to: { orgUnitId: `T${t}`, role: 'TEAM_MEMBER' } }),
  SecondmentStarted: (t) => ({ hostOrgUnitId: `T${t}`, purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: '2021-01-01' }),
  SecondmentEnded: () => ({}),
  TemporaryPostingStarted: () => ({ host: '省发改委', kind: 'HIGHER_ORGAN', plannedEndDate: '2021-01-01' }),
  TemporaryPostingEnded: () => ({}),
  RankSet: () => ({ rank: 'CLERK_1' }),
  RankPromoted: () => ({ fromRank: 'CLERK_1', toRank: 'PRINCIPAL_STAFF_4', basis: 'REGULAR', quota: 'VACANCY' }),
  AnnualAssessmentRecorded: () => ({ year: 2019, grade: 'COMPETENT' }),
  SanctionImposed: () => ({ sanctionId: 'S1', kind: 'WARNING', grounds: '据举报' }),
  SanctionRescinded: () => ({ sanctionId: 'S1', reason: 'CORRECTION' }),
  Commended: () => ({ award: 'OTHER', title: '先进个人', level: 'COUNTY' }),
  TrainingCompleted: () => ({ programme: '乡镇干部培训班', level: 'COUNTY' }),
  TalkHeld: (t) => ({ kind: 'REMINDER', withCadreId: `C${t}` }),
  HealthCheckCompleted: () => ({}),
  EntryRetracted: () => ({ targetEventId: 'no-such-event', reason: '录入错误' }),
  AppealFiled: (t) => ({ appealId: `A${t}`, cadreId: `C${t}`, targetEventId: 'no-such-event', stage: 'REVIEW', grounds: '不服', learnedOfDecisionDate: '2020-01-01' }),
  AppealDecided: (t) => ({ appealId: `A${t}`, outcome: 'DISMISSED', reasoning: '理由不足' }),
  PolicyVersionAdopted: (t) => ({ version: `v-${t}`, effectiveFrom: '2020-06-01', settings: {} }),
};

export interface SampleCommand {
  readonly type: CommandType;
  /** The import line. */
  readonly line: Record<string, unknown>;
  /** Its own route: path and body. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export function sampleCommand(type: CommandType, tag: string): SampleCommand {
  const id = `${tag}-${type}`;
  const data = DATA[type](tag);
  const effectiveDate = '2020-06-01';
  switch (EVENT_CATALOGUE[type].category) {
    case 'cadre':
      return { type, line: { id, type, cadreId: `C${tag}`, effectiveDate, documentRef: 'X〔2020〕1号', data }, path: `/v1/cadres/C${tag}/events`, body: { id, type, effectiveDate, documentRef: 'X〔2020〕1号', data } };
    case 'orgunit':
      return { type, line: { id, type, orgUnitId: `T${tag}`, effectiveDate, data }, path: `/v1/org-units/T${tag}/events`, body: { id, type, effectiveDate, data } };
    case 'appeal':
      return { type, line: { id, type, appealId: `A${tag}`, effectiveDate, data }, path: `/v1/appeals/A${tag}/events`, body: { id, type, effectiveDate, data } };
    case 'policy':
      return { type, line: { id, type, effectiveDate, data }, path: '/v1/policy/versions', body: { id, ...data } };
  }
}

export const SAMPLE_TYPES: readonly CommandType[] = COMMAND_TYPES;
