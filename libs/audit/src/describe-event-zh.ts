/**
 * One readable Chinese line per event payload, as an official would write it in a 履历
 * ("任 青山镇 党委书记"). Only for people: the JSON export keeps the payload as stored.
 */
import { assertNever, type Approval, type RecordedEvent, type Role } from '@ledger/domain';
import type { ExportedOrgUnit } from './export-document';
import {
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPROVAL_LEVEL_NAMES_ZH,
  AWARD_NAMES_ZH,
  EDUCATION_NAMES_ZH,
  GENDER_NAMES_ZH,
  GRADE_NAMES_ZH,
  LEVEL_NAMES_ZH,
  ORG_UNIT_KIND_NAMES_ZH,
  POST_HOLDER_CHANGE_NAMES_ZH,
  PROMOTION_BASIS_NAMES_ZH,
  QUOTA_NAMES_ZH,
  RANK_NAMES_ZH,
  REMOVAL_REASON_NAMES_ZH,
  REPRESENTATIVE_BODY_NAMES_ZH,
  RESCISSION_REASON_NAMES_ZH,
  ROLE_NAMES_ZH,
  SANCTION_KIND_NAMES_ZH,
  SECONDMENT_PURPOSE_NAMES_ZH,
  TALK_KIND_NAMES_ZH,
  TEMPORARY_POSTING_KIND_NAMES_ZH,
} from './names-zh';

export type OrgUnitLookup = ReadonlyMap<string, ExportedOrgUnit>;

function unitName(units: OrgUnitLookup, id: string): string {
  return units.get(id)?.name ?? id;
}

/** 乡长 or 镇长 by the township's name; 局长 in a county department (EVENTS.md "Roles"). */
export function roleNameZh(role: Role, unit: ExportedOrgUnit | undefined): string {
  if (role !== 'HEAD' && role !== 'DEPUTY_HEAD') return ROLE_NAMES_ZH[role];
  const deputy = role === 'DEPUTY_HEAD' ? '副' : '';
  if (unit?.kind === 'COUNTY_DEPARTMENT') return `${deputy}局长`;
  if (unit?.kind === 'TOWNSHIP' && unit.name?.endsWith('镇')) return `${deputy}镇长`;
  if (unit?.kind === 'TOWNSHIP' && unit.name?.endsWith('乡')) return `${deputy}乡长`;
  return ROLE_NAMES_ZH[role];
}

function post(units: OrgUnitLookup, p: { orgUnitId: string; role: Role }): string {
  return `${unitName(units, p.orgUnitId)} ${roleNameZh(p.role, units.get(p.orgUnitId))}`;
}

function approval(a: Approval | undefined): string {
  return a ? `（${APPROVAL_LEVEL_NAMES_ZH[a.level]}，${a.ref}）` : '';
}

export function describeEventZh(event: RecordedEvent, units: OrgUnitLookup): string {
  const text = describePayload(event, units);
  const override = event.override ? `；例外记录（${event.override.rules.join('、') || '政策规则'}）：${event.override.reason}` : '';
  return text + override;
}

