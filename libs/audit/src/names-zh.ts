/**
 * Chinese names for the audit rendering: event types and every enumeration a payload can carry.
 * Keyed by the domain's own types, so a new value in the vocabulary fails to compile here.
 */
import { GRADE_NAMES_ZH, RANK_NAMES_ZH, ROLE_NAMES_ZH, SANCTION_KIND_NAMES_ZH, type CareerEventType, type EventData, type OrgUnitKind } from '@ledger/domain';

export { GRADE_NAMES_ZH, RANK_NAMES_ZH, ROLE_NAMES_ZH, SANCTION_KIND_NAMES_ZH };

export const EVENT_TYPE_NAMES_ZH: Record<CareerEventType, string> = {
  OrgUnitRegistered: '机构登记',
  TownshipPerformanceScored: '乡镇绩效考核',
  CountyDepartmentRated: '乡镇测评县级部门',
  PostHolderChanged: '职位在任变更',
  CadreRegistered: '登记',
  AppointedToPost: '任职',
  RemovedFromPost: '免职',
  Transferred: '交流',
  SecondmentStarted: '借调开始',
  SecondmentEnded: '借调结束',
  TemporaryPostingStarted: '挂职开始',
  TemporaryPostingEnded: '挂职结束',
  RankSet: '职级确定',
  RankPromoted: '职级晋升',
  AnnualAssessmentRecorded: '年度考核',
  SanctionImposed: '处分',
  SanctionRescinded: '撤销处分',
  Commended: '表彰',
  TrainingCompleted: '培训',
  TalkHeld: '谈话',
  HealthCheckCompleted: '体检',
  LeaderRecommended: '推荐副科级领导干部人选',
  RepresentativeSeatTaken: '当选代表委员',
  RepresentativeSeatEnded: '代表委员任期结束',
  EntryRetracted: '更正（撤回）',
  AppealFiled: '申诉',
  AppealDecided: '申诉决定',
  PolicyVersionAdopted: '政策版本',
};

export const ORG_UNIT_KIND_NAMES_ZH: Record<OrgUnitKind, string> = {
  TOWNSHIP: '乡镇',
  COUNTY_DEPARTMENT: '县直部门',
  COUNTY_LEADERSHIP: '县领导班子',
  OTHER: '其他单位',
};

export const GENDER_NAMES_ZH: Record<EventData<'CadreRegistered'>['gender'], string> = { M: '男', F: '女' };

export const EDUCATION_NAMES_ZH: Record<EventData<'CadreRegistered'>['education']['level'], string> = {
  DOCTORATE: '博士研究生',
  MASTER: '硕士研究生',
  BACHELOR: '大学本科',
  COLLEGE: '大学专科',
  SECONDARY: '中专及以下',
};

export const REMOVAL_REASON_NAMES_ZH: Record<EventData<'RemovedFromPost'>['reason'], string> = {
  TRANSFER: '交流',
  END_OF_TERM: '任期届满',
  RETIREMENT: '退休',
  RESIGNATION: '辞职',
  DISMISSAL: '撤免',
  ADJUSTMENT: '工作调整',
  OTHER: '其他',
};

export const APPROVAL_LEVEL_NAMES_ZH: Record<'COUNTY' | 'MUNICIPAL', string> = { COUNTY: '县委审批', MUNICIPAL: '市委组织部审批' };

export const SECONDMENT_PURPOSE_NAMES_ZH: Record<EventData<'SecondmentStarted'>['purpose'], string> = {
  COUNTY_CENTRAL_WORK: '县委中心工作',
  OTHER: '其他工作',
};

export const TEMPORARY_POSTING_KIND_NAMES_ZH: Record<EventData<'TemporaryPostingStarted'>['kind'], string> = {
  HIGHER_ORGAN: '上级机关',
  DEVELOPED_AREA: '发达地区',
  REMOTE_AREA: '艰苦边远地区',
  KEY_PROJECT: '重点项目',
};

export const PROMOTION_BASIS_NAMES_ZH: Record<EventData<'RankPromoted'>['basis'], string> = {
  REGULAR: '按规定晋升',
  PRIORITY_OUTSTANDING: '表现突出优先晋升',
  IN_POST_CONTINUOUS_SERVICE: '在乡镇党政正职岗位长期任职晋升',
  EXCELLENT_SECRETARY: '优秀乡镇党委书记晋升',
};

export const QUOTA_NAMES_ZH: Record<EventData<'RankPromoted'>['quota'], string> = { VACANCY: '空缺职数', COUNTY_POOL: '县委统筹职数' };

export const RESCISSION_REASON_NAMES_ZH: Record<EventData<'SanctionRescinded'>['reason'], string> = {
  APPEAL_UPHELD: '申诉成立',
  FALSE_ACCUSATION: '澄清诬告',
  TOLERANCE: '容错免责',
  CORRECTION: '纠错',
};

export const AWARD_NAMES_ZH: Record<EventData<'Commended'>['award'], string> = {
  EXCELLENT_TOWNSHIP_PARTY_SECRETARY: '优秀乡镇党委书记',
  OTHER: '表彰',
};

export const LEVEL_NAMES_ZH: Record<EventData<'Commended'>['level'], string> = {
  COUNTY: '县级',
  MUNICIPAL: '市级',
  PROVINCIAL: '省级',
  NATIONAL: '国家级',
};

export const REPRESENTATIVE_BODY_NAMES_ZH: Record<EventData<'RepresentativeSeatTaken'>['body'], string> = {
  PARTY_CONGRESS: '党代表',
  PEOPLES_CONGRESS: '人大代表',
  CPPCC: '政协委员',
};

export const TALK_KIND_NAMES_ZH: Record<EventData<'TalkHeld'>['kind'], string> = { HEART_TO_HEART: '谈心谈话', REMINDER: '提醒谈话' };

export const APPEAL_STAGE_NAMES_ZH: Record<EventData<'AppealFiled'>['stage'], string> = { REVIEW: '复核', APPEAL: '申诉' };

export const APPEAL_OUTCOME_NAMES_ZH: Record<EventData<'AppealDecided'>['outcome'], string> = {
  UPHELD: '成立',
  PARTIALLY_UPHELD: '部分成立',
  DISMISSED: '驳回',
};

export const POST_HOLDER_CHANGE_NAMES_ZH: Record<EventData<'PostHolderChanged'>['change'], string> = {
  TAKEN: '到任',
  LEFT: '离任',
  RETRACTED: '撤回',
};

/** Roles of API tokens as they appear in an event's actor (`ROLE:name#tokenId`). */
export const ACTOR_ROLE_NAMES_ZH: Record<string, string> = {
  CLERK: '录入员',
  ORG_DEPT: '组织部',
  AUDITOR: '审计',
  APPEALS_OFFICER: '申诉办理',
  ADMIN: '管理员',
};
