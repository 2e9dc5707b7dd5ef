/**
 * Verifies an audit-trail export from the file alone: every stream's hash chain is recomputed with
 * the ledger's own chainHash (nothing is read from a database), each chain must end at the head
 * the file names, and the document hash must match. A changed field, a removed, inserted or
 * reordered event, a changed hash: each fails, naming the first broken event.
 */
import { firstRepeatedKey, quoteInput, repeatedKeyMessages, STORE_BREAK_REASONS_ZH, zodIssueZh } from '@ledger/domain';
import { canonicalJson, chainHash, StreamChainChecker, type BrokenLinkReason } from '@ledger/event-store';
import { computeDocumentHash, deriveLinksAndSummary } from './build-export';
import { AUDIT_EXPORT_FORMAT, AUDIT_EXPORT_VERSION, auditExportSchema, EXPORT_DERIVATION_VERSION, type AuditExport, type ExportedRelatedEvent, type ExportedStream } from './export-document';

export type ExportBreakReason =
  | BrokenLinkReason
  | 'WRONG_STREAM' // an event sits in another stream's list
  | 'GENESIS_MISMATCH' // the file's genesis hash is not the ledger's
  | 'MISSING_CADRE_STREAM' // the cadre's own stream is not in the file
  | 'RELATED_EVENT_MISMATCH' // an event of another stream (a registration, a recommendation) was changed
  | 'NAME_MISMATCH' // a name differs from the registration it cites
  | 'DERIVED_MISMATCH' // the links or the summary differ from what the events give
  | 'NOT_ABOUT_THE_CADRE' // an appeal stream or a recommendation about another cadre was slipped in, or a stream that is neither its own nor an appeal's
  | 'DUPLICATE_STREAM' // one stream carried twice (its events shown twice, its appeal counted twice)
  | 'GENERATED_BEFORE_ITS_EVENTS' // the file says it was written before events it carries were recorded
  | 'DOCUMENT_HASH_MISMATCH'; // a field outside the chains (positions, links, summary…) was changed

export interface ExportBreak {
  /** Null for a break of the document as a whole. */
  readonly streamId: string | null;
  readonly revision: number | null;
  /** The event at fault, when the file still has it (not for a missing one). */
  readonly eventId: string | null;
  readonly reason: ExportBreakReason;
  readonly message: string;
  /** What differs, in Chinese, where the reason alone does not say it (a name: the file's and its registration's). */
  readonly detailZh?: string;
}

export interface StreamCheck {
  readonly streamId: string;
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly headRevision: number | null;
  readonly headHash: string | null;
  readonly firstBroken?: ExportBreak;
}

export interface ExportVerification {
  readonly ok: boolean;
  readonly cadreId: string;
  readonly generatedAt: string;
  readonly generatedBy: string;
  readonly checkedStreams: number;
  readonly checkedEvents: number;
  readonly streams: readonly StreamCheck[];
  readonly documentHashOk: boolean;
  /** Events of other streams whose link was recomputed (0 for a file from before they were carried). */
  readonly checkedRelatedEvents: number;
  /** Names compared with the registration they cite. */
  readonly checkedNames: number;
  /**
   * The links and the summary derived again from the events equal the file's; null when they were
   * not derived again: the file was written by another version of the derivation (`derivation`).
   */
  readonly derivedOk: boolean | null;
  readonly firstBroken?: ExportBreak;
}

/** A file that is not an audit export at all (not JSON, wrong format, missing fields). */
export class ExportFormatError extends Error {
  readonly code = 'INVALID_EXPORT';
  constructor(
    message: string,
    /** The same in Chinese, with the same paths and values (a Problem's detailZh). */
    readonly messageZh: string,
    /** `path`: the place and the event it points into, as the English names them (`pathZh` the Chinese); `field`: the place alone. */
    readonly issues: ReadonlyArray<{ readonly path: string; readonly pathZh: string; readonly field: string; readonly message: string; readonly messageZh: string }> = [],
  ) {
    super(message);
  }
}

