/**
 * The audit answers as /docs/openapi.json documents them: a verification of every hash chain (and,
 * with `sinceDigest`, the proof that nothing before the digest changed), and the ledger digest.
 * Checked against the answers' types at compile time.
 */
import { z } from 'zod';
import { BREAK_REASONS_ZH, BROKEN_LINK_REASONS, RELATED_EVENT_ROLES, type DigestAnswer, type SinceDigestVerification } from '@ledger/audit';
import type { ExportCheck } from './ledger-digest.query';
import type { VerificationResult } from '@ledger/event-store';
import { allPositionSchema, type Documents } from '../platform/answer-schemas';

export const digestSchema = z.object({
  count: z.number().int().describe('how many events of the store-wide order it covers'),
  position: allPositionSchema.describe('position of the last covered event'),
  hash: z.string().describe('the running SHA-256 over every event hash in the store-wide order, hex'),
  digest: z.string().describe('the compact form to keep and pass back as sinceDigest'),
});

/** GET /v1/audit/digest: the digest, and what it is for in Chinese (the CLI's digest prints the same). */
export const digestAnswerSchema = digestSchema.extend({
  summaryZh: z.array(z.string()).describe('the digest and what to do with it, in Chinese sentences, as the CLI’s digest prints them'),
});

const brokenLinkSchema = z.object({
  streamId: z.string(),
  revision: z.number().int(),
  reason: z.enum(BROKEN_LINK_REASONS),
  message: z.string(),
  eventId: z.string().optional().describe('the event stored at that revision (absent for a missing revision)'),
  eventType: z.string().optional(),
  cadreId: z.string().optional().describe('on a cadre’s stream: the cadre'),
  cadreName: z.string().nullable().optional().describe('on a cadre’s stream: the name its latest standing registration gives'),
});

export const verificationSchema = z.object({
  ok: z.boolean(),
  checkedEvents: z.number().int(),
  checkedStreams: z.number().int(),
  firstBroken: brokenLinkSchema.optional().describe('the first broken link, by stream and revision'),
  broken: z
    .array(brokenLinkSchema)
    .describe('the broken links found: the first only, as verify stops there (the CLI’s verify --all lists every one, each at its own event)'),
  unlistedOutsideTheOrder: z
    .number()
    .int()
    .optional()
    .describe('with every break listed: events outside the store-wide order found beyond the first 1,000, which broken does not list'),
  unfinishedCopy: z
    .object({
      source: z.string().describe('the store copied from (a URL without its credentials, or a data directory)'),
      sourceEvents: z.number().int().describe('events the source held when this copy started'),
      startedAt: z.string().describe('when this copy started'),
      acceptedAt: z.string().nullable().describe('when an operator accepted the copy as it is (its source lost); null: not accepted, and ok is false'),
      acceptedReason: z.string().nullable(),
      acceptedBy: z.string().nullable(),
    })
    .optional()
    .describe('present when this store is the target of a migrate-store copy under way or stopped part-way (UNFINISHED_COPY): its chains may be intact while it holds only part of the source'),
  sinceDigest: z
    .object({
      ok: z
        .boolean()
        .describe('the events the digest covers are there, in their order, with the same stored hashes; that their content is unchanged needs the chains intact too: the top-level ok says both'),
      digest: digestSchema,
      current: digestSchema,
      recountedEvents: z.number().int(),
      appendedSince: z.number().int(),
      positionsRenumbered: z
        .boolean()
        .optional()
        .describe('the covered events are there in the same order with the same hashes, at other positions (a store copied by migrate-store): proven by the order alone'),
      failure: z
        .object({ reason: z.enum(['EVENTS_MISSING', 'EVENTS_INSERTED', 'HASH_MISMATCH', 'RECORDED_BEFORE_THE_DIGEST']), message: z.string(), detailZh: z.string().describe('the message in Chinese') })
        .optional(),
    })
    .optional()
    .describe('with ?sinceDigest: whether the ledger up to the digest is unchanged and only appended to since'),
  summaryZh: z.array(z.string()).describe('what was found, in Chinese sentences, as the CLI’s verify prints them (the digest’s proof first, with ?sinceDigest)'),
});

const exportBreakSchema = z.object({
  streamId: z.string().nullable().describe('null for a break of the document as a whole'),
  revision: z.number().int().nullable(),
  eventId: z.string().nullable(),
  // Listed from the one table of reasons the check gives (found by a review: a hand-kept list missed four).
  reason: z.string().describe(`one of ${Object.keys(BREAK_REASONS_ZH).join(', ')}`),
  message: z.string(),
  detailZh: z.string().optional().describe('what differs, in Chinese, where the reason does not say it (NAME_MISMATCH: both names)'),
});

