/**
 * One readable Chinese line per event payload, as an official would write it in a 履历
 * ("任 青山镇 党委书记"). Only for people: the JSON export keeps the payload as stored.
 */
import { assertNever, type RecordedEvent } from './events/domain-event';
import { orgUnitOfStream } from './events/org-units-named';
import type { Approval, Role, SanctionKind } from './vocabulary';
import type { EventData } from './events/catalogue';
import type { AppealedDecision } from './read-models/compliance';

type AppealStage = EventData<'AppealFiled'>['stage'];
import {
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPROVAL_LEVEL_NAMES_ZH,
  AWARD_NAMES_ZH,
  EVENT_TYPE_NAMES_ZH,
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
  rulesZh,
  SANCTION_CATEGORY_NAMES_ZH,
  SANCTION_KIND_NAMES_ZH,
  sanctionCategoryOf,
  SECONDMENT_PURPOSE_NAMES_ZH,
  TALK_KIND_NAMES_ZH,
  TEMPORARY_POSTING_KIND_NAMES_ZH,
} from './vocabulary-zh';

/** An org unit as a rendering needs it: its registered name and kind (null when not known). */
export interface DescribedOrgUnit {
  readonly name: string | null;
  readonly kind: string | null;
}

export type OrgUnitLookup = ReadonlyMap<string, DescribedOrgUnit>;

/** What a sentence may need beyond its own event: names of the units and cadres it mentions, and what a rescission rescinds. */
export interface DescribeContext {
  readonly orgUnits: OrgUnitLookup;
  /** Other cadres' names (talk partners, the recommended, raters); an id alone where absent. */
  readonly cadreNames?: ReadonlyMap<string, string>;
  /** Sanction kinds by sanction id: a rescission names only the id, and 处分 or 组织处理 depends on the kind. */
  readonly sanctionKinds?: ReadonlyMap<string, SanctionKind>;
  /**
   * The kind of the sanction each rescission rescinded, by the rescission's event id: the record
   * standing under its id when it was recorded, as the history links it. An id retracted and
   * recorded again with another kind named the later kind (found by a review).
   */
  readonly rescindedKinds?: ReadonlyMap<string, SanctionKind>;
  /** The events rendered together, by id: a retraction or an appeal says what record it names. */
  readonly records?: ReadonlyMap<string, RecordedEvent>;
  /** Each appeal's stage (复核 or 申诉) by appeal id, from its filing: its decision and remedies say which it was. */
  readonly appealStages?: ReadonlyMap<string, AppealStage>;
  /** Each appeal's outcome by appeal id, from its decision: a rescission it caused says 部分成立 of a partial one. */
  readonly appealOutcomes?: ReadonlyMap<string, EventData<'AppealDecided'>['outcome']>;
}

/**
 * The context of a set of events rendered together (a history, an export): rescissions learn their
 * sanction's kind, retractions and appeals the record they name.
 */
export function describeContext(events: readonly RecordedEvent[], orgUnits: OrgUnitLookup, cadreNames?: ReadonlyMap<string, string>): DescribeContext {
  const sanctionKinds = new Map<string, SanctionKind>();
  const rescindedKinds = new Map<string, SanctionKind>();
  const standing = new Map<string, { eventId: string; kind: SanctionKind }>(); // sanction id → the record standing under it
  const records = new Map<string, RecordedEvent>();
  const appealStages = new Map<string, AppealStage>();
  const appealOutcomes = new Map<string, EventData<'AppealDecided'>['outcome']>();
  for (const e of events) {
    records.set(e.eventId, e);
    if (e.type === 'SanctionImposed') {
      sanctionKinds.set(e.data.sanctionId, e.data.kind);
      standing.set(e.data.sanctionId, { eventId: e.eventId, kind: e.data.kind });
    }
    if (e.type === 'EntryRetracted') for (const [id, s] of standing) if (s.eventId === e.data.targetEventId) standing.delete(id);
    if (e.type === 'SanctionRescinded') {
      const rescinded = standing.get(e.data.sanctionId);
      if (rescinded) rescindedKinds.set(e.eventId, rescinded.kind);
    }
    if (e.type === 'AppealFiled') appealStages.set(e.data.appealId, e.data.stage);
    if (e.type === 'AppealDecided') appealOutcomes.set(e.data.appealId, e.data.outcome);
  }
  return { orgUnits, sanctionKinds, rescindedKinds, records, appealStages, appealOutcomes, ...(cadreNames ? { cadreNames } : {}) };
}


