/**
 * A cadre's history (GET /v1/cadres/{id}/history) as /docs/openapi.json documents it: every event
 * with its envelope and its links both ways. The check at the end fails the type check when a
 * documented field is renamed, removed or retyped in HistoryAnswer.
 */
import { z } from 'zod';
import type { HistoryAnswer } from '@ledger/projections';
import { storedEventSchema, type Documents } from '../platform/answer-schemas';

const linksSchema = z.object({
  retractedBy: z.array(z.string()).describe('EntryRetracted events that retract this one'),
  retracts: z.string().optional().describe('for an EntryRetracted: the event it retracts'),
  rescindedBy: z.array(z.string()).describe('for a SanctionImposed: the SanctionRescinded events voiding it (TM9)'),
  rescinds: z.string().optional(),
  appealedBy: z.array(z.string()).describe('AppealFiled events against this event'),
  appealOf: z.string().optional(),
  causedBy: z.string().optional().describe('the event that caused this one (causationId)'),
  causes: z.array(z.string()),
  forAppeal: z.string().optional().describe('for a SanctionRescinded entered by hand naming an appeal: that appeal’s decision (or its filing while undecided) (TM9)'),
  carriedOutBy: z.array(z.string()).optional().describe('for an appeal’s decision (or filing): the rescissions entered by hand that name the appeal'),
});

export const historySchema = z.object({
  cadreId: z.string(),
  cadreName: z.string().nullable(),
  asOf: z.string().nullable(),
  knownAt: z.string().nullable(),
  streamRevision: z.number().int().describe('the cadre stream’s revision now, whatever knownAt: the If-Match of the next write'),
  events: z
    .array(
      storedEventSchema.extend({
        links: linksSchema,
        counts: z.boolean().describe('known at knownAt and not retracted by a retraction known then'),
        scheduled: z.boolean().describe('effective after asOf, or after today without asOf (T4)'),
        unreadable: z
          .object({ field: z.string().describe('the first field that fails, empty for the event as a whole'), reason: z.string() })
          .optional()
          .describe('present when the stored event fails its type’s schema (an edit made past the ledger): listed as stored; the history and the state cannot read it, while the read models keep what was stored (see warningsZh)'),
      }),
    )
    .describe('the cadre’s events, those of the appeals about the cadre and its recommendations, in the order the ledger learned them'),
  orgUnits: z.array(z.object({ orgUnitId: z.string(), name: z.string().nullable(), kind: z.string().nullable() })),
  cadres: z.array(z.object({ cadreId: z.string(), name: z.string().nullable() })).describe('the other cadres the events name'),
  chains: z
    .object({
      intact: z.boolean(),
      checkedStreams: z.number().int(),
      checkedEvents: z.number().int(),
      broken: z.array(
        z.object({
          streamId: z.string(),
          revision: z.number().int(),
          reason: z.string().describe('as verify names it: HASH_MISMATCH, REVISION_GAP, RECORDED_BEFORE_PREVIOUS, POSITIONS_OUT_OF_ORDER'),
          eventId: z.string().nullable().describe('the event at that revision; null for a missing revision'),
          message: z.string(),
        }),
      ),
    })
    .describe('the hash chains of the cadre’s stream and of the appeals about the cadre, checked link by link over the events read (verify also checks each stream’s head and the store-wide order)'),
  warningsZh: z.array(z.string()).describe('each chain break and each unreadable event, in Chinese, for a reader to see before the events; empty when the history is as the ledger wrote it'),
});

export const HISTORY_SCHEMA_MATCHES: Documents<HistoryAnswer, typeof historySchema> = true;
