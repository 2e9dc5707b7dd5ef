/**
 * Test support for the read-model specifications (not exported from the library): builds
 * RecordedEvents the way the store would hand them back, with global positions in append order
 * and a recording clock that never runs backwards unless a test says when an event was recorded.
 */
import type { CareerEventType, EventData } from '../events/catalogue';
import type { RecordedEvent } from '../events/domain-event';
import { DEFAULT_POLICY, type PolicySettings } from '../policy/policy-settings';
import { calendarDate, type CalendarDate } from '../time/calendar-date';
import type { Grade, OrgUnitKind, Rank, Role, SanctionKind } from '../vocabulary';

export interface EventOptions {
  /** ISO instant the ledger learned of the event; defaults to the effective date, never before the previous event. */
  recordedAt?: string;
  eventId?: string;
}

export class SpecLedger {
  readonly events: RecordedEvent[] = [];
  private lastRecordedMs = 0;
  private readonly revisions = new Map<string, number>();

  /** `idPrefix` keeps event ids apart when two ledgers' events are merged. */
  constructor(private readonly idPrefix = 'ev') {}

  add<T extends CareerEventType>(streamId: string, type: T, effectiveDate: string, data: EventData<T>, options: EventOptions = {}): string {
    const eventId = options.eventId ?? `${this.idPrefix}-${this.events.length + 1}`;
    let recordedMs: number;
    if (options.recordedAt) {
      recordedMs = Date.parse(options.recordedAt);
    } else {
      recordedMs = Math.max(this.lastRecordedMs + 1000, Date.parse(`${effectiveDate}T01:00:00.000Z`));
    }
    this.lastRecordedMs = Math.max(this.lastRecordedMs, recordedMs);
    const revision = this.revisions.get(streamId) ?? 0;
    this.revisions.set(streamId, revision + 1);
    const event = {
      type,
      data,
      effectiveDate: calendarDate(effectiveDate),
      eventId,
      streamId,
      revision,
      globalPosition: this.events.length + 1,
      recordedAt: new Date(recordedMs).toISOString(),
      actor: 'spec',
    } as unknown as RecordedEvent;
    this.events.push(event);
    return eventId;
  }

  unit(orgUnitId: string, kind: OrgUnitKind = 'TOWNSHIP', name = `${orgUnitId}镇`): string {
    return this.add(`orgunit-${orgUnitId}`, 'OrgUnitRegistered', '2000-01-01', { name, kind }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  }

  cadre(cadreId: string): string {
    return this.add(`cadre-${cadreId}`, 'CadreRegistered', '2000-01-01', {
      name: `干部${cadreId}`,
      gender: 'M',
      birthDate: calendarDate('1975-05-05'),
      education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false },
    }, { recordedAt: '2000-01-01T00:00:00.000Z' });
  }

  appoint(cadreId: string, date: string, orgUnitId: string, role: Role, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'AppointedToPost', date, { orgUnitId, role }, o);
  }

  remove(cadreId: string, date: string, orgUnitId: string, role: Role, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'RemovedFromPost', date, { orgUnitId, role, reason: 'TRANSFER' }, o);
  }

  transfer(cadreId: string, date: string, from: [string, Role], to: [string, Role], o?: EventOptions): string {
    return this.add(
      `cadre-${cadreId}`,
      'Transferred',
      date,
      { from: { orgUnitId: from[0], role: from[1] }, to: { orgUnitId: to[0], role: to[1] } },
      o,
    );
  }

  /** An annual grade, decided on 20 January of the next year unless told otherwise. */
  grade(cadreId: string, year: number, grade: Grade, o: EventOptions & { date?: string } = {}): string {
    return this.add(`cadre-${cadreId}`, 'AnnualAssessmentRecorded', o.date ?? `${year + 1}-01-20`, { year, grade }, o);
  }

  grades(cadreId: string, byYear: Record<number, Grade>): string[] {
    return Object.entries(byYear).map(([y, g]) => this.grade(cadreId, Number(y), g));
  }

  sanction(cadreId: string, date: string, sanctionId: string, kind: SanctionKind, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'SanctionImposed', date, { sanctionId, kind, grounds: '违反工作纪律' }, o);
  }

  rescind(cadreId: string, date: string, sanctionId: string, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'SanctionRescinded', date, { sanctionId, reason: 'APPEAL_UPHELD' }, o);
  }

  retract(cadreId: string, date: string, targetEventId: string, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'EntryRetracted', date, { targetEventId, reason: '录入错误' }, o);
  }

  score(orgUnitId: string, year: number, score: number, o?: EventOptions): string {
    return this.add(`orgunit-${orgUnitId}`, 'TownshipPerformanceScored', `${year + 1}-02-01`, { year, score }, o);
  }

  rank(cadreId: string, date: string, rank: Rank, o?: EventOptions): string {
    return this.add(`cadre-${cadreId}`, 'RankSet', date, { rank }, o);
  }

  policy(version: string, effectiveFrom: string, change: (s: PolicySettings) => PolicySettings, o?: EventOptions): string {
    return this.add(
      'policy',
      'PolicyVersionAdopted',
      effectiveFrom,
      { version, effectiveFrom: calendarDate(effectiveFrom), settings: change(structuredClone(DEFAULT_POLICY.settings)) },
      o,
    );
  }
}

export const d = (s: string): CalendarDate => calendarDate(s);
