/**
 * The policy decider: a new version of the settings (政策版本) is adopted under a new version id.
 * The settings themselves were validated by the zod schema when the command was parsed.
 */
import type { PolicyCommand } from '../commands';
import { DecisionBuilder, eventOfCommand, expectedRevisionOf, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { streamIdOf } from '../events/catalogue';
import { DEFAULT_POLICY } from './policy-settings';

export function decidePolicy(command: PolicyCommand, context: DecisionContext): Decision {
  const state = context.policy;
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
  return new DecisionBuilder().append(streamIdOf('policy'), expectedRevisionOf(state), eventOfCommand(command)).build();
}
