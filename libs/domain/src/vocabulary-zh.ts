/**
 * The one Chinese vocabulary of the ledger: every enum value, event type, check and finding as
 * people read them, used by the CLI, the HTML audit export and the web app. Keyed by the domain's
 * own types, so a new value in the vocabulary fails to compile until it has its Chinese name.
 *
 * Terms (县委组织部 usage): 处分 names only sanctions (政务处分, 党纪处分); organisational measures
 * are 组织处理 (诫勉, 免职, …). A removal from a post is 免去职务; 免职 is only the measure of that
 * name. A false accusation cleared is 澄清正名.
 */
import type { CareerEventType, EventData } from './events/catalogue';
import type { RuleId } from './errors';
import type { AppealRemedyMissingFinding, AppealStanding, ComplianceFinding, OverrideFinding } from './read-models/compliance';
import { shanghaiTime } from './time/instant';
import type { ScheduledEntry } from './read-models/known-view';
import {
  GOVERNMENT_SANCTIONS,
  PARTY_SANCTIONS,
  type OrgUnitKind,
  type Rank,
  type Role,
  type SanctionKind,
} from './vocabulary';

/** The terms the write side's refusals need too, kept free of the read models (vocabulary-zh-base.ts). */
export * from './vocabulary-zh-base';
import { EVENT_TYPE_NAMES_ZH } from './vocabulary-zh-base';

/**
 * TM6b's one Chinese name. The measure: "对连续担任乡镇党委书记8年以上或连续担任乡镇党政正职10年以上
 * 实绩突出的，允许在优先晋升职级的同时继续在乡镇党政正职岗位上工作".
 */
export const TM6B_NAME_ZH = '不离岗晋升职级';
/** TM10's Chinese name. */
export const TM10_NAME_ZH = '优秀乡镇党委书记';

export const RANK_NAMES_ZH: Record<Rank, string> = {
  INSPECTOR_1: '一级巡视员',
  INSPECTOR_2: '二级巡视员',
  RESEARCHER_1: '一级调研员',
  RESEARCHER_2: '二级调研员',
  RESEARCHER_3: '三级调研员',
  RESEARCHER_4: '四级调研员',
  PRINCIPAL_STAFF_1: '一级主任科员',
  PRINCIPAL_STAFF_2: '二级主任科员',
  PRINCIPAL_STAFF_3: '三级主任科员',
  PRINCIPAL_STAFF_4: '四级主任科员',
  CLERK_1: '一级科员',
  CLERK_2: '二级科员',
};

export const ROLE_NAMES_ZH: Record<Role, string> = {
  PARTY_SECRETARY: '党委书记',
  HEAD: '乡镇长',
  PEOPLES_CONGRESS_CHAIR: '人大主席',
  DEPUTY_PARTY_SECRETARY: '党委副书记',
  DEPUTY_HEAD: '副乡镇长',
  TEAM_MEMBER: '其他班子成员', // P1's "other team members": 班子成员 alone is the whole team
  STAFF: '一般干部',
};

/** The role sets the read models speak of (P1). */
export const ROLE_SET_NAMES_ZH = {
  partySecretary: '乡镇党委书记',
  chief: '乡镇党政正职',
} as const;


export const SANCTION_KIND_NAMES_ZH: Record<SanctionKind, string> = {
  WARNING: '警告',
  DEMERIT: '记过',
  MAJOR_DEMERIT: '记大过',
  DEMOTION: '降级',
  REMOVAL: '撤职',
  EXPULSION: '开除',
  PARTY_WARNING: '党内警告',
  PARTY_SERIOUS_WARNING: '党内严重警告',
  PARTY_POST_REVOKED: '撤销党内职务',
  CRITICISM_EDUCATION: '批评教育',
  ADMONISHMENT: '诫勉',
  POST_ADJUSTMENT: '调整职务',
  ORDERED_RESIGNATION: '责令辞职',
  DISMISSAL_FROM_POST: '免职',
  DEMOTION_IN_POST: '降职',
};

export type SanctionCategory = 'GOVERNMENT' | 'PARTY' | 'ORGANIZATIONAL';

export const SANCTION_CATEGORY_NAMES_ZH: Record<SanctionCategory, string> = {
  GOVERNMENT: '政务处分',
  PARTY: '党纪处分',
  ORGANIZATIONAL: '组织处理',
};

export function sanctionCategoryOf(kind: SanctionKind): SanctionCategory {
  if ((GOVERNMENT_SANCTIONS as readonly string[]).includes(kind)) return 'GOVERNMENT';
  if ((PARTY_SANCTIONS as readonly string[]).includes(kind)) return 'PARTY';
  return 'ORGANIZATIONAL';
}

