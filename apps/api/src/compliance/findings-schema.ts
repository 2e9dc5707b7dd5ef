/**
 * GET /v1/findings as /docs/openapi.json documents it: the recorded findings (overrides, TM4,
 * appeals without remedy) and those of the ten measures, each kind with its own fields. Checked
 * against FindingsAnswer at compile time.
 */
import { z } from 'zod';
import type { FindingsAnswer } from '@ledger/projections';
import { answerCommon, dateSchema, evidenceSchema, type Documents } from '../platform/answer-schemas';

const name = z.string().nullable();

export const findingsSchema = z.object({
  asOf: dateSchema,
  orgUnitId: z.string().nullable(),
  year: z.number().int().nullable(),
  rule: z.string().nullable().describe('only findings of this rule or its refinements'),
  knownAt: z.string().nullable().describe('as the ledger knew it at this instant (null: everything recorded)'),
  behind: answerCommon.behind,
  findings: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('OVERRIDE').describe('a policy rule overridden: who, when, why, which rule'),
        eventId: z.string(),
        streamId: z.string(),
        type: z.string(),
        effectiveDate: dateSchema,
        recordedAt: z.string(),
        actor: z.string(),
        reason: z.string(),
        rules: z.array(z.string()),
        policyVersion: z.string().optional().describe('the policy version in effect on the event’s date whose rules were departed from (absent on overrides recorded before 2026-12-07)'),
        rule: z.string().describe('the overridden rules, comma-separated (as in rules)'),
        evidence: z.array(z.string()).describe('the event recorded with the override'),
        orgUnitIds: z.array(z.string()),
        cadreId: z.string().nullable(),
        cadreName: name,
        orgUnitNames: z.array(name),
      }),
      z.object({
        kind: z.literal('TM4_SECRETARY_VACANCY'),
        rule: z.literal('TM4'),
        orgUnitId: z.string(),
        orgUnitName: name,
        from: dateSchema,
        to: dateSchema.nullable().describe('the successor’s first day, or null while still vacant'),
        days: z.number().int(),
        evidence: evidenceSchema,
      }),
      z.object({ kind: z.literal('TM4_BOTH_CHIEFS_ADJUSTED'), rule: z.literal('TM4'), orgUnitId: z.string(), orgUnitName: name, date: dateSchema, evidence: evidenceSchema }),
      z.object({
        kind: z.literal('APPEAL_REMEDY_MISSING'),
        rule: z.literal('N5'),
        appealId: z.string(),
        cadreId: z.string(),
        cadreName: name,
        targetEventId: z.string(),
        outcome: z.enum(['UPHELD', 'PARTIALLY_UPHELD']),
        decidedOn: dateSchema,
        evidence: evidenceSchema,
      }),
      z.object({
        kind: z.literal('MEASURE').describe('a finding of the ten measures computed from the career facts'),
        rule: z.string().describe('a refined rule id, e.g. TM1.experienced-share'),
        orgUnitId: z.string().nullable(),
        orgUnitName: name,
        cadreId: z.string().nullable(),
        cadreName: name,
        year: z.number().int(),
        date: dateSchema,
        detail: z.string().describe('Chinese detail'),
        evidence: evidenceSchema,
        policyVersion: z.string().describe('the policy version the finding was judged under: its report’s, or the one in effect on its date as known then'),
      }),
    ]),
  ),
});

export const FINDINGS_SCHEMA_MATCHES: Documents<FindingsAnswer, typeof findingsSchema> = true;