/**
 * `记录 ev-x（2021-03-01，“2020 年度考核：称职”）`: what a retraction or an appeal names, read
 * without looking the id up; the id alone when the record is not among the events rendered.
 */
function recordRef(ctx: DescribeContext, eventId: string): string {
  const target = ctx.records?.get(eventId);
  if (!target) return `记录 ${eventId}`;
  // A retracted retraction's own target is named by id only: one level is what a reader needs.
  const what = target.type === 'EntryRetracted' ? `撤回记录 ${target.data.targetEventId}` : describePayload(target, ctx);
  return `记录 ${eventId}（${target.effectiveDate}，“${what}”）`;
}

/** 复核 or 申诉 by the appeal's filing among the events rendered; 复核或申诉 when it is not among them. */
function appealStageZh(ctx: DescribeContext, appealId: string): string {
  const stage = ctx.appealStages?.get(appealId);
  return stage ? APPEAL_STAGE_NAMES_ZH[stage] : '复核或申诉';
}

function unitName(units: OrgUnitLookup, id: string): string {
  return units.get(id)?.name ?? id;
}

function cadre(ctx: DescribeContext, id: string): string {
  const name = ctx.cadreNames?.get(id);
  return name ? `${name}（${id}）` : id;
}

/** `政务处分“记过”（编号 S1）`, `组织处理“诫勉”（编号 S2）`; the generic term when the kind is not among the events rendered. */
function sanctionRef(ctx: DescribeContext, sanctionId: string, rescissionEventId?: string): string {
  const kind = (rescissionEventId !== undefined ? ctx.rescindedKinds?.get(rescissionEventId) : undefined) ?? ctx.sanctionKinds?.get(sanctionId);
  if (!kind) return `处分或组织处理 ${sanctionId}`;
  return `${SANCTION_CATEGORY_NAMES_ZH[sanctionCategoryOf(kind)]}“${SANCTION_KIND_NAMES_ZH[kind]}”（编号 ${sanctionId}）`;
}

/** A TM4_BOTH_CHIEFS_ADJUSTED finding in words, the head named by the township's name (党委书记与镇长同日调整), as the CLI and the web app say it. */
export function bothChiefsAdjustedZh(orgUnitName: string | null): string {
  return `党委书记与${roleNameZh('HEAD', { name: orgUnitName, kind: 'TOWNSHIP' })}同日调整（TM4）`;
}

/**
 * The decision an appeal names (appealedDecision), in a phrase for the appeals list:
 * `2024-03-01 政务处分“记过”（编号 S1）`, `2024 年度考核：基本称职`, with （已撤回） once a clerical
 * correction struck it out, （已由该决定更正） once the appeal's own decision corrected it; a sanction
 * （已由该决定撤销） once the decision's remedy rescinded it, （已撤销） once another rescission did.
 */
export function appealedDecisionZh(d: AppealedDecision): string {
  const said =
    d.type === 'SanctionImposed'
      ? `${d.effectiveDate} ${SANCTION_CATEGORY_NAMES_ZH[sanctionCategoryOf(d.sanctionKind)]}“${SANCTION_KIND_NAMES_ZH[d.sanctionKind]}”（编号 ${d.sanctionId}）`
      : `${d.year} 年度考核：${GRADE_NAMES_ZH[d.grade]}`;
  if (d.retracted) return `${said}（已撤回）`;
  if (d.correctedByDecision) return `${said}（已由该决定更正）`;
  if (d.type === 'SanctionImposed' && d.rescinded) return `${said}${d.rescindedByDecision ? '（已由该决定撤销）' : '（已撤销）'}`;
  return said;
}

/**
 * A decision recorded but dated after the day asked about (AppealOverview.decisionScheduled), beside
 * the appeal's status: `决定 2027-01-15 成立（晚于截至日期）`, true of a past as-of date as of today.
 */
export function decisionScheduledZh(d: { readonly decidedOn: string; readonly outcome: keyof typeof APPEAL_OUTCOME_NAMES_ZH }): string {
  return `决定 ${d.decidedOn} ${APPEAL_OUTCOME_NAMES_ZH[d.outcome]}（晚于截至日期）`;
}

/**
 * 乡长 or 镇长 by the township's name; 局长 in a county department (EVENTS.md "Roles"); 县长 in the
 * county leadership (县委县政府); 主要负责人 in another unit (found by a review: the county head was
 * called 乡镇长). The generic 乡镇长 when the unit is not known.
 */