/** "记过处分", "党内警告处分", but "诫勉（组织处理）": an organisational measure is never a 处分. */
export function sanctionLabelZh(kind: SanctionKind): string {
  return sanctionCategoryOf(kind) === 'ORGANIZATIONAL' ? `${SANCTION_KIND_NAMES_ZH[kind]}（组织处理）` : `${SANCTION_KIND_NAMES_ZH[kind]}处分`;
}

/** The action that rescinds it, named as what it is: "撤销处分", but "撤销组织处理" for 诫勉 or 免职. */
export function rescindActionZh(kind: SanctionKind): string {
  return sanctionCategoryOf(kind) === 'ORGANIZATIONAL' ? '撤销组织处理' : '撤销处分';
}

/** Each kind with its category, for a choice among all of them: "政务处分：记过", "组织处理：诫勉". */
export const SANCTION_KIND_LABELS_ZH = Object.fromEntries(
  (Object.keys(SANCTION_KIND_NAMES_ZH) as SanctionKind[]).map((kind) => [kind, `${SANCTION_CATEGORY_NAMES_ZH[sanctionCategoryOf(kind)]}：${SANCTION_KIND_NAMES_ZH[kind]}`]),
) as Record<SanctionKind, string>;

/** An answer given while the projections have not yet applied every recorded event, as the department reads it. */
export const BEHIND_ZH = '查询数据尚未更新到最新记录';

/** The effect periods of N3 cover sanctions and organisational measures alike. */
export const SANCTION_PERIOD_ZH = '处分或组织处理影响期';


export const ORG_UNIT_KIND_NAMES_ZH: Record<OrgUnitKind, string> = {
  TOWNSHIP: '乡镇',
  COUNTY_DEPARTMENT: '县级部门',
  COUNTY_LEADERSHIP: '县领导班子',
  OTHER: '其他单位',
};

/**
 * TM8: a talk or health check short of the version's yearly number, said as held against required
 * (found by a review: under a version asking two, a pair that talked once read 未谈心谈话).
 */
export function careShortfallZh(what: '谈心谈话' | '体检', held: number, required: number): string {
  return held === 0 ? `未${what}` : `${what} ${held} 次，少于每年要求的 ${required} 次`;
}

/**
 * A TM3 training cycle of `years` years ending with the report's year, as a column says it: 当年,
 * 两年内, 三年内 (the cycles are policy settings, never a fixed 三年 in the text).
 */
export function trainingWindowZh(years: number): string {
  if (years === 1) return '当年';
  const numerals = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
  return `${numerals[years] ?? String(years)}年内`;
}

/** 考核类别 (TM7): the assessment class an org unit is registered in. */
export const ASSESSMENT_CLASS_NAMES_ZH: Record<1 | 2 | 3, string> = { 1: '第一类', 2: '第二类', 3: '第三类' };

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
  DISMISSAL: '撤职或免职',
  ADJUSTMENT: '工作调整',
  OTHER: '其他',
};

/**
 * TM1's two experiences, named as the source text names them ("乡镇工作经历", "乡镇领导工作经历"):
 * one name in tenure, the TM1 table and its checks (found by a review: three names for the second).
 */
export const EXPERIENCE_NAMES_ZH = { townshipWork: '乡镇工作经历', townshipLeadership: '乡镇领导工作经历' } as const;

export const APPROVAL_LEVEL_NAMES_ZH: Record<'COUNTY' | 'MUNICIPAL', string> = { COUNTY: '县委审批', MUNICIPAL: '市委组织部审批' };

export const SECONDMENT_PURPOSE_NAMES_ZH: Record<EventData<'SecondmentStarted'>['purpose'], string> = {
  // As the source text says it: "除参与县委、县政府中心工作外" (found by a review: 县委中心工作 here, 县委县政府中心工作 in the refusal's title).
  COUNTY_CENTRAL_WORK: '县委、县政府中心工作',
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
  IN_POST_CONTINUOUS_SERVICE: TM6B_NAME_ZH,
  EXCELLENT_SECRETARY: `${TM10_NAME_ZH}优先晋升`,
};

/**
 * The two bases of TM6b, each with the outstanding-performance condition (实绩突出) it needs, with
 * the run lengths of the policy version an answer names (its `runYears`): a version may set others
 * than RULES.md's 8 and 10 (found by a review: "8 年以上" was said of a secretary of 6 years under 5).
 */
