/**
 * A small in-memory ledger for the audit specs: real hash chains (chainHash), a store-wide order,
 * and the port methods an export and its comparison with the ledger read. Not an adapter: the contract suite covers those.
 */
import { chainHash, compareAllPositions, GENESIS_HASH, START_POSITION, type AllPosition, type EventStore, type JsonObject, type ReadStreamOptions, type StoredEvent, type StreamHead } from '@ledger/event-store';

export interface SampleEvent {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  readonly effectiveDate: string;
  readonly data: JsonObject;
  readonly actor?: string;
  readonly documentRef?: string;
  readonly causationId?: string;
  readonly metadata?: JsonObject;
}

export class SampleLedger implements Pick<EventStore, 'readStream' | 'streamHead' | 'findEvents' | 'findEventsByData' | 'readAll' | 'scanStreams' | 'scanHeads'> {
  readonly events: StoredEvent[] = [];
  private readonly heads = new Map<string, StreamHead>();
  private clock = Date.parse('2024-03-01T02:00:00.000Z');

  append(...events: SampleEvent[]): this {
    for (const e of events) {
      const head = this.heads.get(e.streamId);
      const revision = head ? head.revision + 1 : 0;
      const body = {
        eventId: e.eventId,
        type: e.type,
        schemaVersion: 1,
        streamId: e.streamId,
        revision,
        effectiveDate: e.effectiveDate,
        recordedAt: new Date((this.clock += 60_000)).toISOString(),
        actor: e.actor ?? 'CLERK:王录入#tok_1',
        documentRef: e.documentRef ?? null,
        correlationId: null,
        causationId: e.causationId ?? null,
        data: e.data,
        metadata: e.metadata ?? {},
      };
      const hash = chainHash(head?.lastHash ?? GENESIS_HASH, body);
      const n = this.events.length + 1;
      this.events.push({ ...body, globalPosition: n, position: { commit: 700 + n, prepare: n }, hash });
      this.heads.set(e.streamId, { streamId: e.streamId, revision, lastHash: hash });
    }
    return this;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const events = this.events.filter((e) => e.streamId === streamId && e.revision >= from);
    return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
  }

  /** The next events are recorded from this instant on (a minute apart, as before). */
  recordFrom(instant: string): this {
    this.clock = Date.parse(instant) - 60_000;
    return this;
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    return this.heads.get(streamId) ?? null;
  }

  async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    const wanted = new Set(eventIds);
    return this.events.filter((e) => wanted.has(e.eventId));
  }

  async findEventsByData(type: string, field: string, value: string): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.type === type && e.data[field] === value);
  }

  async *scanStreams(): AsyncIterable<StoredEvent> {
    yield* [...this.events].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));
  }

  async *scanHeads(): AsyncIterable<StreamHead> {
    yield* [...this.heads.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }

  /** The store-wide order after `after`, at most `batchSize` events, as the adapters read it. */
  async readAll(options: { after?: AllPosition; batchSize?: number } = {}): Promise<{ events: StoredEvent[]; lastPosition: AllPosition }> {
    const after = options.after ?? START_POSITION;
    const events = this.events.filter((e) => compareAllPositions(e.position, after) > 0).slice(0, options.batchSize ?? Number.POSITIVE_INFINITY);
    const last = events[events.length - 1];
    return { events, lastPosition: last ? last.position : after };
  }
}

/** Another cadre, C9 (赵六), with a sanction S9 of `kind` and a review A9 of it: what a forger splices into C1's export. */
export function anotherCadreWithAppeal(kind: 'DEMERIT' | 'MAJOR_DEMERIT' = 'DEMERIT', grounds = '违反工作纪律') {
  return [
    {
      streamId: 'cadre-C9',
      eventId: 'reg-C9',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '赵六', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    },
    { streamId: 'cadre-C9', eventId: 'c9-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', data: { sanctionId: 'S9', kind, grounds } },
    {
      streamId: 'appeal-A9',
      eventId: 'a9-filed',
      type: 'AppealFiled',
      effectiveDate: '2022-03-10',
      data: { appealId: 'A9', cadreId: 'C9', targetEventId: 'c9-sanction', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2022-03-02' },
    },
  ] as const;
}

/** 青山镇 and a cadre with an appointment, grades, a sanction appealed and rescinded, a retraction. */
export function sampleCountyLedger(): SampleLedger {
  return new SampleLedger().append(
    { streamId: 'orgunit-T01', eventId: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } },
    {
      streamId: 'cadre-C1',
      eventId: 'reg-C1',
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: '李明', gender: 'M', birthDate: '1978-04-12', education: { level: 'MASTER', fullTime: true, doubleFirstClass: false } },
    },
    { streamId: 'cadre-C1', eventId: 'c1-appoint', type: 'AppointedToPost', effectiveDate: '2016-03-01', documentRef: '青委〔2016〕12号', data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' } },
    { streamId: 'cadre-C1', eventId: 'c1-grade-2020', type: 'AnnualAssessmentRecorded', effectiveDate: '2021-01-15', data: { year: 2020, grade: 'EXCELLENT' } },
    { streamId: 'cadre-C1', eventId: 'c1-grade-2021', type: 'AnnualAssessmentRecorded', effectiveDate: '2022-01-15', data: { year: 2021, grade: 'COMPETENT' } },
    { streamId: 'cadre-C1', eventId: 'c1-sanction', type: 'SanctionImposed', effectiveDate: '2022-03-01', data: { sanctionId: 'S1', kind: 'WARNING', grounds: '<script>alert("x")</script> 违反工作纪律' } },
    {
      streamId: 'appeal-A1',
      eventId: 'a1-filed',
      type: 'AppealFiled',
      effectiveDate: '2022-03-10',
      actor: 'APPEALS_OFFICER:赵申诉#tok_2',
      data: { appealId: 'A1', cadreId: 'C1', targetEventId: 'c1-sanction', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2022-03-02' },
    },
    { streamId: 'appeal-A1', eventId: 'a1-decided', type: 'AppealDecided', effectiveDate: '2022-04-01', actor: 'APPEALS_OFFICER:赵申诉#tok_2', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '证据不足' } },
    {
      streamId: 'cadre-C1',
      eventId: 'a1-decided:rescind',
      type: 'SanctionRescinded',
      effectiveDate: '2022-04-01',
      causationId: 'a1-decided',
      actor: 'APPEALS_OFFICER:赵申诉#tok_2',
      data: { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A1' },
    },
    { streamId: 'cadre-C1', eventId: 'c1-retract', type: 'EntryRetracted', effectiveDate: '2022-05-01', data: { targetEventId: 'c1-grade-2021', reason: '录入错误' } },
    // Another cadre's appeal must not be exported with C1.
    { streamId: 'cadre-C2', eventId: 'reg-C2', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张华', gender: 'F', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } },
  );
}

export const EXPORT_OPTIONS = { generatedAt: '2024-06-01T01:00:00.000Z', generatedBy: 'AUDITOR:钱审计#tok_9' } as const;
