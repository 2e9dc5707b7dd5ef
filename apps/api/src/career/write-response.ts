/**
 * The answer to a write: 201 with the stored events when appended, 200 when the same command was
 * already recorded (idempotent retry). The ETag is the stream's revision, for the next If-Match.
 */
import type { ExecuteResult } from '@ledger/application';
import { quoteInput } from '@ledger/domain';
import { compareAllPositions, type AllPosition, type StoredEvent } from '@ledger/event-store';
import { badRequest } from '../platform/errors';
import type { HttpResponse } from '../platform/http';
import { JsonBody } from '../platform/json-body.guard';
import { Problems } from '../platform/problem-responses';
import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { allPositionSchema, storedEventSchema, type Documents } from '../platform/answer-schemas';

export interface WriteResponse {
  status: 'APPENDED' | 'ALREADY_STORED' | 'DRY_RUN';
  eventId: string;
  streamId: string;
  revision: number | null;
  override: { reason: string; rules: string[] } | null;
  /**
   * Store-wide position of the last event of this write: every answer given after this response
   * reflects it (read your writes), or says it is `behind`.
   */
  position: AllPosition | null;
  events: StoredEvent[];
}

/** WriteResponse as /docs/openapi.json documents it (201 appended, 200 already stored or a dry run). */
export const writeResponseSchema = z.object({
  status: z.enum(['APPENDED', 'ALREADY_STORED', 'DRY_RUN']),
  eventId: z.string(),
  streamId: z.string(),
  revision: z.number().int().nullable().describe('the stream’s revision after the write: the next If-Match (also the ETag)'),
  override: z.object({ reason: z.string(), rules: z.array(z.string()) }).nullable().describe('the policy refusals this write overrode, and why'),
  position: allPositionSchema.nullable().describe('store-wide position of the write’s last event: every answer after this one reflects it, or says it is `behind`'),
  events: z.array(storedEventSchema),
});
export const WRITE_RESPONSE_MATCHES: Documents<WriteResponse, typeof writeResponseSchema> = true;

class WriteResponseDto extends createZodDto(writeResponseSchema) {}

/** The two headers every write route takes (the cadre, org-unit, appeal and policy routes alike). */
export const IF_MATCH = { name: 'If-Match', required: false, description: 'the stream revision you last saw (ETag); a stale one gets 409' };
export const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'used as the event id when the body has no id; printable ASCII, 1–200 characters' };

/**
 * A request header's value, as Nest's `@Headers(name)` gives it, but left out of the OpenAPI
 * document: the route documents the header once, optional, with `@ApiHeader` (found fuzzing:
 * `@Headers('if-match')` added `if-match` and `idempotency-key` as required header parameters
 * beside the optional If-Match and Idempotency-Key, so the generated client demanded both).
 */
export const RequestHeader = createParamDecorator((name: string, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[name.toLowerCase()];
  return value as string | undefined;
});

/** A write route's two successful answers in the OpenAPI document. */
export const WriteResponses = () =>
  applyDecorators(
    ApiCreatedResponse({ type: WriteResponseDto, description: 'appended: the stored events, the revision for the next If-Match (ETag)' }),
    ApiOkResponse({ type: WriteResponseDto, description: 'already stored (the same command re-sent: nothing written) or a dry run' }),
  );

/**
 * What every write route (cadre, org unit, appeal, policy) is besides its path, capability and
 * summary: a JSON body, the two headers, its answers and the problems it may answer with. Applied
 * in the order the four routes' own stacks had (bottom up), so the document and the guards' order are as they were.
 */
export const WriteRoute = () =>
  applyDecorators(ApiHeader(IDEMPOTENCY), ApiHeader(IF_MATCH), JsonBody(), WriteResponses(), Problems(409, 413, 415, 422));

export function sendWriteResult(res: HttpResponse, result: ExecuteResult): WriteResponse {
  res.status(result.status === 'APPENDED' ? 201 : 200);
  if (result.revision !== null) res.header('ETag', `"${result.revision}"`);
  const main = result.events.find((e) => e.eventId === result.command.id);
  const override = (main?.metadata.override as WriteResponse['override'] | undefined) ?? null;
  return {
    status: result.status,
    eventId: result.command.id,
    streamId: result.streamId,
    revision: result.revision,
    override,
    position: result.events.reduce<AllPosition | null>((last, e) => (last === null || compareAllPositions(e.position, last) > 0 ? e.position : last), null),
    events: [...result.events],
  };
}

/**
 * `If-Match: "3"` or `If-Match: 3` → 3; `*` or absent → undefined. A weak tag (`W/"3"`) is refused
 * as any If-Match the API cannot use is (400 INVALID_REQUEST, field If-Match): If-Match compares
 * entity tags strongly (RFC 9110 §13.1.1), so a weak one never matches, and the ledger sends none
 * (found by an API review: `W/"28"` was taken as revision 28 and the write appended).
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*' || header.trim() === '') return undefined;
  if (/^\s*W\//.test(header)) {
    throw badRequest(
      'If-Match',
      'a weak ETag (W/"…") cannot be used: If-Match compares strongly and a weak tag never matches; send the stream revision as a strong ETag, e.g. "3"',
      '不能使用弱 ETag（以 W/ 开头）：If-Match 按强比较，弱 ETag 从不匹配；请填写事件流流头序号的强 ETag，如 "3"',
    );
  }
  const m = /^\s*"?(\d{1,15})"?\s*$/.exec(header);
  if (!m) throw badRequest('If-Match', 'must be the stream revision from an ETag, e.g. "3"', '须为 ETag 中的事件流流头序号，如 "3"');
  return Number(m[1]);
}

/**
 * The key becomes the event id: printable ASCII only. Node hands header bytes over as Latin-1, so
 * anything else would be stored as mojibake rather than the caller's key.
 */
export function parseIdempotencyKey(header: string | undefined, bodyId: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (header.length === 0 || header.length > 200) throw badRequest('Idempotency-Key', 'must be 1–200 characters', '长度须为 1 至 200 个字符');
  if (!/^[\x21-\x7e]+$/.test(header)) {
    throw badRequest('Idempotency-Key', 'must be printable ASCII (no spaces, control characters or non-ASCII)', '只能包含可打印的 ASCII 字符（不得含空格、控制字符或非 ASCII 字符）');
  }
  // Two ids for one write: which one a retry is matched by would be ambiguous (found by a review:
  // the key was ignored, and a later request with it and another body was stored as a new event).
  if (bodyId !== undefined && bodyId !== header) {
    const id = quoteInput(String(bodyId));
    throw badRequest('Idempotency-Key', `differs from the body's id (${id}): send one of them, or the same value in both`, `与请求内容中的 id（${id}）不一致：只填其中一个，或两处填相同的值`);
  }
  return header;
}
