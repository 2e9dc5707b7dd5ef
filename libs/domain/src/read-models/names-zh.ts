/** Chinese labels for the human-readable `detail` texts of read-model answers (the users are Chinese officials). */
import type { CalendarDate } from '../time/calendar-date';
import { addDays } from '../time/calendar-date';
import type { Grade, SanctionKind } from '../vocabulary';
import type { ComplianceFinding } from './compliance';

export const GRADE_NAMES_ZH: Record<Grade, string> = {
  EXCELLENT: '优秀',
  COMPETENT: '称职',
  BASICALLY_COMPETENT: '基本称职',
  INCOMPETENT: '不称职',
  UNGRADED: '不定等次',
};

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

/** "8 年 3 个月" (days omitted when zero months and days are not needed). */
export function lengthZh(l: { years: number; months: number; days?: number }): string {
  return `${l.years} 年 ${l.months} 个月${l.days ? ` ${l.days} 天` : ''}`;
}

/** An exclusive end shown as the last day covered, as officials read a period ("至 2024-05-31"). */
export function periodZh(from: CalendarDate, toExclusive: CalendarDate): string {
  return `${from} 至 ${addDays(toExclusive, -1)}`;
}

/** Chinese ROLE_SET_NAMES_ZH of the role sets the read models speak of. */
export const ROLE_SET_NAMES_ZH = {
  partySecretary: '乡镇党委书记',
  chief: '乡镇党政正职',
} as const;

/** Chinese names of the checks (检查项) of RULES.md TM6b and TM10, shared by the CLI and the web app. */
export const CHECK_NAMES_ZH: Record<string, string> = {
  'TM6b.chief': '现任乡镇党政正职',
  'TM6b.partySecretaryRun': '连续任乡镇党委书记年限',
  'TM6b.chiefRun': '连续任乡镇党政正职年限',
  'TM6b.grades': '任期内年度考核等次',
  'TM6b.excellentGrades': '任期内优秀等次次数',
  'TM6b.noSanctionPeriod': '不在处分影响期',
  'TM10.partySecretary': '基准日为乡镇党委书记',
  'TM10.townshipWork': '乡镇工作经历',
  'TM10.grades': '周期内年度考核等次',
  'TM10.excellentGrades': '周期内优秀等次',
  'TM10.noSanctionPeriod': '周期内无处分影响期',
};

/** Kinds of compliance finding (合规提示), shared by the CLI's findings table and the web app. */
export const FINDING_KIND_NAMES_ZH: Record<ComplianceFinding['kind'], string> = {
  OVERRIDE: '政策例外',
  TM4_SECRETARY_VACANCY: '党委书记空缺',
  TM4_BOTH_CHIEFS_ADJUSTED: '同日调整党政正职',
  APPEAL_REMEDY_MISSING: '申诉成立未纠正',
};
