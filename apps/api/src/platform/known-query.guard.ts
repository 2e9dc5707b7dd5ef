/**
 * Every route takes only the query parameters its OpenAPI description declares (`@ApiQuery`):
 * anything else is a 400 naming it, before the handler runs. A parameter the route does not know is
 * a caller's mistake that must not pass for a default: `POST /v1/import?dryrun=true` (a typo of
 * dryRun) wrote the whole file for real, `GET /v1/policy?On=…` answered for today. The routes that
 * parse their query with a strict zod schema (query-params.ts) refused such typos already; this
 * makes it hold for every route, and for every route added later, from the one description the
 * API publishes (/docs/openapi.json).
 */
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { schemaMessageZh } from '@ledger/domain';
import { badRequest, UNKNOWN_QUERY_PARAMETER } from './errors';
import { urlNotDecoded } from './error.filter';

const REFUSALS_KEY = 'ledger:queryRefusals';

/**
 * Why a route refuses a parameter it does not declare, where a reason says more than "unknown"
 * (a county-wide report given `township`); its Chinese is the reason's in SCHEMA_MESSAGES_ZH.
 */
export const QueryRefusals = (reasons: Readonly<Record<string, string>>) => SetMetadata(REFUSALS_KEY, reasons);

interface DeclaredParameter {
  readonly name?: string;
  readonly in?: string;
}

/** The query parameter names a handler declares, read once per handler. */
const declared = new WeakMap<object, ReadonlySet<string>>();

export function declaredQueryParameters(handler: object): ReadonlySet<string> {
  let names = declared.get(handler);
  if (names === undefined) {
    const parameters = (Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as DeclaredParameter[];
    names = new Set(parameters.filter((p) => p.in === 'query' && typeof p.name === 'string').map((p) => p.name!));
    declared.set(handler, names);
  }
  return names;
}

@Injectable()
export class KnownQueryGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown>; url?: string; originalUrl?: string }>();
    const undecodable = undecodableQueryPart(request.originalUrl ?? request.url ?? '');
    if (undecodable) {
      const { message, detailZh } = urlNotDecoded(undecodable.part);
      throw badRequest(undecodable.name, message, detailZh);
    }
    const names = Object.keys(request.query ?? {});
    if (names.length === 0) return true;
    const known = declaredQueryParameters(context.getHandler());
    for (const name of names) {
      if (known.has(name)) continue;
      // Own properties only: `?constructor=1` found Object.prototype's and answered 500 (found by a review).
      const refusals = this.reflector.get<Record<string, string> | undefined>(REFUSALS_KEY, context.getHandler());
      const reason = refusals && Object.hasOwn(refusals, name) ? refusals[name] : undefined;
      if (typeof reason === 'string') throw badRequest(name, reason, schemaMessageZh(reason));
      const { message, messageZh } = UNKNOWN_QUERY_PARAMETER;
      if (known.size === 0) throw badRequest(name, `${message} (this route takes none)`, `${messageZh}（此接口不接受查询参数）`);
      throw badRequest(name, `${message} (this route takes ${[...known].join(', ')})`, `${messageZh}（此接口只接受 ${[...known].join('、')}）`);
    }
    return true;
  }
}

/**
 * The first query parameter whose name or value cannot be decoded (`search=%E4%B8`, a Chinese name
 * cut mid-character): a 400 naming it, as an undecodable path is. The query parsers kept such a
 * value as typed, so a search for a name cut short found "no such cadre" (found by a review).
 */
export function undecodableQueryPart(url: string): { name: string; part: string } | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  for (const part of url.slice(at + 1).split('&')) {
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    const decoded = (text: string): string | undefined => {
      try {
        return decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    };
    const decodedName = decoded(name);
    if (decodedName === undefined || decoded(value) === undefined) return { name: decodedName ?? '(query)', part };
  }
  return undefined;
}