/**
 * A schema issue's place (`streams.0.events.3.hash`) and, when it points into an event, that event
 * named in English and in Chinese by the file's own values, each quoted (a file's stream id may be
 * any length, in any script).
 */
function describeIssuePath(raw: unknown, path: readonly PropertyKey[]): { field: string; where: string; whereZh: string } {
  const field = quoteInput(path.map(String).join('.') || '(root)');
  if (path[0] !== 'streams' || typeof path[1] !== 'number' || path[2] !== 'events' || typeof path[3] !== 'number') return { field, where: field, whereZh: field };
  const streams = (raw as { streams?: unknown }).streams;
  const stream = Array.isArray(streams) ? (streams[path[1]] as { streamId?: unknown; events?: unknown } | undefined) : undefined;
  const event = Array.isArray(stream?.events) ? (stream.events[path[3]] as { eventId?: unknown; revision?: unknown } | undefined) : undefined;
  const streamId = quoteInput(String(stream?.streamId ?? '?'));
  const revision = quoteInput(String(event?.revision ?? '?'));
  const id = quoteInput(typeof event?.eventId === 'string' ? event.eventId : '?');
  return { field, where: `${field} (stream ${streamId}, revision ${revision}, event ${id})`, whereZh: `${field}（事件流 ${streamId} 第 ${revision} 号事件 ${id}）` };
}

/** Parses a file's text, or an already parsed JSON value, as an audit export; ExportFormatError otherwise. */
/** Deeper than any export of this ledger (its events' data is at most 32 levels, MAX_INPUT_DEPTH). */
const MAX_EXPORT_DEPTH = 64;

/**
 * The first place of a file nested deeper than MAX_EXPORT_DEPTH or holding a NUL: no export of this
 * ledger writes either (the store refuses NUL). Found iteratively, before the schema's recursion
 * meets it (found by a security review: 2,000 nested arrays exhausted the stack, a 500; a NUL in a
 * stream id, resealed, made the check against the ledger a 500).
 */
function firstUnwritable(value: unknown): { path: string[]; reason: 'TOO_DEEP' | 'NUL' } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { path, reason: 'NUL' };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= MAX_EXPORT_DEPTH) return { path: path.slice(0, 8).concat('…'), reason: 'TOO_DEEP' };
    for (const [key, inner] of Object.entries(v)) {
      if (key.includes('\u0000')) return { path, reason: 'NUL' };
      stack.push({ value: inner, path: [...path, key] });
    }
  }
  return undefined;
}

