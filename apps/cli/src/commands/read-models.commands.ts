import type { Command } from 'commander';
import { registerCandidates } from './candidates.command';
import { registerEligibility } from './eligibility.command';
import { registerOrgUnits } from './org-units.command';
import { registerProjections } from './projections.command';
import { registerTenure } from './tenure.command';

/** The read side's commands: eligibility, candidates, tenure, the org-unit directory, projections. */
export function registerReadModelCommands(program: Command): void {
  registerEligibility(program);
  registerCandidates(program);
  registerTenure(program);
  registerOrgUnits(program);
  registerProjections(program);
}
