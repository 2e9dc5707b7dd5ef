/**
 * The policy decider: a new version of the settings (政策版本) is adopted under a new version id.
 * The settings themselves were validated by the zod schema when the command was parsed.
 */
import type { PolicyCommand } from '../commands';
import { DecisionBuilder, eventOfCommand, expectedRevisionOf, throwFirst, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { iEventIdUnused } from '../rules/integrity';
import { streamIdOf } from '../events/catalogue';
import { DEFAULT_POLICY } from './policy-settings';

export function decidePolicy(command: PolicyCommand, context: DecisionContext): Decision {
  const state = context.policy;
  // I: the id's form (a policy id stored already is answered by the store's lookup before this).
  throwFirst([iEventIdUnused(command, false)]);
  // The built-in defaults answer as version "1" before any adoption: an adopted "1" would make two
  // policies of one name (found by a review: answers named "1" under different thresholds).
  if (command.data.version === DEFAULT_POLICY.version || state.versions.some((v) => v.version === command.data.version)) {
    const builtIn = command.data.version === DEFAULT_POLICY.version ? ' (the built-in defaults of RULES.md)' : '';
    const builtInZh = command.data.version === DEFAULT_POLICY.version ? '（RULES.md 的内置默认值）' : '';
    throw new DomainError('RULE_I_POLICY_VERSION_EXISTS', `policy version ${command.data.version} is already adopted${builtIn}`, {
      field: 'data.version',
      messageZh: `政策版本 ${command.data.version} 已采用${builtInZh}`,
    });
  }
  // I: the event's date is the version's first day, as the API's route sets it; an import line
  // could store one date and answer by another (found by a review).
  if (command.effectiveDate !== command.data.effectiveFrom) {
    throw new DomainError('RULE_I_POLICY_EFFECTIVE_DATE', `effectiveDate ${command.effectiveDate} is not the version's effectiveFrom ${command.data.effectiveFrom}`, {
      field: 'effectiveDate',
      messageZh: `生效日期 ${command.effectiveDate} 应与政策版本的起始日期 ${command.data.effectiveFrom} 相同`,
    });
  }
  // I: settings that are a number of years read as a window or a run: 0 makes no window (a TM7
  // entry with no years, a TM3 window ending before it starts; found by a review). Checked on
  // write only, so a version stored before reads as it always did.
  for (const [path, value] of cycleYearSettings(command.data.settings)) {
    if (value < 1) {
      throw new DomainError('RULE_I_POLICY_CYCLE_YEARS', `settings.${path} must be at least 1 year (got ${value})`, {
        field: `data.settings.${path}`,
        messageZh: `政策设置 ${path} 的年数至少为 1（现为 ${value}）`,
      });
    }
  }
  const settings = command.data.settings;
  // I: "no grade below UNGRADED" would let every grade pass, INCOMPETENT included (found by a review).
  for (const [path, grade] of lowestAcceptableGrades(settings)) {
    if (grade === 'UNGRADED') {
      throw new DomainError('RULE_I_POLICY_LOWEST_GRADE', `settings.${path} must be a grade (EXCELLENT … INCOMPETENT), not UNGRADED`, {
        field: `data.settings.${path}`,
        messageZh: `政策设置 ${path} 须为一个考核等次（优秀、称职、基本称职、不称职），不能是“不确定等次”`,
      });
    }
  }
  // I: TM1's two ages: the "under 30" one is the younger (found by a review: 40 and 35 were adopted).
  if (settings.teamAges.juniorAgeBelow > settings.teamAges.youngAgeBelow) {
    throw new DomainError(
      'RULE_I_POLICY_TEAM_AGES',
      `settings.teamAges.juniorAgeBelow (${settings.teamAges.juniorAgeBelow}) must not be above youngAgeBelow (${settings.teamAges.youngAgeBelow})`,
      {
        field: 'data.settings.teamAges.juniorAgeBelow',
        messageZh: `政策设置 teamAges：每个班子须有的年轻成员年龄界限（${settings.teamAges.juniorAgeBelow} 岁）不能高于全县年轻干部的年龄界限（${settings.teamAges.youngAgeBelow} 岁）`,
      },
    );
  }
  return new DecisionBuilder().append(streamIdOf('policy'), expectedRevisionOf(state), eventOfCommand(command)).build();
}

/** The settings naming the lowest acceptable grade, by path. */
function lowestAcceptableGrades(settings: PolicyCommand['data']['settings']): [string, string][] {
  return [
    ['inPostPromotion.lowestAcceptableGrade', settings.inPostPromotion.lowestAcceptableGrade],
    ['excellentSecretary.lowestAcceptableGrade', settings.excellentSecretary.lowestAcceptableGrade],
    ['promotionOrientation.lowestAcceptableGrade', settings.promotionOrientation.lowestAcceptableGrade],
  ];
}

/** The settings that count years as a window or a run (TM2, TM3, TM6b, TM7), by path. */
function cycleYearSettings(settings: PolicyCommand['data']['settings']): [string, number][] {
  return [
    ['training.chiefEveryYears', settings.training.chiefEveryYears],
    ['training.leaderEveryYears', settings.training.leaderEveryYears],
    ['assessment.focusConsecutiveExcellentYears', settings.assessment.focusConsecutiveExcellentYears],
    ['promotionOrientation.outstandingRecordYears', settings.promotionOrientation.outstandingRecordYears],
    // A TM6b run of 0 years makes every chief eligible on the first day (found by a review).
    ['inPostPromotion.partySecretaryRunYears', settings.inPostPromotion.partySecretaryRunYears],
    ['inPostPromotion.chiefRunYears', settings.inPostPromotion.chiefRunYears],
  ];
}