export function parseAuditExport(input: unknown): AuditExport {
  let raw: unknown = input;
  if (typeof input === 'string') {
    // A file saved as "UTF-8 with BOM" (Windows Notepad) is the same export: the mark is not part of the JSON (found by a review).
    const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const why = quoteInput(error instanceof Error ? error.message : String(error));
      throw new ExportFormatError(`not JSON: ${why}`, `不是 JSON（解析器报告：${why}）`);
    }
    // A name given twice: a reader of the file sees both values, the check only the last.
    const repeat = firstRepeatedKey(text, raw);
    if (repeat) {
      const { message, messageZh } = repeatedKeyMessages(repeat);
      throw new ExportFormatError(`malformed audit export: ${message}`, `审计导出文件格式有误：${messageZh}`);
    }
  }
  const header = typeof raw === 'object' && raw !== null ? (raw as { format?: unknown; formatVersion?: unknown }) : undefined;
  if (header?.format !== AUDIT_EXPORT_FORMAT) {
    throw new ExportFormatError(`not a cadre-ledger audit export (its "format" is not "${AUDIT_EXPORT_FORMAT}")`, `不是干部履历台账的审计导出文件（其 format 不是 "${AUDIT_EXPORT_FORMAT}"）`);
  }
  if (header.formatVersion !== AUDIT_EXPORT_VERSION) {
    const version = quoteInput(String(JSON.stringify(header.formatVersion)));
    throw new ExportFormatError(
      `unsupported audit export version ${version} (this ledger reads version ${AUDIT_EXPORT_VERSION})`,
      `不支持的审计导出版本 ${version}（本台账读取版本 ${AUDIT_EXPORT_VERSION}）`,
    );
  }
  const odd = firstUnwritable(raw);
  if (odd) {
    const at = odd.path.join('.') || '(file)';
    throw new ExportFormatError(
      odd.reason === 'TOO_DEEP' ? `malformed audit export: ${at} is nested deeper than ${MAX_EXPORT_DEPTH} levels` : `malformed audit export: ${at} holds a NUL character`,
      odd.reason === 'TOO_DEEP' ? `审计导出文件格式有误：${at} 嵌套超过 ${MAX_EXPORT_DEPTH} 层` : `审计导出文件格式有误：${at} 含有 NUL 字符`,
    );
  }
  const parsed = auditExportSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => {
      const { field, where, whereZh } = describeIssuePath(raw, i.path);
      return { path: where, pathZh: whereZh, field, message: i.message, messageZh: zodIssueZh(i) };
    });
    throw new ExportFormatError(
      `malformed audit export: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      `审计导出文件格式有误：${issues.map((i) => `${i.pathZh}：${i.messageZh}`).join('；')}`,
      issues,
    );
  }
  return parsed.data;
}

/**
 * An export is written after every event it carries was recorded: a `generatedAt` earlier than one
 * of them (beyond the clocks' margin) is no export the ledger wrote. Found by a review: moved back
 * before an appeal it left out, the file passed the check against the ledger, which excuses events
 * recorded after `generatedAt` as not yet there.
 */
function generatedBeforeItsEvents(document: AuditExport): ExportBreak | undefined {
  const generated = Date.parse(document.generatedAt);
  for (const stream of document.streams) {
    for (const e of stream.events) {
      if (Date.parse(e.recordedAt) > generated + CLOCK_MARGIN_MS) {
        return { streamId: stream.streamId, revision: e.revision, eventId: e.eventId, reason: 'GENERATED_BEFORE_ITS_EVENTS', message: `event ${e.eventId} was recorded at ${e.recordedAt}, after the file says it was generated (${document.generatedAt})` };
      }
    }
  }
  return undefined;
}

/** The API's clock (generatedAt) and the database's (recordedAt) may differ by this much. */
const CLOCK_MARGIN_MS = 5_000;

function checkStream(stream: ExportedStream): StreamCheck {
  const checker = new StreamChainChecker(stream.streamId);
  const result = (firstBroken?: ExportBreak): StreamCheck => ({
    streamId: stream.streamId,
    ok: firstBroken === undefined,
    checkedEvents: stream.events.length,
    headRevision: stream.head?.revision ?? null,
    headHash: stream.head?.hash ?? null,
    ...(firstBroken ? { firstBroken } : {}),
  });
  for (const event of stream.events) {
    if (event.streamId !== stream.streamId) {
      return result({
        streamId: stream.streamId,
        revision: event.revision,
        eventId: event.eventId,
        reason: 'WRONG_STREAM',
        message: `event ${event.eventId} belongs to stream ${event.streamId}, not ${stream.streamId}`,
      });
    }
    const broken = checker.check(event);
    if (broken) {
      // A gap names the missing revision; the event found in its place is what moved or follows.
      const message = broken.reason === 'REVISION_GAP' ? `revision ${broken.revision} is missing or out of order: event ${event.eventId} (revision ${event.revision}) is in its place` : broken.message;
      return result({ streamId: broken.streamId, revision: broken.revision, eventId: event.eventId, reason: broken.reason, message });
    }
  }
  const head = stream.head ? { streamId: stream.streamId, revision: stream.head.revision, lastHash: stream.head.hash } : undefined;
  const broken = checker.finish(head);
  if (broken) {
    const last = stream.events[stream.events.length - 1];
    const eventId = broken.reason === 'MISSING_EVENTS' ? null : (last?.eventId ?? null);
    return result({ streamId: broken.streamId, revision: broken.revision, eventId, reason: broken.reason, message: broken.message });
  }
  return result();
}

/** An event of another stream: its hash recomputed from the hash before it, as its stream's chain would. */
function checkRelatedEvent({ event, previousHash }: ExportedRelatedEvent): ExportBreak | undefined {
  const at = { streamId: event.streamId, revision: event.revision, eventId: event.eventId, reason: 'RELATED_EVENT_MISMATCH' as const };
  if (previousHash === null) return { ...at, message: `the event before revision ${event.revision} of ${event.streamId} was missing from the store when exported: this event's link cannot be recomputed` };
  const recomputed = chainHash(previousHash, event);
  return recomputed === event.hash ? undefined : { ...at, message: `stored hash ${event.hash.slice(0, 12)}… differs from recomputed ${recomputed.slice(0, 12)}…` };
}

