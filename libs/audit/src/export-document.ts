/**
 * The audit-trail export of one cadre (format `cadre-ledger.audit-export`, version 1): a
 * self-contained JSON document that carries every stored event of the cadre's stream and of the
 * appeals about the cadre, with the full envelope and hash, so that `verifyExport` can recompute
 * every chain from the file alone. The zod schema is the boundary: a file is parsed by it before
 * anything is verified, so a malformed file is a clear error, never a crash.
 */
import { z } from 'zod';
import type { JsonValue } from '@ledger/event-store';

export const AUDIT_EXPORT_FORMAT = 'cadre-ledger.audit-export';
export const AUDIT_EXPORT_VERSION = 1;

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

/**
 * A stored event exactly as the store holds it (EVENTS.md "Common envelope"). Strict: a field the
 * hash does not cover cannot be slipped into the file unnoticed. Values the chain protects (ids,
 * hash) are plain strings here, so a changed value is reported as a broken link of that event.
 */
export const exportedEventSchema = z
  .object({
    eventId: z.string(),
    type: z.string(),
    schemaVersion: z.number().int(),
    streamId: z.string(),
    revision: z.number().int().min(0),
    globalPosition: z.number().int(),
    position: z.object({ commit: z.number().int(), prepare: z.number().int() }).strict(),
    effectiveDate: z.string(),
    recordedAt: z.string(),
    actor: z.string(),
    documentRef: z.string().nullable(),
    correlationId: z.string().nullable(),
    causationId: z.string().nullable(),
    data: jsonObjectSchema,
    metadata: jsonObjectSchema,
    hash: z.string(),
  })
  .strict();
export type ExportedEvent = z.infer<typeof exportedEventSchema>;

export const BROKEN_LINK_REASONS = ['HASH_MISMATCH', 'REVISION_GAP', 'MISSING_EVENTS', 'HEAD_MISMATCH', 'MISSING_HEAD'] as const;

const brokenLinkSchema = z
  .object({ streamId: z.string(), revision: z.number().int(), reason: z.enum(BROKEN_LINK_REASONS), message: z.string() })
  .strict();

export const exportedStreamSchema = z
  .object({
    streamId: z.string(),
    /** `cadre`: the cadre's own stream; `appeal`: an appeal whose AppealFiled names the cadre. */
    kind: z.enum(['cadre', 'appeal']),
    /** The stream head in the store when exported (null when the store had none: itself a break). */
    head: z.object({ revision: z.number().int().min(0), hash: z.string() }).strict().nullable(),
    /** The chain as verified against the store at export time. */
    verification: z.object({ ok: z.boolean(), checkedEvents: z.number().int().min(0), firstBroken: brokenLinkSchema.optional() }).strict(),
    events: z.array(exportedEventSchema),
  })
  .strict();
export type ExportedStream = z.infer<typeof exportedStreamSchema>;

/** cadreHistory's links of one event, both ways (libs/domain read-models/history.ts). */
export const exportedLinksSchema = z
  .object({
    eventId: z.string(),
    /** False when a retraction in the export makes the event no longer count. */
    counts: z.boolean(),
    retractedBy: z.array(z.string()),
    retracts: z.string().optional(),
    rescindedBy: z.array(z.string()),
    rescinds: z.string().optional(),
    appealedBy: z.array(z.string()),
    appealOf: z.string().optional(),
    causedBy: z.string().optional(),
    causes: z.array(z.string()),
  })
  .strict();
export type ExportedLinks = z.infer<typeof exportedLinksSchema>;

/** Org units the events name, with the registering event the name comes from (for the rendering). */
/** A name as the export carries it: the registration it comes from, with that event's hash. */
const namedFields = {
  name: z.string().nullable(),
  sourceEventId: z.string().nullable(),
  sourceHash: z.string().nullable(),
};

export const exportedOrgUnitSchema = z.object({ orgUnitId: z.string(), ...namedFields, kind: z.string().nullable() }).strict();
export type ExportedOrgUnit = z.infer<typeof exportedOrgUnitSchema>;

/** Another cadre an event names (a talk's partner, a recommendation's), with the registration that names them. */
export const exportedCadreSchema = z.object({ cadreId: z.string(), ...namedFields }).strict();
export type ExportedCadre = z.infer<typeof exportedCadreSchema>;

export const exportSummarySchema = z
  .object({
    cadreName: z.string().nullable(),
    streams: z.number().int().min(0),
    events: z.number().int().min(0),
    appeals: z.number().int().min(0),
    eventsByType: z.record(z.string(), z.number().int().min(0)),
    /** Events a retraction in the export makes no longer count. */
    retractedEvents: z.number().int().min(0),
    firstEffectiveDate: z.string().nullable(),
    lastEffectiveDate: z.string().nullable(),
    lastRecordedAt: z.string().nullable(),
    /** Every chain verified at export time. */
    chainsIntact: z.boolean(),
    /** Events whose type or payload the ledger's catalogue cannot read (shown raw; not linked). */
    unreadableEvents: z.array(z.string()),
  })
  .strict();
export type ExportSummary = z.infer<typeof exportSummarySchema>;

export const auditExportSchema = z
  .object({
    format: z.literal(AUDIT_EXPORT_FORMAT),
    formatVersion: z.literal(AUDIT_EXPORT_VERSION),
    cadreId: z.string(),
    /** ISO-8601 UTC instant. */
    generatedAt: z.string(),
    /** Who exported it: `ROLE:name#tokenId` over HTTP, `cli:user` from the command line. */
    generatedBy: z.string(),
    /** How each event's hash is computed, for a reader re-implementing the check. */
    hashAlgorithm: z.string(),
    genesisHash: z.string(),
    streams: z.array(exportedStreamSchema),
    links: z.array(exportedLinksSchema),
    orgUnits: z.array(exportedOrgUnitSchema),
    /** Other cadres the events name, for their names (added within v1: a file without it still reads). */
    cadres: z.array(exportedCadreSchema).optional(),
    summary: exportSummarySchema,
    /**
     * SHA-256 of the RFC 8785 canonical JSON of this document without `documentHash`: catches a
     * changed field the chains do not cover (positions, links, summary). Like the chains, it binds
     * the file to itself only; the stream heads, compared with the ledger, anchor it.
     */
    documentHash: z.string(),
  })
  .strict();
export type AuditExport = z.infer<typeof auditExportSchema>;

export const HASH_ALGORITHM_DESCRIPTION =
  'hash = hex(SHA-256(utf8(previousHash) ‖ utf8(RFC 8785 canonical JSON of {eventId, type, schemaVersion, streamId, revision, ' +
  'effectiveDate, recordedAt, actor, documentRef, correlationId, causationId, data, metadata}))); previousHash of revision 0 = genesisHash';
