/**
 * The pieces every read answer's documented schema shares (OpenAPI only: answers are built by the
 * domain and never parsed with these).
 */
import { z } from 'zod';

export const dateSchema = z.string().describe('YYYY-MM-DD');
export const evidenceSchema = z.array(z.string()).describe('event ids behind the line');

/** As known at, the policy version, and `behind` (read your writes). */
export const answerCommon = {
  knownAt: z.string().describe('the instant the answer is as known at, or null (everything recorded)').nullable(),
  policyVersion: z.string().describe('the policy version whose thresholds apply'),
  behind: z
    .object({ events: z.number(), projections: z.array(z.string()), requiredPosition: z.object({ commit: z.number(), prepare: z.number() }), waitedMs: z.number() })
    .optional()
    .describe('present when the read models had not passed the last acknowledged write in time (read your writes)'),
};

/** One rule check (核查项): the rule id, whether it passed, the Chinese detail and the events behind it. */
export const ruleCheckSchema = z.object({
  rule: z.string().describe('rule id, e.g. TM6b.partySecretaryRun'),
  passed: z.boolean(),
  detail: z.string().describe('Chinese detail'),
  evidence: evidenceSchema,
  advisory: z.boolean().optional().describe('shown, never a finding'),
  cadreId: z.string().optional().describe('the cadre a per-person check is about (TM1.chief-experience: each chief), where a check of one kind is made once per person'),
  cadreName: z.string().optional(),
});

/** A position in the store-wide order (opaque: compare the pair, never the numbers alone). */
export const allPositionSchema = z.object({ commit: z.number(), prepare: z.number() });

/** A stored event with its envelope (EVENTS.md, "Common envelope"). */
export const storedEventSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  streamId: z.string(),
  revision: z.number().int().describe('0-based, gapless position in its stream'),
  globalPosition: z.number().int(),
  position: allPositionSchema,
  effectiveDate: dateSchema,
  recordedAt: z.string().describe('ISO-8601 UTC instant from the database clock (T1)'),
  actor: z.string().describe('who recorded it: from the credential'),
  documentRef: z.string().nullable().describe('the decision’s document number (文号)'),
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()).describe('e.g. {override: {reason, rules}}'),
  hash: z.string().describe('SHA-256 (hex) over the previous event’s hash in the stream and this event’s canonical JSON'),
});

/**
 * `true` only while the domain's answer still has every field the schema documents, with its type:
 * a list of these fails the type check when a documented field is renamed, removed or retyped.
 */
export type Documents<Answer, Schema extends z.ZodType> = Answer extends ReadOnlyAnswer<Omit<z.output<Schema>, 'behind'>> ? true : never;

/** An answer typed with readonly fields and arrays documents the same shape as a mutable one. */
type ReadOnlyAnswer<T> = T extends readonly (infer Item)[] ? readonly ReadOnlyAnswer<Item>[] : T extends object ? { readonly [K in keyof T]: ReadOnlyAnswer<T[K]> } : T;
