/**
 * A body the JSON reader refused (malformed JSON, a name given twice, too large, a charset other
 * than UTF-8, a bare JSON value) is answered only after authentication and the route's capability:
 * it was answered 400 before the token was looked at, so a caller without a valid token was told
 * about the body it sent instead of 401, and one whose role may not call the route instead of 403
 * (left open in earlier notes as "malformed bodies 400 before authentication"). The reader keeps its
 * refusal on the request (`refuseBody`); this guard, after AuthGuard, throws it; a request no route
 * takes is answered 404 without it.
 */
import type { IncomingMessage } from 'node:http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { nodeRequest, type HttpRequest } from './http';

const refusedBodies = new WeakMap<IncomingMessage, unknown>();

/** Keeps the JSON reader's refusal of this request's body until the caller is known (RefusedBodyGuard). */
export function refuseBody(req: IncomingMessage, refusal: unknown): void {
  refusedBodies.set(req, refusal);
}

@Injectable()
export class RefusedBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = nodeRequest(context.switchToHttp().getRequest<HttpRequest>());
    if (refusedBodies.has(request)) {
      const refusal = refusedBodies.get(request);
      refusedBodies.delete(request);
      throw refusal;
    }
    return true;
  }
}
