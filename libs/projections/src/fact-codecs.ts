/**
 * The read-model rows' jsonb columns are a boundary like any other: what comes back from the
 * database is parsed with zod into the domain's fact types (ledger-facts.ts) before a pure query
 * sees it, so a hand-edited or half-migrated row fails loudly instead of answering wrongly.
 */
import { z } from 'zod';
import {
  calendarDateSchema,
  cadreRegistered,
  commended,
  countyDepartmentRated,
  orgUnitRegistered,
  rankPromoted,
  representativeBodySchema,
  seatLevelSchema,
  talkHeld,
  trainingCompleted,
  gradeSchema,
  orgUnitKindSchema,
  policyVersionSchema,
  rankSchema,
  roleSchema,
  sanctionKindSchema,
  sanctionRescinded,
  secondmentStarted,
  temporaryPostingStarted,
  type CareerTimeline,
  type OrgUnitFacts,
  type PolicyFact,
  type RetractionFact,
} from '@ledger/domain';

const factMeta = z.object({
  eventId: z.string().min(1),
  effectiveDate: calendarDateSchema,
  recordedAt: z.string().min(1),
  globalPosition: z.number().int().nonnegative(),
});

const postRef = { orgUnitId: z.string().min(1), role: roleSchema };

const postChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('APPOINTED'), ...postRef, meta: factMeta }),
  z.object({ kind: z.literal('REMOVED'), ...postRef, meta: factMeta }),
  z.object({ kind: z.literal('TRANSFERRED'), from: z.object(postRef), to: z.object(postRef), meta: factMeta }),
]);

const awayChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('SECONDMENT_STARTED'), data: secondmentStarted, meta: factMeta }),
  z.object({ kind: z.literal('SECONDMENT_ENDED'), meta: factMeta }),
  z.object({ kind: z.literal('TEMPORARY_POSTING_STARTED'), data: temporaryPostingStarted, meta: factMeta }),
  z.object({ kind: z.literal('TEMPORARY_POSTING_ENDED'), meta: factMeta }),
]);

export const careerTimelineSchema: z.ZodType<CareerTimeline> = z.object({
  cadreId: z.string().min(1),
  registered: factMeta.nullable(),
  postChanges: z.array(postChange),
  awayChanges: z.array(awayChange),
  grades: z.array(z.object({ year: z.number().int(), grade: gradeSchema, meta: factMeta })),
  sanctions: z.array(z.object({ sanctionId: z.string().min(1), kind: sanctionKindSchema, meta: factMeta })),
  rescissions: z.array(
    z.object({ sanctionId: z.string().min(1), reason: sanctionRescinded.shape.reason, appealId: z.string().min(1).optional(), meta: factMeta }),
  ),
  ranks: z.array(z.object({ rank: rankSchema, meta: factMeta })),
  commendations: z.array(z.object({ data: commended, meta: factMeta })),
  // Added with cadre-careers v2 (issue 13); a v1 row lacks them until its rebuild.
  profiles: z.array(z.object({ name: z.string(), birthDate: calendarDateSchema, education: cadreRegistered.shape.education, meta: factMeta })).default([]),
  promotions: z
    .array(z.object({ fromRank: rankSchema, toRank: rankSchema, basis: rankPromoted.shape.basis, quota: rankPromoted.shape.quota, meta: factMeta }))
    .default([]),
  trainings: z.array(z.object({ level: trainingCompleted.shape.level, programme: z.string(), meta: factMeta })).default([]),
  talks: z.array(z.object({ kind: talkHeld.shape.kind, withCadreId: z.string().min(1), meta: factMeta })).default([]),
  healthChecks: z.array(factMeta).default([]),
  recommendations: z.array(z.object({ recommendedCadreId: z.string().min(1), forPost: z.string(), meta: factMeta })).default([]),
  seats: z
    .array(
      z.object({
        kind: z.enum(['TAKEN', 'ENDED']),
        body: representativeBodySchema,
        level: seatLevelSchema,
        committeeMember: z.boolean().optional(),
        meta: factMeta,
      }),
    )
    .default([]),
});

export const retractionsSchema: z.ZodType<RetractionFact[]> = z.array(z.object({ targetEventId: z.string().min(1), meta: factMeta }));

export const orgUnitFactsSchema: z.ZodType<OrgUnitFacts> = z.object({
  orgUnitId: z.string().min(1),
  registrations: z.array(z.object({ name: z.string(), kind: orgUnitKindSchema, assessmentClass: orgUnitRegistered.shape.assessmentClass, meta: factMeta })),
  scores: z.array(z.object({ year: z.number().int(), score: z.number(), meta: factMeta })),
  ratings: z.array(z.object({ year: z.number().int(), ratedByCadreId: z.string().min(1), scores: countyDepartmentRated.shape.scores, meta: factMeta })).default([]),
});

export const policyFactSchema: z.ZodType<PolicyFact> = z.object({ version: policyVersionSchema, meta: factMeta });

/**
 * A `cadre-careers` row read back by the projection itself, to fold new events onto (the live path,
 * once per appended event). Trusted as stored events are (issue 16, "parse once"): this projection
 * wrote it from validated events, and the runner applies events only to tables of its own version,
 * so no field is missing. Checked for the one thing a fold must not get wrong, which row it is;
 * `projections verify` and every query still parse rows with the schemas above.
 */
export function trustedCadreRow(cadreId: string, timeline: unknown, retractions: unknown): { timeline: CareerTimeline; retractions: RetractionFact[] } {
  const row = timeline as Partial<CareerTimeline> | null;
  if (row?.cadreId !== cadreId || !Array.isArray(row.postChanges) || !Array.isArray(retractions)) {
    throw new Error(`proj_cadre_timelines: the row of ${cadreId} is not a timeline of that cadre; rebuild: projections rebuild cadre-careers`);
  }
  return { timeline: row as CareerTimeline, retractions: retractions as RetractionFact[] };
}