export function roleNameZh(role: Role, unit: DescribedOrgUnit | undefined): string {
  if (role !== 'HEAD' && role !== 'DEPUTY_HEAD') return ROLE_NAMES_ZH[role];
  const deputy = role === 'DEPUTY_HEAD' ? '副' : '';
  if (unit?.kind === 'COUNTY_DEPARTMENT') return `${deputy}局长`;
  if (unit?.kind === 'COUNTY_LEADERSHIP') return `${deputy}县长`;
  if (unit?.kind === 'OTHER') return role === 'HEAD' ? '主要负责人' : '副职负责人';
  if (unit?.kind === 'TOWNSHIP' && unit.name?.endsWith('镇')) return `${deputy}镇长`;
  if (unit?.kind === 'TOWNSHIP' && unit.name?.endsWith('乡')) return `${deputy}乡长`;
  return ROLE_NAMES_ZH[role];
}

/**
 * A refusal's posts (postZh: "D003 乡镇长", written by rules that see no unit) in their units' words
 * (D003 局长, T0002 乡长), once the application has read the units: a county bureau's head was called
 * 乡镇长 in refusals the pages name 局长 (found by a review). An id is matched whole, not inside a longer one.
 */
export function postsNamedByUnitsZh(messageZh: string, units: OrgUnitLookup): string {
  let named = messageZh;
  for (const [orgUnitId, unit] of units) {
    const id = orgUnitId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const role of ['DEPUTY_HEAD', 'HEAD'] as const) {
      const written = new RegExp(`(?<![A-Za-z0-9_.:-])${id} ${ROLE_NAMES_ZH[role]}`, 'g');
      named = named.replace(written, `${orgUnitId} ${roleNameZh(role, unit)}`);
    }
  }
  return named;
}

/**
 * A role whatever its unit, as a filter over every unit names it: 乡镇长、局长 for HEAD (found by a
 * review: a roster filter labelled 乡镇长 listed county bureau heads too).
 */
export function roleNameAnyUnitZh(role: Role): string {
  if (role === 'HEAD') return '乡镇长、局长';
  if (role === 'DEPUTY_HEAD') return '副乡镇长、副局长';
  return ROLE_NAMES_ZH[role];
}

function post(units: OrgUnitLookup, p: { orgUnitId: string; role: Role }): string {
  return `${unitName(units, p.orgUnitId)} ${roleNameZh(p.role, units.get(p.orgUnitId))}`;
}

function approval(a: Approval | undefined): string {
  return a ? `（${APPROVAL_LEVEL_NAMES_ZH[a.level]}，${a.ref}）` : '';
}

/** One sentence per event type (the switch is exhaustive), for the CLI history and the HTML export alike. */
export function describeEventZh(event: RecordedEvent, ctx: DescribeContext): string {
  const text = describePayload(event, ctx);
  const o = event.override;
  const override = o ? `；作为政策例外录入，涉及 ${rulesZh(o.rules) || '政策规则'}${o.policyVersion !== undefined ? `（政策版本 ${o.policyVersion}）` : ''}，理由：${o.reason}` : '';
  return text + override;
}

