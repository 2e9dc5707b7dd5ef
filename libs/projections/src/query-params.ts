/**
 * Query parameters of the read-model routes (apps/api) and CLI commands (apps/cli), validated with zod: a bad value is
 * a 400 naming the field (the error filter maps ZodError), never a 500 or a silent default.
 */
import { z } from 'zod';
import { calendarDateSchema, cycleSchema, identifierSchema, knownAtSchema } from '@ledger/domain';

export { knownAtSchema };

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

/** A cadre's history (and the CLI's `history`): both dates optional. */
export const historyParamsSchema = z
  .object({ cadreId: identifierSchema, asOf: calendarDateSchema.optional(), knownAt: knownAtSchema.optional() })
  .strict();

/** What the ledger said on knownAt about asOf (asOf required). */
export const stateParamsSchema = z.object({ cadreId: identifierSchema, asOf: calendarDateSchema, knownAt: knownAtSchema.optional() }).strict();