interface NameClaim {
  readonly of: string;
  /** `of` in Chinese (单位 T01, 干部 C1). */
  readonly ofZh: string;
  readonly name: string | null;
  readonly kind?: string | null;
  readonly sourceEventId: string | null;
  readonly sourceHash: string | null;
}

/** A name must be the one its cited registration (carried in the file) gives, with that event's hash. */
function checkName(claim: NameClaim, related: ReadonlyMap<string, ExportedRelatedEvent>): ExportBreak | undefined {
  if (claim.sourceEventId === null) return claim.name === null ? undefined : nameBreak(claim, null, `${claim.of} is named ${JSON.stringify(claim.name)} without a registration to cite`);
  const source = related.get(claim.sourceEventId)?.event;
  if (!source) return nameBreak(claim, null, `the registration ${claim.sourceEventId} that names ${claim.of} is not in the file`);
  if (source.hash !== claim.sourceHash) return nameBreak(claim, source, `the cited hash of ${claim.sourceEventId} is not the hash of the registration in the file`);
  if (source.data.name !== claim.name) {
    // Both names in the Chinese line too (found by an appeals review: only the English message had them).
    const detailZh = `${claim.ofZh} 在文件中名为“${quoteInput(String(claim.name))}”，其登记事件为“${quoteInput(String(source.data.name))}”`;
    return { ...nameBreak(claim, source, `${claim.of} is named ${JSON.stringify(claim.name)}, its registration says ${JSON.stringify(source.data.name)}`), detailZh };
  }
  if (claim.kind !== undefined && source.data.kind !== claim.kind) {
    const detailZh = `${claim.ofZh} 在文件中的类别为 ${quoteInput(String(claim.kind))}，其登记事件为 ${quoteInput(String(source.data.kind))}`;
    return { ...nameBreak(claim, source, `${claim.of} is of kind ${String(claim.kind)}, its registration says ${String(source.data.kind)}`), detailZh };
  }
  return undefined;
}

function nameBreak(claim: NameClaim, source: ExportedRelatedEvent['event'] | null, message: string): ExportBreak {
  return { streamId: source?.streamId ?? null, revision: source?.revision ?? null, eventId: claim.sourceEventId, reason: 'NAME_MISMATCH', message };
}

/** The first field where the file's links or summary differ from those derived again from its events. */
function derivedDifference(document: AuditExport): string | undefined {
  const derived = deriveLinksAndSummary(document.streams, document.relatedEvents);
  if (canonicalJson(derived.links) !== canonicalJson(document.links)) {
    const byId = new Map(derived.links.map((l) => [l.eventId, canonicalJson(l)]));
    const changed = document.links.find((l) => byId.get(l.eventId) !== canonicalJson(l));
    return changed ? `links of event ${changed.eventId}` : 'links (an entry is missing)';
  }
  const keys = new Set([...Object.keys(derived.summary), ...Object.keys(document.summary)]);
  for (const key of [...keys].sort()) {
    const a = (derived.summary as Record<string, unknown>)[key];
    const b = (document.summary as Record<string, unknown>)[key];
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) return `summary.${key}`;
  }
  return undefined;
}

