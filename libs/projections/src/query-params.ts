/**
 * Query parameters of the read-model routes (apps/api) and CLI commands (apps/cli), validated with zod: a bad value is
 * a 400 naming the field (the error filter maps ZodError), never a 500 or a silent default.
 */
import { z } from 'zod';
import { calendarDateSchema, cycleSchema, identifierSchema } from '@ledger/domain';

/** T1 recorded time: an ISO-8601 instant (a bare date means 00:00 UTC), normalised to UTC. */
export const knownAtSchema = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO-8601 instant, e.g. 2024-01-31T08:00:00Z',
  })
  .transform((s) => new Date(Date.parse(s)).toISOString());

export const eligibilityParamsSchema = z
  .object({
    asOf: calendarDateSchema.optional(),
    knownAt: knownAtSchema.optional(),
    /** Only this cadre (still only if a township chief on the date): one officer's question, answered without the others. */
    cadreId: identifierSchema.optional(),
  })
  .strict();

export const candidatesParamsSchema = z
  .object({ cycle: cycleSchema, knownAt: knownAtSchema.optional(), asOf: calendarDateSchema.optional() })
  .strict();

export const tenureParamsSchema = z
  .object({ cadreId: identifierSchema, asOf: calendarDateSchema.optional(), knownAt: knownAtSchema.optional() })
  .strict();
