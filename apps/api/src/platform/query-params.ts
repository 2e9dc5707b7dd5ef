/**
 * The query string of a read route, parsed with the question's zod schema from libs/projections
 * (the CLI parses its options with the same one): a bad value is a 400 naming the field (the error
 * filter maps ZodError), an unknown parameter (a typo such as `asof`) a 400 naming it, never a
 * silent default.
 */
import type { z } from 'zod';
import { queryIssueError } from './errors';

export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const unknown = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown) throw queryIssueError(unknown);
  throw parsed.error;
}