/**
 * What the file carries must be about its cadre: each appeal stream's filing names the cadre, each
 * recommendation recommends the cadre and each recommendation's retraction retracts one of those.
 * Another cadre's genuine appeal or recommendation, slipped in and the file resealed, passed every
 * other check, the ledger's too (found by a review).
 */
function notAboutTheCadre(document: AuditExport): ExportBreak | undefined {
  const cadreId = document.cadreId;
  // The cadre's own stream and appeal streams, each once: another cadre's stream labelled "cadre", or an
  // appeal stream relabelled so, or one carried twice, passed every check, the ledger's too (found by a review).
  const seen = new Set<string>();
  for (const stream of document.streams) {
    if (seen.has(stream.streamId)) {
      return { streamId: stream.streamId, revision: null, eventId: null, reason: 'DUPLICATE_STREAM', message: `stream ${stream.streamId} is carried more than once` };
    }
    seen.add(stream.streamId);
    const own = stream.kind === 'cadre' ? stream.streamId === `cadre-${cadreId}` : stream.kind === 'appeal' && stream.streamId.startsWith('appeal-');
    if (!own) {
      return { streamId: stream.streamId, revision: null, eventId: null, reason: 'NOT_ABOUT_THE_CADRE', message: `stream ${stream.streamId} (${quoteInput(String(stream.kind))}) is neither ${cadreId}'s own stream nor an appeal stream` };
    }
  }
  for (const stream of document.streams) {
    if (stream.kind !== 'appeal') continue;
    const filing = stream.events.find((e) => e.type === 'AppealFiled');
    const about = filing?.data.cadreId;
    if (about !== cadreId) {
      return { streamId: stream.streamId, revision: filing?.revision ?? null, eventId: filing?.eventId ?? null, reason: 'NOT_ABOUT_THE_CADRE', message: `appeal stream ${stream.streamId} is about ${typeof about === 'string' ? `cadre ${quoteInput(about)}` : 'no cadre'}, not ${cadreId}` };
    }
  }
  const related = document.relatedEvents ?? [];
  const recommendations = new Set(related.filter((r) => r.role === 'RECOMMENDATION').map((r) => r.event.eventId));
  for (const r of related) {
    const e = r.event;
    const wrong =
      r.role === 'RECOMMENDATION'
        ? e.type !== 'LeaderRecommended' || e.data.recommendedCadreId !== cadreId
        : r.role === 'RECOMMENDATION_RETRACTION' && (e.type !== 'EntryRetracted' || !recommendations.has(String(e.data.targetEventId)));
    if (wrong) {
      return { streamId: e.streamId, revision: e.revision, eventId: e.eventId, reason: 'NOT_ABOUT_THE_CADRE', message: `related event ${e.eventId} (${r.role}) does not concern ${cadreId}'s recommendations` };
    }
  }
  return undefined;
}

/**
 * Recomputes everything the file claims: every chain, every related event's link, every name
 * against its registration, the links and the summary derived again from the events, and the
 * document hash. The document hash alone proves nothing against a forger, who can recompute it
 * (found by a review: a forged summary passed). `firstBroken` is the first failure in that order.
 */
