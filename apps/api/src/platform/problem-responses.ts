/**
 * The error answers in the OpenAPI document: one `Problem` schema (the body error.filter.ts writes)
 * and, on every operation, each status it may answer with. What every operation shares is added to
 * the document here (400: KnownQueryGuard refuses an undeclared query parameter on every route);
 * `@Requires` declares 401 and 403 with the capability and its roles; a handler declares what it
 * raises itself beside it (`@Problems(404)`). The query-fuzz suite checks that every status it sees
 * a route answer is one the document lists for it.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA_NAME = 'Problem';
export const PROBLEM_REF = { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` };

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Every error answer: a stable code, the rule or field that failed, the message in English and in Chinese, a Chinese title, the request id to quote.',
  required: ['statusCode', 'code', 'message', 'detailZh', 'requestId'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'stable: INVALID_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, STREAM_VERSION_CONFLICT, RULE_TM4_APPROVAL_REQUIRED, …' },
    message: { type: 'string', description: 'English, quoting at most 80 characters of the input' },
    requestId: { type: 'string' },
    titleZh: { type: 'string', description: 'the title to show a user, in Chinese' },
    detailZh: {
      type: 'string',
      description:
        'every error answer: the message in Chinese for the organization department’s staff, with the same field names, ids, dates, values and limits, quoting at most 80 characters of the input (400 issues: each `field：…` joined by ；)',
    },
    rule: { type: 'string', description: '422: the rule id of RULES.md' },
    kind: { type: 'string', enum: ['INTEGRITY', 'POLICY'], description: '422: a POLICY refusal may be overridden with `override: {reason}`' },
    overridable: { type: 'boolean' },
    firstPassingDate: { type: 'string', format: 'date', description: '422: the first date on which the command would pass' },
    cadreNames: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: '422: the names of the cadres the message names by id (P2: the post’s holder and the one refused it), by id, where the ledger has them',
    },
    orgUnitNames: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: '422: the names of the org units the message names by id (P2: the township of the post), by id, where the ledger has them, whatever the caller may read',
    },
    field: { type: 'string', description: '400: the parameter, query parameter or body field that failed' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message', 'messageZh'],
        properties: { field: { type: 'string' }, message: { type: 'string' }, messageZh: { type: 'string', description: 'the message in Chinese' }, code: { type: 'string' } },
      },
    },
    capability: { type: 'string', description: '403: the capability the route needs' },
    allowedRoles: { type: 'array', items: { type: 'string' } },
    id: { type: 'string', description: '404: the id the ledger has no record of' },
    streamId: { type: 'string' },
    actualRevision: { type: 'integer', description: '409: the stream’s revision now (send it as If-Match after re-reading); absent when the stream has no event yet' },
    streamExists: { type: 'boolean', description: '409: false when the stream has no event yet (If-Match named a revision of a stream that does not exist)' },
    eventId: { type: 'string', description: '409: the event id already used for other content' },
    limitBytes: { type: 'integer', description: '413: HTTP_BODY_LIMIT_BYTES' },
    retryAfterSeconds: { type: 'integer', description: '503: when to ask again' },
    behind: {
      type: 'object',
      description: '404 while the read models had not caught up with every acknowledged write: the id may have been recorded a moment ago (read your writes)',
      required: ['events', 'projections', 'requiredPosition', 'waitedMs'],
      properties: {
        events: { type: 'integer' },
        projections: { type: 'array', items: { type: 'string' } },
        requiredPosition: { type: 'object', required: ['commit', 'prepare'], properties: { commit: { type: 'integer' }, prepare: { type: 'integer' } } },
        waitedMs: { type: 'integer' },
      },
    },
  },
} as const;

const MEANINGS = {
  400: 'a parameter, an undeclared query parameter, or the body is invalid (`field`, `issues`)',
  401: 'no bearer token, or one unknown, expired or revoked',
  403: 'the caller’s role lacks the route’s capability (`capability`, `allowedRoles`)',
  404: 'the ledger has no record of the id (`id`)',
  409: 'If-Match is stale (`actualRevision`), or the event id was used for other content (`eventId`)',
  413: 'the body exceeds HTTP_BODY_LIMIT_BYTES (`limitBytes`)',
  415: 'the body is not of a content type the route reads',
  422: 'a rule refused the command (`rule`, `kind`, `firstPassingDate`)',
  429: 'another dry run is under way on this server (DRY_RUN_BUSY, `retryAfterSeconds`, Retry-After)',
  503: '`knownAt`: an append begun at or before it was still being committed after READ_YOUR_WRITES_TIMEOUT_MS (KNOWN_AT_UNSETTLED, `retryAfterSeconds`); ask again',
} as const;

export type ProblemStatus = keyof typeof MEANINGS;

/** The error statuses a handler raises itself, documented as `Problem` answers. */
export const Problems = (...statuses: readonly ProblemStatus[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANINGS[status], schema: PROBLEM_REF })));

/** 401 and 403 of a route that needs `capability`, held by `roles`. */
export const authProblems = (capability: string, roles: readonly string[]) =>
  applyDecorators(
    ApiResponse({ status: 401, description: MEANINGS[401], schema: PROBLEM_REF }),
    ApiResponse({ status: 403, description: `the caller’s role lacks ${capability} (held by ${roles.join(', ')})`, schema: PROBLEM_REF }),
  );

/**
 * The `Problem` schema, the 400 every operation may answer, and the 503 every operation taking
 * `knownAt` may answer (KnownAtSettledGuard, a global guard; found by a review: undocumented).
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  for (const byMethod of Object.values(document.paths)) {
    for (const operation of Object.values(byMethod)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses['400'] ??= { description: MEANINGS[400], content: { 'application/json': { schema: PROBLEM_REF } } };
      const parameters = ('parameters' in operation ? operation.parameters : undefined) as { name?: string; in?: string }[] | undefined;
      if (parameters?.some((p) => p.in === 'query' && p.name === 'knownAt')) {
        operation.responses['503'] ??= { description: MEANINGS[503], content: { 'application/json': { schema: PROBLEM_REF } } };
      }
    }
  }
  return { ...document, components: { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA as never } } };
}