export function inPostBasisZh(basis: 'PARTY_SECRETARY_8Y' | 'CHIEF_10Y', runYears: { readonly partySecretary: number; readonly chief: number }): string {
  return basis === 'PARTY_SECRETARY_8Y' ? `连续担任乡镇党委书记 ${runYears.partySecretary} 年以上且实绩突出` : `连续担任乡镇党政正职 ${runYears.chief} 年以上且实绩突出`;
}

/** The two bases of TM6b under RULES.md's default run lengths (8 and 10 years). */
export const IN_POST_BASIS_NAMES_ZH: Record<'PARTY_SECRETARY_8Y' | 'CHIEF_10Y', string> = {
  PARTY_SECRETARY_8Y: inPostBasisZh('PARTY_SECRETARY_8Y', { partySecretary: 8, chief: 10 }),
  CHIEF_10Y: inPostBasisZh('CHIEF_10Y', { partySecretary: 8, chief: 10 }),
};

export const QUOTA_NAMES_ZH: Record<EventData<'RankPromoted'>['quota'], string> = { VACANCY: '空缺职数', COUNTY_POOL: '县委统筹职数' };

export const RESCISSION_REASON_NAMES_ZH: Record<EventData<'SanctionRescinded'>['reason'], string> = {
  APPEAL_UPHELD: '复核或申诉成立',
  FALSE_ACCUSATION: '澄清正名',
  TOLERANCE: '容错免责',
  CORRECTION: '纠错',
};

