/**
 * TM4 Stability (班子稳定): policy rules on moving township chiefs and seconding township leaders.
 * Policy rules refuse the write unless it carries an override (RULES.md, "Two kinds of rule").
 */
import { DomainError } from '../errors';
import { firstPassingAcrossVersions, type PolicySettings, type PolicyVersion } from '../policy/policy-settings';
import { addYears, type CalendarDate } from '../time/calendar-date';
import { type Approval, type OrgUnitKind, type Role } from '../vocabulary';
import { APPROVAL_LEVEL_NAMES_ZH, postZh, ROLE_NAMES_ZH, SECONDMENT_PURPOSE_NAMES_ZH } from '../vocabulary-zh';
import { isTownshipChiefPost } from './posts';

/**
 * TM4: moving or removing a township chief (RemovedFromPost, or Transferred away from a
 * PARTY_SECRETARY/HEAD post of a TOWNSHIP) with fewer than
 * `stability.chiefMinYearsInPostBeforeMove` full years in the current post (T3 anniversaries)
 * needs municipal organization department approval (市委组织部审批) on the event.
 * `postTakenOn` is the start of the tenure being ended. On the anniversary itself the years are
 * complete; `firstPassingDate` is that anniversary.
 */
export function tm4ChiefMoveViolation(input: {
  readonly orgUnitId: string;
  readonly kind: OrgUnitKind | undefined;
  readonly role: Role;
  readonly postTakenOn: CalendarDate;
  readonly moveDate: CalendarDate;
  readonly approval?: Approval;
  readonly settings: PolicySettings;
  /** Every adopted policy version: `firstPassingDate` is then read under the version in effect on each date. */
  readonly versions?: readonly PolicyVersion[];
  readonly field?: string;
}): DomainError | undefined {
  if (!isTownshipChiefPost(input.kind, input.role)) return undefined;
  const years = input.settings.stability.chiefMinYearsInPostBeforeMove;
  const anniversary = addYears(input.postTakenOn, years);
  if (input.moveDate >= anniversary) return undefined;
  if (input.approval?.level === 'MUNICIPAL') return undefined;
  const firstPassing = input.versions
    ? firstPassingAcrossVersions(input.versions, input.moveDate, (settings, start) => {
        const reached = addYears(input.postTakenOn, settings.stability.chiefMinYearsInPostBeforeMove);
        return reached > start ? reached : start;
      })
    : anniversary;
  return new DomainError(
    'RULE_TM4_APPROVAL_REQUIRED',
    `${input.role} (${ROLE_NAMES_ZH[input.role]}) of ${input.orgUnitId} held since ${input.postTakenOn}: ` +
      `moving a township chief before ${years} full years in post (reached ${anniversary}) needs MUNICIPAL approval on the event`,
    {
      ...(firstPassing !== undefined ? { firstPassingDate: firstPassing } : {}),
      field: input.field ?? 'data.approval',
      orgUnitIds: [input.orgUnitId],
      messageZh:
        `自 ${input.postTakenOn} 起任 ${postZh(input.orgUnitId, input.role)}：乡镇党政正职任职未满 ${years} 年（${anniversary} 方满）即调整，` +
        `须在事件中注明${APPROVAL_LEVEL_NAMES_ZH.MUNICIPAL}`,
    },
  );
}

/**
 * TM4: county departments may second (借调) a township leader only for county central work
 * (COUNTY_CENTRAL_WORK), with county committee approval (县委审批, level COUNTY) on the event.
 * `townshipLeaderPosts` are the township leadership-team posts (P1) the cadre holds on the
 * secondment's date; when there are none, or the host is no county department (a municipal
 * bureau, another township), the rule does not apply (found by a review: it was applied to every host).
 */
export function tm4SecondmentViolations(input: {
  readonly hostKind: OrgUnitKind | undefined;
  readonly townshipLeaderPosts: readonly { readonly orgUnitId: string; readonly role: Role }[];
  readonly purpose: 'COUNTY_CENTRAL_WORK' | 'OTHER';
  readonly approval?: Approval;
}): DomainError[] {
  if (input.hostKind !== 'COUNTY_DEPARTMENT' || input.townshipLeaderPosts.length === 0) return [];
  const held = input.townshipLeaderPosts.map((p) => `${p.role} of ${p.orgUnitId}`).join(', ');
  const heldZh = input.townshipLeaderPosts.map((p) => postZh(p.orgUnitId, p.role)).join('、');
  const orgUnitIds = input.townshipLeaderPosts.map((p) => p.orgUnitId);
  const violations: DomainError[] = [];
  if (input.purpose !== 'COUNTY_CENTRAL_WORK') {
    violations.push(
      new DomainError('RULE_TM4_SECONDMENT_PURPOSE', `a township leader (${held}) may be seconded only for COUNTY_CENTRAL_WORK`, {
        field: 'data.purpose',
        orgUnitIds,
        messageZh: `乡镇领导班子成员（${heldZh}）只能因${SECONDMENT_PURPOSE_NAMES_ZH.COUNTY_CENTRAL_WORK}被借调`,
      }),
    );
  }
  if (input.approval?.level !== 'COUNTY') {
    violations.push(
      new DomainError(
        'RULE_TM4_SECONDMENT_APPROVAL_REQUIRED',
        `seconding a township leader (${held}) needs county committee approval (level COUNTY) on the event`,
        { field: 'data.approval', orgUnitIds, messageZh: `借调乡镇领导班子成员（${heldZh}）须在事件中注明${APPROVAL_LEVEL_NAMES_ZH.COUNTY}` },
      ),
    );
  }
  return violations;
}