function describePayload(e: RecordedEvent, ctx: DescribeContext): string {
  const units = ctx.orgUnits;
  switch (e.type) {
    case 'CadreRegistered': {
      const d = e.data;
      const edu = `${EDUCATION_NAMES_ZH[d.education.level]}${d.education.fullTime ? '（全日制）' : '（在职）'}${d.education.doubleFirstClass ? '，“双一流”高校' : ''}`;
      return `登记入册：${d.name}，${GENDER_NAMES_ZH[d.gender]}，${d.birthDate} 出生，${edu}${d.workStartDate ? `，${d.workStartDate} 参加工作` : ''}`;
    }
    case 'AppointedToPost':
      return `任 ${post(units, e.data)}${approval(e.data.approval)}`;
    case 'RemovedFromPost':
      return `免去 ${post(units, e.data)} 职务（${REMOVAL_REASON_NAMES_ZH[e.data.reason]}）${approval(e.data.approval)}`;
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
      return `${SANCTION_CATEGORY_NAMES_ZH[sanctionCategoryOf(e.data.kind)]}：${SANCTION_KIND_NAMES_ZH[e.data.kind]}（编号 ${e.data.sanctionId}）：${e.data.grounds}`;
    case 'SanctionRescinded': {
      // 复核 or 申诉 as its filing says (found by a review: a 复核 read 复核或申诉 here, and 复核 in the stream title).
      const stage = e.data.appealId !== undefined ? appealStageZh(ctx, e.data.appealId) : undefined;
      // 部分成立 of a decision partly upheld, as the decision says (found by a review: "复核成立" beside "决定：部分成立").
      const partly = e.data.appealId !== undefined && ctx.appealOutcomes?.get(e.data.appealId) === 'PARTIALLY_UPHELD';
      const reason = e.data.reason === 'APPEAL_UPHELD' && stage !== undefined ? `${stage}${partly ? '部分成立' : '成立'}` : RESCISSION_REASON_NAMES_ZH[e.data.reason];
      return `撤销${sanctionRef(ctx, e.data.sanctionId, e.eventId)}（${reason}${e.data.appealId ? `，${stage} ${e.data.appealId}` : ''}），自始无效`;
    }
    case 'Commended': {
      // The award always, its title beside it, and 特别优秀: TM10 reads both (found by a review: a title hid the award).
      const award = e.data.award === 'OTHER' && e.data.title ? e.data.title : `${AWARD_NAMES_ZH[e.data.award]}${e.data.title ? `「${e.data.title}」` : ''}`;
      return `${LEVEL_NAMES_ZH[e.data.level]}表彰：${award}${e.data.cycle ? `（${e.data.cycle} 周期）` : ''}${e.data.especiallyOutstanding ? '，特别优秀' : ''}`;
    }
    case 'TrainingCompleted':
      return `${LEVEL_NAMES_ZH[e.data.level]}培训：${e.data.programme}`;
    case 'TalkHeld':
      return `${TALK_KIND_NAMES_ZH[e.data.kind]}，谈话对象 ${cadre(ctx, e.data.withCadreId)}`;
    case 'HealthCheckCompleted':
      return '完成健康体检';
    case 'LeaderRecommended':
      // Named by the recommender too: the recommended cadre's history shows it (found by a review: it read as self-recommendation).
      return `${cadre(ctx, e.streamId.replace(/^cadre-/, ''))}向县委实名推荐 ${cadre(ctx, e.data.recommendedCadreId)} 为${e.data.forPost}人选：${e.data.reason}`;
    case 'RepresentativeSeatTaken':
      return `当选${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}${e.data.committeeMember ? '（县委委员）' : ''}`;
    case 'RepresentativeSeatEnded':
      return `${LEVEL_NAMES_ZH[e.data.level]}${REPRESENTATIVE_BODY_NAMES_ZH[e.data.body]}任期结束`;
    case 'EntryRetracted':
      return `撤回${recordRef(ctx, e.data.targetEventId)}：${e.data.reason}`;
    case 'AppealFiled':
      return `提出${APPEAL_STAGE_NAMES_ZH[e.data.stage]}（${e.data.appealId}），针对${recordRef(ctx, e.data.targetEventId)}，${e.data.learnedOfDecisionDate} 知悉原决定：${e.data.grounds}`;
    case 'AppealDecided':
      return `${appealStageZh(ctx, e.data.appealId)}（${e.data.appealId}）决定：${APPEAL_OUTCOME_NAMES_ZH[e.data.outcome]}。${e.data.reasoning}`;
    case 'OrgUnitRegistered':
      return `${EVENT_TYPE_NAMES_ZH.OrgUnitRegistered}：${e.data.name}（${ORG_UNIT_KIND_NAMES_ZH[e.data.kind]}）`;
    case 'TownshipPerformanceScored':
      return `${e.data.year} 年度目标绩效考核得分 ${e.data.score}${e.data.correctsEventId ? `（更正${recordRef(ctx, e.data.correctsEventId)}：${e.data.correctionReason ?? ''}）` : ''}`;
    case 'CountyDepartmentRated':
      return `${e.data.year} 年度乡镇党政正职 ${cadre(ctx, e.data.ratedByCadreId)} 测评：工作实绩 ${e.data.scores.work}，管理 ${e.data.scores.management}，服务 ${e.data.scores.service}${e.data.correctsEventId ? `（更正${recordRef(ctx, e.data.correctsEventId)}：${e.data.correctionReason ?? ''}）` : ''}`;
    case 'PostHolderChanged': {
      const unit = orgUnitOfStream(e.streamId);
      return `${roleNameZh(e.data.role, unit ? units.get(unit) : undefined)} ${POST_HOLDER_CHANGE_NAMES_ZH[e.data.change]}：${cadre(ctx, e.data.cadreId)}`;
    }
    case 'PolicyVersionAdopted':
      return `采用政策版本 ${e.data.version}，自 ${e.data.effectiveFrom} 起施行`;
    default:
      return assertNever(e, 'event type');
  }
}
