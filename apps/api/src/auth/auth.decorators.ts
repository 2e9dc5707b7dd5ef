import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { CAPABILITIES, type Capability, type Principal } from '@ledger/auth';
import { authProblems } from '../platform/problem-responses';

export const CAPABILITY_KEY = 'ledger:capability';
export const PUBLIC_KEY = 'ledger:public';

/** The capability a route needs (see CAPABILITIES in @ledger/auth for which roles hold it). */
export const Requires = (capability: Capability) => applyDecorators(SetMetadata(CAPABILITY_KEY, capability), authProblems(capability, CAPABILITIES[capability]));
/** A route anyone may call (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthenticatedRequest = { principal?: Principal; id?: string | number };

/** The caller, from the bearer token. The event's `actor` comes from here, never from a body. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('route without authentication asked for the principal');
  return principal;
});

export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.name}#${principal.tokenId}`;
}
