/**
 * Command builders for specs: short, readable, typed by the catalogue. Ids are generated
 * (`cmd-1`, …) unless given; pass `id` when a later command refers to the event.
 */
import type { CareerCommand, CareerCommandOf, CommandType } from '../commands';
import type { EventData } from '../events/catalogue';
import { DEFAULT_POLICY, type PolicySettings } from '../policy/policy-settings';
import { calendarDate } from '../time/calendar-date';
import type { Approval, Grade, OrgUnitKind, Rank, Role, SanctionKind } from '../vocabulary';

let sequence = 0;

export interface Extra {
  readonly id?: string;
  readonly override?: { readonly reason: string };
  readonly documentRef?: string;
}

type Address = { readonly cadreId: string } | { readonly orgUnitId: string } | { readonly appealId: string } | Record<string, never>;

/** Any command, typed by its event type. */
export function command<T extends CommandType>(type: T, address: Address, effectiveDate: string, data: EventData<T>, extra: Extra = {}): CareerCommandOf<T> {
  const built = {
    id: extra.id ?? `cmd-${++sequence}`,
    type,
    ...address,
    effectiveDate: calendarDate(effectiveDate),
    data,
    ...(extra.override ? { override: extra.override } : {}),
    ...(extra.documentRef ? { documentRef: extra.documentRef } : {}),
  };
  // The address matches the type's category by construction of the helpers below.
  return built as unknown as CareerCommandOf<T>;
}

const cadre = (cadreId: string) => ({ cadreId });

// ── org units ──
export function registerOrgUnit(orgUnitId: string, kind: OrgUnitKind = 'TOWNSHIP', extra: Extra = {}, date = '2000-01-01'): CareerCommand {
  return command('OrgUnitRegistered', { orgUnitId }, date, { name: `${orgUnitId} 乡`, kind }, { id: `reg-${orgUnitId}`, ...extra });
}
export const township = (orgUnitId: string) => registerOrgUnit(orgUnitId, 'TOWNSHIP');
export const department = (orgUnitId: string) => registerOrgUnit(orgUnitId, 'COUNTY_DEPARTMENT');

// ── cadres ──
export function registerCadre(cadreId: string, birthDate = '1980-01-01', extra: Extra & { date?: string; workStartDate?: string } = {}): CareerCommand {
  return command(
    'CadreRegistered',
    cadre(cadreId),
    extra.date ?? '2000-01-01',
    {
      name: `干部${cadreId}`,
      gender: 'M',
      birthDate: calendarDate(birthDate),
      education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false },
      ...(extra.workStartDate ? { workStartDate: calendarDate(extra.workStartDate) } : {}),
    },
    { id: `reg-${cadreId}`, ...extra },
  );
}

export function appoint(cadreId: string, date: string, orgUnitId: string, role: Role, extra: Extra & { approval?: Approval } = {}): CareerCommand {
  return command('AppointedToPost', cadre(cadreId), date, { orgUnitId, role, ...(extra.approval ? { approval: extra.approval } : {}) }, extra);
}

export function removeFromPost(
  cadreId: string,
  date: string,
  orgUnitId: string,
  role: Role,
  extra: Extra & { approval?: Approval; reason?: EventData<'RemovedFromPost'>['reason'] } = {},
): CareerCommand {
  return command(
    'RemovedFromPost',
    cadre(cadreId),
    date,
    { orgUnitId, role, reason: extra.reason ?? 'ADJUSTMENT', ...(extra.approval ? { approval: extra.approval } : {}) },
    extra,
  );
}

export function transfer(
  cadreId: string,
  date: string,
  from: readonly [string, Role],
  to: readonly [string, Role],
  extra: Extra & { approval?: Approval } = {},
): CareerCommand {
  return command(
    'Transferred',
    cadre(cadreId),
    date,
    { from: { orgUnitId: from[0], role: from[1] }, to: { orgUnitId: to[0], role: to[1] }, ...(extra.approval ? { approval: extra.approval } : {}) },
    extra,
  );
}

export function second(
  cadreId: string,
  date: string,
  extra: Extra & { purpose?: 'COUNTY_CENTRAL_WORK' | 'OTHER'; approval?: Approval; host?: string; plannedEndDate?: string } = {},
): CareerCommand {
  return command(
    'SecondmentStarted',
    cadre(cadreId),
    date,
    {
      hostOrgUnitId: extra.host ?? 'D01',
      purpose: extra.purpose ?? 'COUNTY_CENTRAL_WORK',
      plannedEndDate: calendarDate(extra.plannedEndDate ?? '2099-12-31'),
      ...(extra.approval ? { approval: extra.approval } : {}),
    },
    extra,
  );
}
export const endSecondment = (cadreId: string, date: string, extra: Extra = {}) => command('SecondmentEnded', cadre(cadreId), date, {}, extra);

export const setRank = (cadreId: string, date: string, rank: Rank, extra: Extra = {}) => command('RankSet', cadre(cadreId), date, { rank }, extra);

