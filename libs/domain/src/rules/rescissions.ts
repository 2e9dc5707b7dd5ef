/**
 * TM9 rescissions (撤销处分) and N5: a sanction is rescinded for a reason the record can show.
 * APPEAL_UPHELD names the appeal — filed about that cadre and that very sanction, decided UPHELD or
 * PARTIALLY_UPHELD, on or before the rescission's date; FALSE_ACCUSATION (诬告陷害), TOLERANCE (容错)
 * and CORRECTION rest on a decision document (文号) of their own and name no appeal (an appeal named
 * is the appeal the rescission remedies, so it is checked, and only APPEAL_UPHELD is checked).
 */
import type { AppealState } from '../appeal/appeal-state';
import { DomainError } from '../errors';
import type { EventData } from '../events/catalogue';
import type { CalendarDate } from '../time/calendar-date';
import { RESCISSION_REASON_NAMES_ZH } from '../vocabulary-zh';

export interface Rescission {
  readonly cadreId: string;
  readonly effectiveDate: CalendarDate;
  readonly documentRef?: string;
  readonly data: EventData<'SanctionRescinded'>;
  /** The SanctionImposed event of the sanction named (the replay has found it). */
  readonly sanctionEventId: string;
  /** The state of the appeal `data.appealId` names (APPEAL_UPHELD only; initial when it has no events). */
  readonly appeal?: AppealState;
}

/** TM9/N5: the first reason the rescission cannot stand, or undefined. */
export function tm9RescissionViolation(r: Rescission): DomainError | undefined {
  const { reason, appealId } = r.data;
  if (reason !== 'APPEAL_UPHELD' && appealId !== undefined) {
    return new DomainError('RULE_TM9_RESCISSION_APPEAL_REASON', `a rescission naming appeal ${appealId} is for APPEAL_UPHELD, not ${reason}`, {
      field: 'data.reason',
      messageZh: `注明复核或申诉 ${appealId} 的撤销，理由应为“${RESCISSION_REASON_NAMES_ZH.APPEAL_UPHELD}”，而非“${RESCISSION_REASON_NAMES_ZH[reason]}”`,
    });
  }
  if (reason !== 'APPEAL_UPHELD') {
    return r.documentRef === undefined
      ? new DomainError('RULE_TM9_RESCISSION_DOCUMENT_REQUIRED', `a rescission for ${reason} needs the decision's documentRef (文号)`, {
          field: 'documentRef',
          messageZh: `以“${RESCISSION_REASON_NAMES_ZH[reason]}”为由撤销，须填写决定的文号（documentRef）`,
        })
      : undefined;
  }
  if (appealId === undefined) {
    return new DomainError('RULE_TM9_RESCISSION_APPEAL_REQUIRED', 'a rescission for an upheld appeal names the appeal (data.appealId)', {
      field: 'data.appealId',
      messageZh: '因复核或申诉成立而撤销，须注明该复核或申诉（data.appealId）',
    });
  }
  const filed = r.appeal?.filed;
  if (!filed) return new DomainError('RULE_TM9_RESCISSION_APPEAL_NOT_FOUND', `no appeal ${appealId} has been filed`, {
      field: 'data.appealId',
      messageZh: `没有已提出的复核或申诉 ${appealId}`,
    });
  if (filed.data.cadreId !== r.cadreId || filed.data.targetEventId !== r.sanctionEventId) {
    return new DomainError(
      'RULE_TM9_RESCISSION_APPEAL_MISMATCH',
      `appeal ${appealId} is about event ${filed.data.targetEventId} of cadre ${filed.data.cadreId}, not sanction ${r.data.sanctionId} (event ${r.sanctionEventId}) of cadre ${r.cadreId}`,
      {
        field: 'data.appealId',
        cadreIds: [filed.data.cadreId, r.cadreId],
        messageZh: `复核或申诉 ${appealId} 针对的是干部 ${filed.data.cadreId} 的事件 ${filed.data.targetEventId}，而非干部 ${r.cadreId} 编号 ${r.data.sanctionId} 的处分或组织处理（事件 ${r.sanctionEventId}）`,
      },
    );
  }
  // Stryker disable next-line OptionalChaining: reached only when `r.appeal?.filed` was found, so `r.appeal` is defined here
  const decided = r.appeal?.decided;
  if (!decided || decided.data.outcome === 'DISMISSED') {
    return new DomainError('RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD', `appeal ${appealId} is ${decided ? 'dismissed' : 'not decided yet'}: only an upheld appeal rescinds`, {
      field: 'data.appealId',
      messageZh: `复核或申诉 ${appealId} ${decided ? '已被驳回' : '尚未决定'}：只有复核或申诉成立才能撤销`,
    });
  }
  if (r.effectiveDate < decided.effectiveDate) {
    return new DomainError('RULE_TM9_RESCISSION_BEFORE_APPEAL_DECIDED', `rescinded ${r.effectiveDate}, before appeal ${appealId} was decided (${decided.effectiveDate})`, {
      field: 'effectiveDate',
      messageZh: `撤销日期 ${r.effectiveDate} 早于复核或申诉 ${appealId} 的决定日期 ${decided.effectiveDate}`,
    });
  }
  return undefined;
}
