/**
 * Bearer-token authentication and role-based authorisation for every route: 401 without a valid
 * token (code TOKEN_EXPIRED once it has expired), 403 when the token's role lacks the route's
 * capability. A route that declares neither `@Public()` nor `@Requires(...)` is refused:
 * forgetting to protect a route fails closed.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTokenRepository, CAPABILITIES, may, routeRefusalZh, type Capability } from '@ledger/auth';
import { ApiError } from '../platform/errors';
import { nodeRequest, type HttpRequest } from '../platform/http';
import { CAPABILITY_KEY, PUBLIC_KEY, type AuthenticatedRequest } from './auth.decorators';
import { authenticateRequest } from './request-authentication';
import { bearerTokenOf, refusedToken } from './token-refusals';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<HttpRequest & AuthenticatedRequest>();
    const authentication = await authenticateRequest(this.tokens, nodeRequest(request), bearerTokenOf(request));
    if (!authentication.ok) throw refusedToken(authentication);
    const principal = authentication.principal;
    request.principal = principal;
    // The request log (pino-http) sees Node's request, which Fastify wraps.
    (nodeRequest(request) as Partial<AuthenticatedRequest>).principal = principal;
    const capability = this.reflector.getAllAndOverride<Capability | undefined>(CAPABILITY_KEY, targets);
    if (!capability || !may(principal.role, capability)) {
      throw new ApiError(403, 'FORBIDDEN', `role ${principal.role} may not ${capability ?? 'call this route'}`, routeRefusalZh(principal.role, capability), {
        role: principal.role,
        ...(capability ? { capability, allowedRoles: CAPABILITIES[capability] } : {}),
      });
    }
    return true;
  }
}
