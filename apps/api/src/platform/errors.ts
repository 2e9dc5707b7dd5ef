/**
 * Errors the API raises itself, with stable codes like the domain's. Each carries its message in
 * Chinese (a Problem's detailZh), as a DomainError carries its messageZh: an ApiError cannot be
 * written without one.
 */
import type { z } from 'zod';
import { quoteInput, zodIssueZh } from '@ledger/domain';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The message in Chinese for the organization department's staff: the same field names, ids, values and limits. */
    readonly messageZh: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What a 404 may name, by its Chinese name. */
const NOT_FOUND_NAMES_ZH = { cadre: '干部' } as const;

export const notFound = (what: keyof typeof NOT_FOUND_NAMES_ZH, id: string) =>
  new ApiError(404, 'NOT_FOUND', `${what} ${id} not found`, `台账中没有${NOT_FOUND_NAMES_ZH[what]} ${id} 的记录`, { id });

/**
 * A 400 naming the field, its message in English and in Chinese (`field: …`, `field：…`). The field
 * may be the caller's own (an unknown query parameter): quoted, so neither language carries more
 * than 80 characters of it (the Chinese net, clampQuotedInputZh, cannot tell a name in Chinese
 * characters from the sentence around it).
 */
export function badRequest(field: string, message: string, messageZh: string): ApiError {
  const shown = quoteInput(field);
  return new ApiError(400, 'INVALID_REQUEST', `${shown}: ${message}`, `${shown}：${messageZh}`, { field: shown });
}

/** A query parameter a route does not take. */
export const UNKNOWN_QUERY_PARAMETER = { message: 'unknown query parameter', messageZh: '未知的查询参数' } as const;

/** A query's zod issue as a 400 naming the parameter: one the schema does not know by its name, any other with the schema's message. */
export function queryIssueError(issue: z.core.$ZodIssue | undefined): ApiError {
  if (issue?.code === 'unrecognized_keys') return badRequest(issue.keys[0] ?? '(query)', UNKNOWN_QUERY_PARAMETER.message, UNKNOWN_QUERY_PARAMETER.messageZh);
  return badRequest(String(issue?.path[0] ?? '(query)'), issue?.message ?? 'invalid', issue ? zodIssueZh(issue) : '无效');
}
