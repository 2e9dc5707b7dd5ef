/** Chinese labels for the human-readable `detail` texts of read-model answers (the users are Chinese officials). */
import type { CalendarDate } from '../time/calendar-date';
import { addDays } from '../time/calendar-date';
import type { Grade, SanctionKind } from '../vocabulary';

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