function describePayload(e: RecordedEvent, units: OrgUnitLookup): string {
  switch (e.type) {
    case 'CadreRegistered': {
      const d = e.data;
      const edu = `${EDUCATION_NAMES_ZH[d.education.level]}${d.education.fullTime ? '（全日制）' : '（在职）'}${d.education.doubleFirstClass ? '，“双一流”高校' : ''}`;
      return `登记入册：${d.name}，${GENDER_NAMES_ZH[d.gender]}，${d.birthDate} 出生，${edu}${d.workStartDate ? `，${d.workStartDate} 参加工作` : ''}`;
    }
    case 'AppointedToPost':
      return `任 ${post(units, e.data)}${approval(e.data.approval)}`;
    case 'RemovedFromPost':
      return `免去 ${post(units, e.data)}（${REMOVAL_REASON_NAMES_ZH[e.data.reason]}）${approval(e.data.approval)}`;
    case 'Transferred':
      return `由 ${post(units, e.data.from)} 交流任 ${post(units, e.data.to)}${approval(e.data.approval)}`;
    case 'SecondmentStarted':
      return `借调至 ${unitName(units, e.data.hostOrgUnitId)}（${SECONDMENT_PURPOSE_NAMES_ZH[e.data.purpose]}），计划至 ${e.data.plannedEndDate}${approval(e.data.approval)}`;
    case 'SecondmentEnded':
      return '借调结束';
    case 'TemporaryPostingStarted':
      return `赴 ${e.data.host} 挂职锻炼（${TEMPORARY_POSTING_KIND_NAMES_ZH[e.data.kind]}），计划至 ${e.data.plannedEndDate}`;
    case 'TemporaryPostingEnded':
      return '挂职结束';
    case 'RankSet':
      return `职级：${RANK_NAMES_ZH[e.data.rank]}`;
    case 'RankPromoted':
      return `由 ${RANK_NAMES_ZH[e.data.fromRank]} 晋升为 ${RANK_NAMES_ZH[e.data.toRank]}（${PROMOTION_BASIS_NAMES_ZH[e.data.basis]}，使用${QUOTA_NAMES_ZH[e.data.quota]}）`;
    case 'AnnualAssessmentRecorded':
      return `${e.data.year} 年度考核：${GRADE_NAMES_ZH[e.data.grade]}`;
    case 'SanctionImposed':
      return `${SANCTION_KIND_NAMES_ZH[e.data.kind]}（处分编号 ${e.data.sanctionId}）：${e.data.grounds}`;
    case 'SanctionRescinded':
      return `撤销处分 ${e.data.sanctionId}（${RESCISSION_REASON_NAMES_ZH[e.data.reason]}${e.data.appealId ? `，申诉 ${e.data.appealId}` : ''}）`;
    case 'Commended':
      return `${LEVEL_NAMES_ZH[e.data.level]}表彰：${e.data.title ?? AWARD_NAMES_ZH[e.data.award]}${e.data.cycle ? `（${e.data.cycle} 周期）` : ''}`;
    case 'TrainingCompleted':
      return `${LEVEL_NAMES_ZH[e.data.level]}培训：${e.data.programme}`;
    case 'TalkHeld':
      return `${TALK_KIND_NAMES_ZH[e.data.kind]}，谈话对象 ${e.data.withCadreId}`;
    case 'HealthCheckCompleted':
      return '完成健康体检';
    case 'LeaderRecommended':
      return `向县委实名推荐 ${e.data.recommendedCadreId} 为${e.data.forPost}人选：${e.data.reason}`;
    case 'RepresentativeSeatTaken':
      return `当选${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}${e.data.committeeMember ? '（县委委员）' : ''}`;
    case 'RepresentativeSeatEnded':
      return `${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}任期结束`;
    case 'EntryRetracted':
      return `撤回记录 ${e.data.targetEventId}：${e.data.reason}`;
    case 'AppealFiled':
      return `提出${APPEAL_STAGE_NAMES_ZH[e.data.stage]}（${e.data.appealId}），针对记录 ${e.data.targetEventId}，${e.data.learnedOfDecisionDate} 知悉原决定：${e.data.grounds}`;
    case 'AppealDecided':
      return `申诉 ${e.data.appealId} 决定：${APPEAL_OUTCOME_NAMES_ZH[e.data.outcome]}。${e.data.reasoning}`;
    case 'OrgUnitRegistered':
      return `机构登记：${e.data.name}（${ORG_UNIT_KIND_NAMES_ZH[e.data.kind]}）`;
    case 'TownshipPerformanceScored':
      return `${e.data.year} 年度目标绩效考核得分 ${e.data.score}`;
    case 'CountyDepartmentRated':
      return `${e.data.year} 年度乡镇党政正职 ${e.data.ratedByCadreId} 测评：工作实绩 ${e.data.scores.work}，管理 ${e.data.scores.management}，服务 ${e.data.scores.service}`;
    case 'PostHolderChanged':
      return `${ROLE_NAMES_ZH[e.data.role]} ${POST_HOLDER_CHANGE_NAMES_ZH[e.data.change]}：${e.data.cadreId}`;
    case 'PolicyVersionAdopted':
      return `采用政策版本 ${e.data.version}，自 ${e.data.effectiveFrom} 起施行`;
    default:
      return assertNever(e, 'event type');
  }
}
