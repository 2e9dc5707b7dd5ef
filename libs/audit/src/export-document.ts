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
/** Bump whenever the links or the summary an export derives change (cadreHistory's links included). */
export const EXPORT_DERIVATION_VERSION = 1;

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

export const BROKEN_LINK_REASONS = ['HASH_MISMATCH', 'REVISION_GAP', 'MISSING_EVENTS', 'HEAD_MISMATCH', 'MISSING_HEAD', 'OUTSIDE_THE_ORDER', 'POSITIONS_OUT_OF_ORDER', 'RECORDED_BEFORE_PREVIOUS'] as const;

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
  /**
   * The stream the name comes from verified intact to its head when exported (added within v1).
   * False: the registration's stream is broken, so the name may have been edited in the database.
   */
  sourceVerified: z.boolean().optional(),
};

export const exportedOrgUnitSchema = z.object({ orgUnitId: z.string(), ...namedFields, kind: z.string().nullable() }).strict();
export type ExportedOrgUnit = z.infer<typeof exportedOrgUnitSchema>;

/** Another cadre an event names (a talk's partner, a recommendation's), with the registration that names them. */
export const exportedCadreSchema = z.object({ cadreId: z.string(), ...namedFields }).strict();
export type ExportedCadre = z.infer<typeof exportedCadreSchema>;

/** Why an event of another stream is in the file. */
export const RELATED_EVENT_ROLES = ['ORG_UNIT_REGISTRATION', 'CADRE_REGISTRATION', 'RECOMMENDATION', 'RECOMMENDATION_RETRACTION'] as const;
export type RelatedEventRole = (typeof RELATED_EVENT_ROLES)[number];
/** The same, as the export's page and the comparison with the ledger say it. */
export const RELATED_EVENT_ROLE_NAMES_ZH: Record<RelatedEventRole, string> = {
  ORG_UNIT_REGISTRATION: '单位登记（名称来源）',
  CADRE_REGISTRATION: '干部登记（姓名来源）',
  RECOMMENDATION: '实名推荐该干部',
  RECOMMENDATION_RETRACTION: '撤回推荐',
};

/**
 * A stored event of another stream the export relies on: the registration a name comes from, a
 * recommendation of the cadre on the recommender's stream (TM5) and its retraction. Carried with
 * the hash before it in its own stream, so its link is recomputed from the file alone; its
 * stream as a whole is another cadre's or unit's and is not exported (its head, read with the
 * event, was checked when exporting: `streamVerified`).
 */
export const exportedRelatedEventSchema = z
  .object({
    role: z.enum(RELATED_EVENT_ROLES),
    /** The hash of the event before it in its stream (the genesis hash at revision 0); null when that event is missing from the store. */
    previousHash: z.string().nullable(),
    /** Its stream's whole chain verified to its head when exported. */
    streamVerified: z.boolean(),
    event: exportedEventSchema,
  })
  .strict();
export type ExportedRelatedEvent = z.infer<typeof exportedRelatedEventSchema>;

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
    /** Recommendations of the cadre (TM5(b)) among the related events (added within v1). */
    recommendations: z.number().int().min(0).optional(),
    /** Every related event's stream verified to its head when exported (added within v1). */
    relatedEventsIntact: z.boolean().optional(),
  })
  .strict();
export type ExportSummary = z.infer<typeof exportSummarySchema>;

export const auditExportSchema = z
  .object({
    format: z.literal(AUDIT_EXPORT_FORMAT),
    formatVersion: z.literal(AUDIT_EXPORT_VERSION),
    cadreId: z.string(),
    /** ISO-8601 UTC instant. */
    // An instant (found by a security review: "garbage" passed GENERATED_BEFORE_ITS_EVENTS unseen).
    generatedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO-8601 instant' }),
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
    /** Events of other streams the names and the history rely on (added within v1: older files have none). */
    relatedEvents: z.array(exportedRelatedEventSchema).optional(),
    /**
     * The version of the rules that derived `links` and `summary` from the events (added within v1).
     * `verify-export` derives them again only for a file of its own version: a later ledger may link
     * events differently, and an older file is no forgery for that.
     */
    derivation: z.number().int().min(1).optional(),
    summary: exportSummarySchema,
    /**
     * SHA-256 of the RFC 8785 canonical JSON of this document without `documentHash`: catches a
     * changed field the chains do not cover (positions, links, summary). Like the chains, it binds
     * the file to itself only: anyone may recompute it, so `verifyExport` also derives the links,
     * the summary and the names again from the events; the stream heads, compared with the
     * ledger, anchor the whole.
     */
    documentHash: z.string(),
  })
  .strict();
export type AuditExport = z.infer<typeof auditExportSchema>;

export const HASH_ALGORITHM_DESCRIPTION =
  'hash = hex(SHA-256(utf8(previousHash) ‖ utf8(RFC 8785 canonical JSON of {eventId, type, schemaVersion, streamId, revision, ' +
  'effectiveDate, recordedAt, actor, documentRef, correlationId, causationId, data, metadata}))); previousHash of revision 0 = genesisHash';
