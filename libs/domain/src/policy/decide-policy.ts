/**
 * The policy decider: a new version of the settings (政策版本) is adopted under a new version id.
 * The settings themselves were validated by the zod schema when the command was parsed.
 */
import type { PolicyCommand } from '../commands';
import { DecisionBuilder, eventOfCommand, expectedRevisionOf, type Decision, type DecisionContext } from '../decision';
import { DomainError } from '../errors';
import { streamIdOf } from '../events/catalogue';

export function decidePolicy(command: PolicyCommand, context: DecisionContext): Decision {
  const state = context.policy;
  if (state.versions.some((v) => v.version === command.data.version)) {
    throw new DomainError('RULE_I_POLICY_VERSION_EXISTS', `policy version ${command.data.version} is already adopted`, {
      field: 'data.version',
    });
  }
  return new DecisionBuilder().append(streamIdOf('policy'), expectedRevisionOf(state), eventOfCommand(command)).build();
}