const comparedEventSchema = z.object({
  role: z.enum(['STREAM_HEAD', 'STREAM_EVENT', ...RELATED_EVENT_ROLES]).describe('why the file carries it: a stream head, another event of its streams, or a related event'),
  eventId: z.string(),
  streamId: z.string(),
  revision: z.number().int(),
  fileHash: z.string(),
  ledgerHash: z.string().nullable().describe('the hash this ledger holds for the event id; null when it holds none'),
  type: z.string().describe('its type as the file carries it'),
  ledgerStreamId: z.string().nullable().describe('the stream this ledger holds the event in (null when it holds none): with PLACE_DIFFERS, not the file’s'),
  ledgerRevision: z.number().int().nullable().describe('its revision there (null when the ledger holds none)'),
  ok: z.boolean(),
  reason: z
    .enum(['NOT_IN_LEDGER', 'PLACE_DIFFERS', 'HASH_DIFFERS', 'LEDGER_EVENT_EDITED'])
    .optional()
    .describe('LEDGER_EVENT_EDITED: the ledger holds the file’s hash but its event no longer matches it (changed in the ledger since the export)'),
  contentDifferences: z
    .array(z.object({ path: z.string().describe('an envelope field, or data.… / metadata.… to the leaf'), file: z.unknown().describe('the value in the file (absent: none)'), ledger: z.unknown().describe('the value in the ledger (absent: none)') }))
    .optional()
    .describe('with HASH_DIFFERS or LEDGER_EVENT_EDITED: the fields the file and the ledger give differently (the first 20), what was changed'),
});

/** POST /v1/audit/verify-export. */
export const exportCheckSchema = z.object({
  ok: z.boolean().describe('the file agrees with itself and every event it carries (of its streams and related) is this ledger’s own, unchanged since'),
  file: z
    .object({
      ok: z.boolean(),
      cadreId: z.string(),
      generatedAt: z.string(),
      generatedBy: z.string(),
      checkedStreams: z.number().int(),
      checkedEvents: z.number().int(),
      streams: z.array(
        z.object({
          streamId: z.string(),
          ok: z.boolean(),
          checkedEvents: z.number().int(),
          headRevision: z.number().int().nullable(),
          headHash: z.string().nullable(),
          firstBroken: exportBreakSchema.optional(),
        }),
      ),
      documentHashOk: z.boolean(),
      checkedRelatedEvents: z.number().int(),
      checkedNames: z.number().int(),
      derivedOk: z.boolean().nullable().describe('links and summary derived again equal the file’s; null for a file of another derivation version'),
      firstBroken: exportBreakSchema.optional(),
    })
    .describe('the file checked alone, as the CLI’s verify-export does'),
  ledger: z
    .object({
      ok: z.boolean(),
      comparedEvents: z.number().int(),
      events: z.array(comparedEventSchema),
      streams: z.array(
        z.object({
          streamId: z.string(),
          fileHeadRevision: z.number().int(),
          ledgerHeadRevision: z.number().int().nullable(),
          appendedSince: z.number().int().describe('events of the stream the ledger recorded after the export (or less than a minute before it) and the file lacks: a later state, not a discrepancy'),
        }),
      ),
      appealStreamsNotInFile: z.array(z.string()).describe('appeals about the cadre the file does not carry (filed after the export, or omitted)'),
      streamsNotAboutTheCadre: z.array(z.string()).describe('streams of the file that are neither the cadre’s own nor an appeal about the cadre in the ledger, or carried twice'),
      omitted: z
        .array(z.object({ streamId: z.string(), revision: z.number().int(), eventId: z.string(), type: z.string(), recordedAt: z.string() }))
        .describe('events the ledger recorded more than a minute before the export and the file lacks (any event of its streams, an appeal filed, a recommendation): a file cut short or cut into'),
      recommendationsNotChecked: z
        .number()
        .int()
        .describe('recommendations of the cadre (and their retractions) the ledger recorded before the export, not looked for: the file predates exports carrying them (no relatedEvents); 0 for a file that carries them'),
      relatedEventsAbsent: z
        .boolean()
        .describe('the file carries no related events though generated since exports carry them (2026-12-03): its recommendations were looked for, each one missing is in omitted'),
      firstMismatch: comparedEventSchema.optional(),
    })
    .nullable()
    .describe('each stream head and related event compared with the event this ledger holds; null when the file failed its own check'),
  summaryZh: z.array(z.string()).describe('what was found, in Chinese sentences (the file’s own check first)'),
});

/** The Chinese sentences beside an audit answer (`verificationZh`, `sinceDigestVerificationZh`, `digestZh` of @ledger/audit). */
export interface ZhSummary {
  readonly summaryZh: readonly string[];
}

export const AUDIT_SCHEMAS_MATCH: [
  Documents<DigestAnswer & ZhSummary, typeof digestAnswerSchema>,
  Documents<VerificationResult & ZhSummary, typeof verificationSchema>,
  Documents<SinceDigestVerification & ZhSummary, typeof verificationSchema>,
  Documents<ExportCheck, typeof exportCheckSchema>,
] = [true, true, true, true];