export const AWARD_NAMES_ZH: Record<EventData<'Commended'>['award'], string> = {
  EXCELLENT_TOWNSHIP_PARTY_SECRETARY: TM10_NAME_ZH,
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

/** N5/TM9: the remedy a decision on an appeal carries (written with it, in one write). */
export const APPEAL_REMEDY_NAMES_ZH: Record<'RESCIND_SANCTION' | 'CORRECT_GRADE', string> = {
  RESCIND_SANCTION: '撤销处分或组织处理',
  CORRECT_GRADE: '更正年度考核等次',
};

/** N5: where an appeal stands against its decision period (`appealStanding`). */
export const APPEAL_STANDING_NAMES_ZH: Record<AppealStanding, string> = {
  NOT_YET_FILED: '该日尚未提出',
  OPEN: '待决',
  PAST_DECISION_DUE: '已过审理期限',
  OVERDUE: '逾期未决',
  DECIDED: '已决',
  DECIDED_IN_EXTENSION: '延长期内作出决定',
  DECIDED_LATE: '逾期作出决定',
};

export const POST_HOLDER_CHANGE_NAMES_ZH: Record<EventData<'PostHolderChanged'>['change'], string> = {
  TAKEN: '到任',
  LEFT: '离任',
  RETRACTED: '撤回',
};

/** The post and away changes a tenure lists as scheduled (T4). */
export const SCHEDULED_CHANGE_NAMES_ZH: Record<ScheduledEntry['kind'], string> = {
  APPOINTED: '任职',
  REMOVED: '免去职务',
  TRANSFERRED: '交流',
  SECONDMENT_STARTED: '借调开始',
  SECONDMENT_ENDED: '借调结束',
  TEMPORARY_POSTING_STARTED: '挂职开始',
  TEMPORARY_POSTING_ENDED: '挂职结束',
};

/** Roles of API tokens as they appear in an event's actor (`ROLE:name#tokenId`); libs/auth/src/roles.ts holds the roles. */
export const ACTOR_ROLE_NAMES_ZH: Record<string, string> = {
  CLERK: '录入员',
  ORG_DEPT: '组织部',
  AUDITOR: '审计人员',
  APPEALS_OFFICER: '复核或申诉办理人员',
  ADMIN: '管理员',
};

/** Actors the ledger itself names: the demo's generated county (`npm run demo`) is recorded by this one. */
const SYSTEM_ACTOR_NAMES_ZH: Record<string, string> = { 'demo:generator': '演示数据（自动生成）' };

/** `ROLE:name#tokenId` → "name（录入员）"; `ROLE:cli:user` → "命令行 user（录入员）"; `cli:user` → "命令行 user". */
export function actorZh(actor: string): string {
  const system = SYSTEM_ACTOR_NAMES_ZH[actor];
  if (system) return system;
  const role = (r: string): string => ACTOR_ROLE_NAMES_ZH[r] ?? r;
  // A token's actor first: its holder's name is free text and may itself begin with `cli:` (found by
  // a review: a token named cli:root was shown as the command line's operator root).
  const token = /^([A-Z_]+):(.*)#(tok_[0-9a-f]+)$/.exec(actor);
  if (token) return `${token[2]}（${role(token[1]!)}）`;
  const cli = /^(?:([A-Z_]+):)?cli:(.*)$/.exec(actor);
  if (cli) return `命令行 ${cli[2]}${cli[1] ? `（${role(cli[1])}）` : ''}`;
  const other = /^([A-Z_]+):(.*)#([^#]*)$/.exec(actor);
  if (other) return `${other[2]}（${role(other[1]!)}）`;
  return actor;
}

/** The checks (检查项) of TM6b and TM10 (rule ids of eligibility.ts and candidates.ts). */
export const CHECK_NAMES_ZH: Record<string, string> = {
  'TM6b.chief': '现任乡镇党政正职',
  'TM6b.partySecretaryRun': '连续任乡镇党委书记年限',
  'TM6b.chiefRun': '连续任乡镇党政正职年限',
  'TM6b.grades': '实绩突出：连续任职期间年度考核等次',
  'TM6b.excellentGrades': '实绩突出：连续任职期间优秀等次次数',
  'TM6b.noSanctionPeriod': `不在${SANCTION_PERIOD_ZH}`,
  'TM10.partySecretary': '基准日在任乡镇党委书记',
  'TM10.townshipWork': '乡镇工作经历',
  'TM10.grades': '周期内年度考核等次',
  'TM10.excellentGrades': '周期内优秀等次',
  'TM10.noSanctionPeriod': `周期内无${SANCTION_PERIOD_ZH}`,
};

/** Kinds of compliance finding (合规提示). */
export const FINDING_KIND_NAMES_ZH: Record<ComplianceFinding['kind'] | 'MEASURE', string> = {
  OVERRIDE: '政策例外',
  TM4_SECRETARY_VACANCY: '党委书记空缺',
  TM4_BOTH_CHIEFS_ADJUSTED: '同日调整党政正职',
  APPEAL_REMEDY_MISSING: '复核或申诉成立未纠正',
  MEASURE: '十项措施',
};

/** The ten measures' reports (the web app's headings, the CLI's table titles). */
export const REPORT_TITLES_ZH = {
  'team-composition': '乡镇领导班子结构',
  'promotion-pool': '选拔任用导向',
  training: '教育培训',
  'department-ratings': '乡镇党政正职测评县级部门',
  recommendations: '乡镇党委书记实名推荐副科级领导干部人选',
  'secretary-seats': '乡镇党委书记担任县级“两代表一委员”',
  'focus-ledger': '重点关注培育台账',
  'reminder-talks': '目标绩效考核得分靠后乡镇党政正职提醒谈话',
  talks: '谈心谈话',
  'health-checks': '乡镇干部体检',
} as const satisfies Record<string, string>;

/** N4: the grade of a year with a sanction (警告: not EXCELLENT; 记过 and above: 不确定等次). */
export const N4_NAME_ZH = '受警告、记过等处分当年的考核等次';

/** The rule ids the reports' lines and findings carry. */
export const MEASURE_RULE_NAMES_ZH: Record<string, string> = {
  'TM1.experienced-share': '具有乡镇工作经历的班子成员占比',
  'TM1.chief-experience': '党政正职的乡镇领导工作经历或乡镇工作经历',
  // The ages are policy settings (teamAges): the detail says the version's (found by a review: "30岁以下" under a version of 28).
  'TM1.member-under-30': '班子中有年轻成员',
  'TM1.chiefs-under-35': '全县年轻党政正职占比',
  'TM1.members-under-35': '全县年轻班子成员占比（参考）',
  'TM2.preferred-pool': '党政正职来自乡镇人大主席、副职',
  'TM2.priority-graduate': '高学历、实绩突出者优先提拔',
  // The cycles are policy settings (training.chiefEveryYears, leaderEveryYears): the years are said beside the name.
  'TM3.chief-yearly': '党政正职按期参加县级及以上培训',
  'TM3.leader-cycle': '领导干部按期参加培训',
  'TM5.municipal-election': '推荐市级及以上“两代表一委员”',
  'TM5.committee-election': '选举县委委员',
  'TM5.recommendation': '乡镇党委书记实名推荐',
  'TM5.secretary-seat': '乡镇党委书记担任县级“两代表一委员”',
  // The years and the count are policy settings (assessment.*): the detail says the version's.
  'TM7.focus-ledger': '连续优秀列入重点关注培育台账',
  'TM7.reminder-talk': '目标绩效考核得分靠后乡镇党政正职提醒谈话',
  'TM8.county-leader-chief': '县委县政府主要领导与乡镇党政正职谈心谈话',
  'TM8.chief-member': '乡镇党政正职与班子成员谈心谈话',
  'TM8.health-check': '乡镇干部年度体检',
  TM6b: `以${TM6B_NAME_ZH}为依据的晋升`,
  TM10: `以${TM10_NAME_ZH}为依据的晋升`,
  N4: N4_NAME_ZH,
};

/** The rules of RULES.md a refusal, an override or a finding names (its rule id). */
export const RULE_NAMES_ZH: Record<RuleId, string> = {
  I: '记录完整性',
  P2: '党政正职一职一人',
  TM4: '乡镇党政正职任职稳定',
  TM5: '乡镇话语权（评价权、推荐权、额定权）',
  TM6a: '县委统筹职数晋升职级',
  TM9: '容错纠错',
  N1: '职级晋升台阶',
  N2: '晋升职级任职年限',
  N4: N4_NAME_ZH,
  N5: '复核或申诉',
};

/** "乡镇党政正职任职稳定（TM4）", "党政正职按期参加县级及以上培训（TM3.chief-yearly）"; the id alone when unnamed. */
export function ruleNameZh(rule: string): string {
  const name = (RULE_NAMES_ZH as Record<string, string>)[rule] ?? MEASURE_RULE_NAMES_ZH[rule];
  return name ? `${name}（${rule}）` : rule;
}

/**
 * The rule ids a findings filter may name: each rule and measure refinement the findings carry,
 * and each refinement's measure (TM1 for TM1.chief-experience), by its own spelling.
 */
export const FINDING_RULE_FILTERS: readonly string[] = [
  ...new Set([...Object.keys(RULE_NAMES_ZH), ...Object.keys(MEASURE_RULE_NAMES_ZH), ...Object.keys(MEASURE_RULE_NAMES_ZH).map((r) => r.split('.')[0]!)]),
].sort();

/**
 * A findings filter in the rule's own spelling, whatever case or width it was typed in (tm4, tm6B, ＴＭ４); undefined
 * for a rule no finding can carry (found by a review: --rule TM99 and --rule tm4 answered "no
 * findings" as if the ledger had checked).
 */
export function canonicalFindingRule(value: string): string | undefined {
  // NFKC: typed with a Chinese input method in full-width (ＴＭ４), it is TM4 too.
  const wanted = value.normalize('NFKC').trim().toLowerCase();
  return FINDING_RULE_FILTERS.find((r) => r.toLowerCase() === wanted);
}

/** Several rules, as an override lists them: "乡镇党政正职任职稳定（TM4）、晋升职级任职年限（N2）". */
export function rulesZh(rules: readonly string[]): string {
  return rules.map(ruleNameZh).join('、');
}

/** A policy exception as the findings say it (CLI and web): what, why, who and when, which rules, under which policy version. */
export function overrideFindingZh(f: Pick<OverrideFinding, 'type' | 'reason' | 'actor' | 'recordedAt' | 'rules' | 'policyVersion'>): string {
  const version = f.policyVersion !== undefined ? `，政策版本 ${f.policyVersion}` : '';
  return `${EVENT_TYPE_NAMES_ZH[f.type as CareerEventType] ?? f.type}：${f.reason}（${actorZh(f.actor)} 于 ${shanghaiTime(f.recordedAt)} 录入，涉及 ${rulesZh(f.rules)}${version}）`;
}

/** An upheld appeal with no remedy recorded, as the findings say it (CLI and web). */
export function appealRemedyMissingZh(f: Pick<AppealRemedyMissingFinding, 'appealId' | 'outcome'>): string {
  return `复核或申诉 ${f.appealId}：${APPEAL_OUTCOME_NAMES_ZH[f.outcome]}，但未录入纠正（撤销处分或组织处理，或撤回该记录；N5/TM9）`;
}


/** A post as a refusal names it: the unit's id and the role, as a 履历 writes it ("T1 党委书记"). */
export function postZh(orgUnitId: string, role: Role): string {
  return `${orgUnitId} ${ROLE_NAMES_ZH[role]}`;
}

/** A measure finding's detail with the policy version it was judged under (a list can mix versions). */
export function measureFindingZh(f: { readonly detail: string; readonly policyVersion: string }): string {
  return `${f.detail}（政策版本 ${f.policyVersion}）`;
}

/**
 * How every process of the ledger (CLI, API, demo, projector) begins the line that says why it failed
 * or refused, as the CLI's usage errors do: one prefix a script can look for (found by a CLI review:
 * three forms, 错误：, 错误 (error): and none).
 */
export const ERROR_PREFIX_ZH = '错误：';
