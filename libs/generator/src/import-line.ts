/**
 * The shape of one import line (EVENTS.md, "Import file"): an event type, the id of the stream's
 * subject (`cadreId`, `orgUnitId` or `appealId`, by the type's stream category), its effective
 * date, the decision's document number where one exists, and the type's payload.
 */
import type {
  CalendarDate,
  CareerEventType,
  EVENT_CATALOGUE,
  EventData,
  Override,
  StreamCategory,
} from '@ledger/domain';

/**
 * Every event type an import file can carry: policy versions are adopted elsewhere, and
 * `PostHolderChanged` is the store's internal P2 marker, written alongside a cadre's event.
 */
export type ImportableEventType = Exclude<CareerEventType, 'PolicyVersionAdopted' | 'PostHolderChanged'>;

type CategoryOf<T extends CareerEventType> = (typeof EVENT_CATALOGUE)[T]['category'];
type TypesIn<C extends StreamCategory> = {
  [T in ImportableEventType]: CategoryOf<T> extends C ? T : never;
}[ImportableEventType];

export type CadreEventType = TypesIn<'cadre'>;
export type OrgUnitEventType = TypesIn<'orgunit'>;
export type AppealEventType = TypesIn<'appeal'>;

interface Envelope<T extends ImportableEventType> {
  /** Becomes the stored eventId, so re-importing the same file is a no-op. */
  id: string;
  type: T;
  effectiveDate: CalendarDate;
  /** 文号 of the decision, where one exists. */
  documentRef?: string;
  override?: Override;
  data: EventData<T>;
}

export type CadreImportLine = { [T in CadreEventType]: Envelope<T> & { cadreId: string } }[CadreEventType];
export type OrgUnitImportLine = { [T in OrgUnitEventType]: Envelope<T> & { orgUnitId: string } }[OrgUnitEventType];
export type AppealImportLine = { [T in AppealEventType]: Envelope<T> & { appealId: string } }[AppealEventType];

/** One NDJSON import line, discriminated by `type`. */
export type ImportLine = CadreImportLine | OrgUnitImportLine | AppealImportLine;

/** The line of one event type, e.g. `ImportLineOf<'AppointedToPost'>`. */
export type ImportLineOf<T extends ImportableEventType> = Extract<ImportLine, { type: T }>;

type DistributiveOmit<U, K extends PropertyKey> = U extends unknown ? Omit<U, K> : never;

/** A line before its id is assigned (ids follow file order). */
export type ImportLineBody = DistributiveOmit<ImportLine, 'id'>;