export function promote(
  cadreId: string,
  date: string,
  fromRank: Rank,
  toRank: Rank,
  extra: Extra & { basis?: EventData<'RankPromoted'>['basis']; quota?: EventData<'RankPromoted'>['quota'] } = {},
): CareerCommand {
  return command('RankPromoted', cadre(cadreId), date, { fromRank, toRank, basis: extra.basis ?? 'REGULAR', quota: extra.quota ?? 'VACANCY' }, extra);
}

// ── TM5 township weight ──
export function rateDepartment(orgUnitId: string, date: string, year: number, ratedByCadreId: string, extra: Extra = {}): CareerCommand {
  return command('CountyDepartmentRated', { orgUnitId }, date, { year, ratedByCadreId, scores: { work: 90, management: 85, service: 88 } }, extra);
}
export function recommend(cadreId: string, date: string, recommendedCadreId: string, extra: Extra = {}): CareerCommand {
  return command('LeaderRecommended', cadre(cadreId), date, { recommendedCadreId, forPost: '副镇长', reason: '实绩突出' }, extra);
}
export function takeSeat(cadreId: string, date: string, body: EventData<'RepresentativeSeatTaken'>['body'] = 'PEOPLES_CONGRESS', level: EventData<'RepresentativeSeatTaken'>['level'] = 'COUNTY', extra: Extra = {}): CareerCommand {
  return command('RepresentativeSeatTaken', cadre(cadreId), date, { body, level }, extra);
}
export function endSeat(cadreId: string, date: string, body: EventData<'RepresentativeSeatEnded'>['body'] = 'PEOPLES_CONGRESS', level: EventData<'RepresentativeSeatEnded'>['level'] = 'COUNTY', extra: Extra = {}): CareerCommand {
  return command('RepresentativeSeatEnded', cadre(cadreId), date, { body, level }, extra);
}

/** An annual grade, recorded on 15 January of the next year unless said otherwise. */
export function assess(cadreId: string, year: number, grade: Grade, extra: Extra & { date?: string } = {}): CareerCommand {
  return command('AnnualAssessmentRecorded', cadre(cadreId), extra.date ?? `${year + 1}-01-15`, { year, grade }, extra);
}

export function sanction(cadreId: string, date: string, sanctionId: string, kind: SanctionKind, extra: Extra = {}): CareerCommand {
  return command('SanctionImposed', cadre(cadreId), date, { sanctionId, kind, grounds: 'spec grounds' }, extra);
}

export function rescind(cadreId: string, date: string, sanctionId: string, extra: Extra = {}): CareerCommand {
  return command('SanctionRescinded', cadre(cadreId), date, { sanctionId, reason: 'CORRECTION' }, { documentRef: `撤销〔${date.slice(0, 4)}〕${sanctionId}号`, ...extra });
}

export function retract(cadreId: string, date: string, targetEventId: string, extra: Extra = {}): CareerCommand {
  return command('EntryRetracted', cadre(cadreId), date, { targetEventId, reason: 'clerical error' }, extra);
}

export const train = (cadreId: string, date: string, extra: Extra = {}) =>
  command('TrainingCompleted', cadre(cadreId), date, { programme: '乡镇党委书记培训班', level: 'COUNTY' }, extra);
export const talk = (cadreId: string, date: string, withCadreId: string, kind: 'HEART_TO_HEART' | 'REMINDER' = 'HEART_TO_HEART', extra: Extra = {}) =>
  command('TalkHeld', cadre(cadreId), date, { kind, withCadreId }, extra);

// ── appeals ──
export function fileAppeal(appealId: string, date: string, cadreId: string, targetEventId: string, extra: Extra = {}): CareerCommand {
  return command(
    'AppealFiled',
    { appealId },
    date,
    { appealId, cadreId, targetEventId, stage: 'REVIEW', grounds: 'spec grounds', learnedOfDecisionDate: calendarDate(date) },
    extra,
  );
}

export function decideAppealCommand(appealId: string, date: string, outcome: 'UPHELD' | 'PARTIALLY_UPHELD' | 'DISMISSED' = 'UPHELD', extra: Extra = {}): CareerCommand {
  return command('AppealDecided', { appealId }, date, { appealId, outcome, reasoning: 'spec reasoning' }, extra);
}

// ── policy ──
export function adoptPolicy(version: string, effectiveFrom: string, change: (s: PolicySettings) => PolicySettings = (s) => s, extra: Extra = {}): CareerCommand {
  return command(
    'PolicyVersionAdopted',
    {},
    effectiveFrom,
    { version, effectiveFrom: calendarDate(effectiveFrom), settings: change(structuredClone(DEFAULT_POLICY.settings)) },
    extra,
  );
}

export const MUNICIPAL: Approval = { level: 'MUNICIPAL', ref: '市组〔2019〕1号' };
export const COUNTY: Approval = { level: 'COUNTY', ref: '县委〔2019〕1号' };