export function verifyExport(document: AuditExport): ExportVerification {
  const streams = document.streams.map(checkStream);
  const documentHashOk = computeDocumentHash(document) === document.documentHash;
  const cadreStreamId = `cadre-${document.cadreId}`;
  const relatedEvents = document.relatedEvents ?? [];
  const related = new Map(relatedEvents.map((r) => [r.event.eventId, r]));
  // A file from before related events were carried cites registrations it does not hold.
  const claims: NameClaim[] = document.relatedEvents
    ? [
        ...document.orgUnits.map((u) => ({ of: `org unit ${u.orgUnitId}`, ofZh: `单位 ${u.orgUnitId}`, name: u.name, kind: u.kind, sourceEventId: u.sourceEventId, sourceHash: u.sourceHash })),
        ...(document.cadres ?? []).map((c) => ({ of: `cadre ${c.cadreId}`, ofZh: `干部 ${c.cadreId}`, name: c.name, sourceEventId: c.sourceEventId, sourceHash: c.sourceHash })),
      ]
    : [];
  // Derived again only under the rules that wrote them (found by a diff review: a file exported
  // before a change to the history's links read as forged).
  const derives = document.derivation === EXPORT_DERIVATION_VERSION;
  const difference = derives ? derivedDifference(document) : undefined;
  const firstBroken: ExportBreak | undefined =
    document.genesisHash !== '0'.repeat(64)
      ? { streamId: null, revision: null, eventId: null, reason: 'GENESIS_MISMATCH', message: 'the genesis hash is not 64 zeros' }
      : !document.streams.some((s) => s.streamId === cadreStreamId && s.kind === 'cadre')
        ? { streamId: cadreStreamId, revision: null, eventId: null, reason: 'MISSING_CADRE_STREAM', message: `stream ${cadreStreamId} is not in the file` }
        : (streams.find((s) => s.firstBroken)?.firstBroken ??
          firstDefined(relatedEvents, checkRelatedEvent) ??
          notAboutTheCadre(document) ??
          generatedBeforeItsEvents(document) ??
          firstDefined(claims, (c) => checkName(c, related)) ??
          (difference === undefined
            ? undefined
            : { streamId: null, revision: null, eventId: null, reason: 'DERIVED_MISMATCH', message: `${difference} differ from what the file's events give` }) ??
          (documentHashOk
            ? undefined
            : { streamId: null, revision: null, eventId: null, reason: 'DOCUMENT_HASH_MISMATCH', message: 'the document hash differs from the recomputed one: a field outside the hash chains was changed' }));
  return {
    ok: firstBroken === undefined,
    cadreId: document.cadreId,
    generatedAt: document.generatedAt,
    generatedBy: document.generatedBy,
    checkedStreams: streams.length,
    checkedEvents: streams.reduce((n, s) => n + s.checkedEvents, 0),
    streams,
    documentHashOk,
    checkedRelatedEvents: relatedEvents.length,
    checkedNames: claims.length,
    derivedOk: derives ? difference === undefined : null,
    ...(firstBroken ? { firstBroken } : {}),
  };
}

function firstDefined<T, R>(items: readonly T[], f: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const r = f(item);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Chain breaks in Chinese (one table for the CLI, the HTML page and the export check). */
export const BREAK_REASONS_ZH: Record<ExportBreakReason, string> = {
  ...STORE_BREAK_REASONS_ZH,
  WRONG_STREAM: '事件被移入另一事件流',
  GENESIS_MISMATCH: '创世哈希不符',
  MISSING_CADRE_STREAM: '缺少干部本人的事件流',
  RELATED_EVENT_MISMATCH: '关联事件（登记、推荐）的内容或哈希被改动',
  NAME_MISMATCH: '名称与其所引登记事件不符',
  DERIVED_MISMATCH: '由事件推导的关联或概况被改动',
  NOT_ABOUT_THE_CADRE: '混入了其他干部的事件流、复核或申诉、推荐事件',
  DUPLICATE_STREAM: '同一事件流出现不止一次',
  GENERATED_BEFORE_ITS_EVENTS: '文件的导出时间早于其中事件的录入时间',
  DOCUMENT_HASH_MISMATCH: '哈希链以外的字段被改动（文档哈希不符）',
};

/** One Chinese sentence for a break, for people (the CLI, the HTML page). */
export function describeBreakZh(b: ExportBreak): string {
  const where =
    b.streamId === null ? '文件整体' : b.revision === null ? `事件流 ${b.streamId}` : `事件流 ${b.streamId} 第 ${b.revision} 号事件${b.eventId ? `（${b.eventId}）` : ''}`;
  // The English `message` stays in the JSON (firstBroken.message) for whoever checks it by hand; people read Chinese (found by reviews of the CLI and the web app).
  return `${where}：${BREAK_REASONS_ZH[b.reason]}${b.detailZh ? `（${b.detailZh}）` : ''} [${b.reason}]`;
}
