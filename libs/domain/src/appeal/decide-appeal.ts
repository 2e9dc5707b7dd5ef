/**
 * The appeal decider (复核/申诉, N5): an appeal is filed once, against an existing, standing
 * SanctionImposed or AnnualAssessmentRecorded of the cadre, and decided once, after filing.
 * A late filing is recorded (N5 flags it as a finding, not a refusal).
 */
import type { AppealCommand, CadreCommand, CareerCommandOf } from '../commands';
import { cadreView, evolveCadre, findCadreEvent } from '../cadre/cadre-state';
import { decideCadre } from '../cadre/decide-cadre';
import { remedyEventId } from './remedy-event-ids';

export { remedyEventId, remedyEventIds } from './remedy-event-ids';
import type { EventData } from '../events/catalogue';
import type { AppealState } from './appeal-state';
import { n5RemedyOnCorrectedRecord, n5RemedyViolation } from '../rules/appeals';
import { APPEAL_STAGE_NAMES_ZH } from '../vocabulary-zh';
import { asRecorded, DecisionBuilder, eventOfCommand, expectedRevisionOf, MissingContextError, throwFirst, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { cutWholeCharacters } from '../input-text';
import { streamIdOf } from '../events/catalogue';
import { assertNever } from '../events/domain-event';
import { iAppealable, iAppealDatesInOrder, iAppellantRegistered, iEventIdUnused, iNotBeforeBirth } from '../rules/integrity';

export function decideAppeal(command: AppealCommand, context: DecisionContext): Decision {
  const state = context.appeal;
  if (!state) throw new MissingContextError(`appeal ${command.appealId}`);
  throwFirst([iEventIdUnused(command, state.filed?.eventId === command.id || state.decided?.eventId === command.id)]);
  if (command.data.appealId !== command.appealId) {
    throw new DomainError('RULE_I_TARGET_MISMATCH', `data.appealId ${command.data.appealId} is not the addressed appeal ${command.appealId}`, {
      field: 'data.appealId',
      messageZh: `data.appealId ${command.data.appealId} 与本记录所属的复核或申诉 ${command.appealId} 不一致`,
    });
  }
  switch (command.type) {
    case 'AppealFiled': {
      if (state.filed) {
        throw new DomainError('RULE_I_APPEAL_ALREADY_FILED', `appeal ${command.appealId} is already filed (event ${state.filed.eventId})`, {
          messageZh: `${APPEAL_STAGE_NAMES_ZH[state.filed.data.stage]} ${command.appealId} 已提出（事件 ${state.filed.eventId}）`,
        });
      }
      const cadre = context.cadre;
      if (!cadre) throw new MissingContextError(`cadre ${command.data.cadreId}`);
      if (cadre.cadreId !== undefined && cadre.cadreId !== command.data.cadreId) {
        throw new MissingContextError(`cadre ${command.data.cadreId} (got the state of ${cadre.cadreId})`);
      }
      const view = cadreView(cadre);
      const { targetEventId } = command.data;
      const target = findCadreEvent(cadre, targetEventId);
      throwFirst([
        iAppellantRegistered(command.data.cadreId, targetEventId, view.registration !== undefined),
        view.registration &&
          iNotBeforeBirth(view.registration.data.birthDate, [
            { field: 'effectiveDate', date: command.effectiveDate },
            { field: 'data.learnedOfDecisionDate', date: command.data.learnedOfDecisionDate },
          ]),
        iAppealable(command.data.cadreId, targetEventId, target, cadre.retractedBy.has(targetEventId)),
        target && iAppealDatesInOrder({ decisionDate: target.effectiveDate, learnedOn: command.data.learnedOfDecisionDate, filedOn: command.effectiveDate }),
      ]);
      break;
    }
    case 'AppealDecided': {
      if (!state.filed) {
        throw new DomainError('RULE_I_APPEAL_NOT_FILED', `appeal ${command.appealId} has not been filed`, {
          field: 'appealId',
          messageZh: `复核或申诉 ${command.appealId} 尚未提出`,
        });
      }
      if (state.decided) {
        throw new DomainError('RULE_I_APPEAL_ALREADY_DECIDED', `appeal ${command.appealId} is already decided (event ${state.decided.eventId})`, {
          messageZh: `${APPEAL_STAGE_NAMES_ZH[state.filed.data.stage]} ${command.appealId} 已作出决定（事件 ${state.decided.eventId}）`,
        });
      }
      if (command.effectiveDate < state.filed.effectiveDate) {
        throw new DomainError(
          'RULE_I_APPEAL_DECIDED_BEFORE_FILED',
          `decided ${command.effectiveDate}, before it was filed (${state.filed.effectiveDate})`,
          {
            field: 'effectiveDate',
            messageZh: `决定日期 ${command.effectiveDate} 早于${APPEAL_STAGE_NAMES_ZH[state.filed.data.stage]}提出日期 ${state.filed.effectiveDate}`,
          },
        );
      }
      if (command.remedy) {
        if (command.data.outcome === 'DISMISSED') {
          throw new DomainError('RULE_N5_REMEDY_WITHOUT_UPHOLDING', 'a dismissed appeal carries no remedy: the decision stands', {
            field: 'remedy',
            messageZh: `${APPEAL_STAGE_NAMES_ZH[state.filed.data.stage]}被驳回，不附纠正措施：原决定维持`,
          });
        }
        return decideWithRemedy(command, state.filed.data, context, state);
      }
      break;
    }
    default:
      assertNever(command, 'appeal command');
  }
  return new DecisionBuilder().append(streamIdOf('appeal', command.appealId), expectedRevisionOf(state), eventOfCommand(command)).build();
}


/**
 * Whether a decision re-sent with the id of a stored one asks for the remedy that was written with
 * it (`storedById` holds the events found under `remedyEventIds`): the decision's own event does
 * not record its remedy, so a retry that adds, drops or changes one would otherwise pass as the
 * same fact and write nothing.
 */
export function sameRemedyStored(command: CareerCommandOf<'AppealDecided'>, storedById: (id: string) => { readonly data: unknown } | undefined): boolean {
  const regrade = storedById(remedyEventId.regrade(command.id));
  const stored = storedById(remedyEventId.rescind(command.id))
    ? 'RESCIND_SANCTION'
    : regrade
      ? `CORRECT_GRADE ${(regrade.data as { grade?: unknown }).grade}`
      : null;
  const sent = !command.remedy ? null : command.remedy.kind === 'RESCIND_SANCTION' ? 'RESCIND_SANCTION' : `CORRECT_GRADE ${command.remedy.grade}`;
  return stored === sent;
}

/**
 * An upheld decision and its remedy in one atomic write (TM9): the decision on the appeal stream,
 * the remedy on the cadre's stream, decided by the cadre's own decider (so every cadre rule holds)
 * and linked to the decision by causation id.
 */
function decideWithRemedy(
  command: CareerCommandOf<'AppealDecided'>,
  filed: EventData<'AppealFiled'>,
  context: DecisionContext,
  state: AppealState,
): Decision {
  const cadre = context.cadre;
  if (!cadre) throw new MissingContextError(`cadre ${filed.cadreId} (the appealed record)`);
  const target = findCadreEvent(cadre, filed.targetEventId);
  if (!target || (target.type !== 'SanctionImposed' && target.type !== 'AnnualAssessmentRecorded')) {
    throw new DomainError('RULE_I_APPEAL_TARGET_NOT_FOUND', `the appealed event ${filed.targetEventId} is not in the record of cadre ${filed.cadreId}`, {
      cadreIds: [filed.cadreId],
      messageZh: `被复核或申诉的事件 ${filed.targetEventId} 不在提出人 ${filed.cadreId} 的记录中`,
    });
  }
  throwFirst([
    n5RemedyOnCorrectedRecord(command.remedy, target.eventId, {
      retractedBy: cadre.retractedBy.get(target.eventId),
      rescindedBy: target.type === 'SanctionImposed' ? cadreView(cadre).sanctions.find((s) => s.eventId === target.eventId)?.rescindedBy : undefined,
    }),
    n5RemedyViolation(
      command.data.outcome,
      command.remedy,
      target.type === 'SanctionImposed' ? { type: 'SanctionImposed' } : { type: 'AnnualAssessmentRecorded', grade: target.data.grade },
    ),
  ]);
  const decision = eventOfCommand(command);
  const builder = new DecisionBuilder().append(streamIdOf('appeal', command.appealId), expectedRevisionOf(state), decision);
  if (!command.remedy) return builder.build();
  // The remedy's reason holds 2,000 characters; the decision's reasoning, 4,000: cut, never inside a pair.
  const reason = cutWholeCharacters(`${APPEAL_STAGE_NAMES_ZH[filed.stage]} ${command.appealId} ${command.data.outcome === 'UPHELD' ? '成立' : '部分成立'}：${command.data.reasoning}`, 2000);
  const remedies: CadreCommand[] = [];
  // The decision's override goes with its remedies: a corrected grade is decided by the cadre's
  // rules (N4 among them), and the decision is the one place the officer can state the exception.
  const base = {
    cadreId: filed.cadreId,
    effectiveDate: command.effectiveDate,
    ...(command.documentRef ? { documentRef: command.documentRef } : {}),
    ...(command.override ? { override: command.override } : {}),
  };
  if (target.type === 'SanctionImposed') {
    remedies.push({ ...base, id: remedyEventId.rescind(command.id), type: 'SanctionRescinded', data: { sanctionId: target.data.sanctionId, reason: 'APPEAL_UPHELD', appealId: command.appealId } });
  } else if (command.remedy.kind === 'CORRECT_GRADE') {
    remedies.push({ ...base, id: remedyEventId.retract(command.id), type: 'EntryRetracted', data: { targetEventId: target.eventId, reason } });
    remedies.push({ ...base, id: remedyEventId.regrade(command.id), type: 'AnnualAssessmentRecorded', data: { year: target.data.year, grade: command.remedy.grade } });
  }
  // Each remedy is decided against the cadre's state including the previous remedy, and against
  // the appeal as decided by this very command (TM9: the rescission names an upheld appeal).
  const decidedAppeal: AppealState = { ...state, decided: { eventId: decision.eventId, effectiveDate: command.effectiveDate, data: command.data } };
  let cadreState = cadre;
  for (const remedy of remedies) {
    const writes = decideCadre(remedy, { ...context, cadre: cadreState, appeal: decidedAppeal });
    for (const write of writes) {
      for (const event of write.events) {
        builder.append(write.streamId, write.expectedRevision, { ...event, causationId: decision.eventId });
        if (write.streamId !== streamIdOf('cadre', filed.cadreId)) continue;
        const provisional = asRecorded(event, { streamId: write.streamId, revision: (cadreState.revision ?? -1) + 1, globalPosition: 0, recordedAt: '', actor: '' });
        cadreState = evolveCadre(cadreState, provisional);
      }
    }
  }
  return builder.build();
}
