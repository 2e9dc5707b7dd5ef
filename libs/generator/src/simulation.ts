/**
 * The county simulation behind `generateCounty`: a pure, seeded, year-by-year model of a county's
 * (or a province's) township leadership. State holds only the cadres currently serving and the
 * lines scheduled for later years, so memory follows the number of cadres, not of lines.
 *
 * Each year: (A) dated triggers (assessment day, departures, vacancy chains, sanctions and appeals,
 * secondments, rank rounds, recruitment, talk rounds) run in date order against the state;
 * (B) health checks and trainings are placed inside the posts each cadre held that year; then the
 * year's lines are sorted by (date, creation order) and handed out. Creation order inside a date is
 * causal (a post is vacated before its successor arrives), so the file imports line by line.
 */
import {
  addMonths,
  addYears,
  DEFAULT_POLICY,
  fromDayNumber,
  RANKS,
  toDayNumber,
  yearEnd,
  yearStart,
  type Approval,
  type CalendarDate,
  type EventData,
  type Grade,
  type Rank,
  type Role,
  type SanctionKind,
} from '@ledger/domain';
import type { AppealEventType, CadreEventType, ImportLine, ImportLineBody, OrgUnitEventType } from './import-line';
import * as names from './names';
import { Rng } from './random';

export interface CountyOptions {
  readonly townships: number;
  readonly years: number;
  readonly seed: number;
  readonly endYear: number;
}

type UnitKind = 'TOWNSHIP' | 'COUNTY_DEPARTMENT';
type Origin = 'initial' | 'recruit' | 'incoming';
type Education = EventData<'CadreRegistered'>['education'];
type TrainingLevel = EventData<'TrainingCompleted'>['level'];
type RemovalReason = EventData<'RemovedFromPost'>['reason'];

interface County {
  readonly name: string;
  /** 文号 prefix: 青 in 青组〔2016〕12号. */
  readonly prefix: string;
  readonly townships: Unit[];
  readonly departments: Unit[];
  /** Slots by `${kind}:${role}`, to find candidates without scanning every unit. */
  readonly slotsByKey: Map<string, Slot[]>;
  readonly docCounters: Map<string, number>;
}

interface Unit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly county: County;
  readonly assessmentClass: 1 | 2 | 3;
  /** Persistent township strength, drives performance scores. */
  readonly quality: number;
  readonly slots: Slot[];
}

/** One seat in a unit's establishment; single-holder by construction. */
interface Slot {
  readonly unit: Unit;
  readonly role: Role;
  holder: Cadre | null;
}

/** A post held during the current year, [from, to) in day numbers; to = null while still held. */
interface Segment {
  readonly slot: Slot;
  readonly from: number;
  to: number | null;
}

interface SanctionRecord {
  readonly kind: SanctionKind;
  readonly date: CalendarDate;
  readonly day: number;
  rescindedDay: number | null;
}

interface Cadre {
  readonly id: string;
  readonly county: County;
  readonly origin: Origin;
  readonly birthDay: number;
  /** T3: the 60th birthday, when the cadre retires. */
  readonly retireDay: number;
  readonly entryDay: number;
  /** Latent ability: better grades, earlier promotion. */
  readonly merit: number;
  slot: Slot | null;
  since: CalendarDate;
  sinceDay: number;
  /**
   * Start of service in the current post for seniority. Equals sinceDay, except for the teams in
   * office when the ledger opens, who served before it (TM4 still counts from the recorded date).
   */
  seniorityDay: number;
  /** A secretary who is not rotated after a term: the source of long continuous runs (TM6b). */
  stayer: boolean;
  psRunStartDay: number | null;
  rank: Rank;
  rankSince: CalendarDate;
  grades: Map<number, Grade>;
  sanctions: SanctionRecord[];
  lastSanction: CalendarDate | null;
  effectUntil: CalendarDate | null;
  /** Day a secondment or temporary posting ends; no moves or exits before it. */
  busyUntilDay: number | null;
  lastMoveDay: number;
  /** TM3: the last calendar year by which the next leader training is due. */
  leaderTrainingDue: number | null;
  segments: Segment[];
  departed: boolean;
}

interface Draft {
  readonly day: number;
  readonly seq: number;
  readonly build: () => ImportLineBody;
  assignedId?: string;
}

interface Trigger {
  readonly day: number;
  readonly prio: number;
  readonly seq: number;
  readonly run: () => void;
}

interface RosterEntry {
  readonly cadre: Cadre;
  readonly role: Role;
}

/** Same-day triggers run in this order. */
const PRIO = { ASSESS: 0, DEPART: 1, FILL: 2, SANCTION: 3, ABSENCE: 4, RANKS: 5, RECRUIT: 6, TALKS: 7 } as const;

const POLICY = DEFAULT_POLICY.settings;
const CHIEF_MIN_YEARS = POLICY.stability.chiefMinYearsInPostBeforeMove;
const MIN_YEARS_IN_RANK: Partial<Record<Rank, number>> = POLICY.rankPromotion.minimumYearsInRank;
const HIGHEST_RANK_INDEX = Math.max(
  (RANKS as readonly string[]).indexOf(POLICY.rankPromotion.highestRankForCountyCadres),
  RANKS.indexOf('RESEARCHER_2'),
);
const SANCTION_MONTHS = POLICY.sanctionEffectMonths;
const DAYS_PER_YEAR = 365.2425;

/** Rough seniority, to tell promotions (sanctions block them) from lateral moves. */
const LEVEL: Record<Role, number> = {
  PARTY_SECRETARY: 6,
  HEAD: 5,
  PEOPLES_CONGRESS_CHAIR: 4,
  DEPUTY_PARTY_SECRETARY: 4,
  DEPUTY_HEAD: 3,
  TEAM_MEMBER: 2,
  STAFF: 1,
};

/** Highest rank a holder of a role normally reaches (职务与职级并行; PS with long runs go higher). */
const ROLE_RANK_CAP: Record<Role, Rank> = {
  PARTY_SECRETARY: 'RESEARCHER_4',
  HEAD: 'RESEARCHER_4',
  PEOPLES_CONGRESS_CHAIR: 'RESEARCHER_4',
  DEPUTY_PARTY_SECRETARY: 'PRINCIPAL_STAFF_2',
  DEPUTY_HEAD: 'PRINCIPAL_STAFF_2',
  TEAM_MEMBER: 'PRINCIPAL_STAFF_2',
  STAFF: 'PRINCIPAL_STAFF_3',
};

/** Lowest rank normally appointed to a post (lower ranks are second choices). */
const MIN_RANK_FOR: Record<Role, Rank> = {
  PARTY_SECRETARY: 'PRINCIPAL_STAFF_3',
  HEAD: 'PRINCIPAL_STAFF_3',
  PEOPLES_CONGRESS_CHAIR: 'PRINCIPAL_STAFF_3',
  DEPUTY_PARTY_SECRETARY: 'PRINCIPAL_STAFF_4',
  DEPUTY_HEAD: 'CLERK_1',
  TEAM_MEMBER: 'CLERK_1',
  STAFF: 'CLERK_2',
};

/** Where a vacancy's successor comes from: holders of `role` in units of `kind` of the same county. */
interface Source {
  readonly kind: UnitKind;
  readonly role: Role;
  readonly minYears: number;
  readonly ageMin: number;
  readonly ageMax: number;
  readonly weight: number;
  readonly notStayer?: boolean;
}
const src = (kind: UnitKind, role: Role, minYears: number, ageMin: number, ageMax: number, weight: number, notStayer = false): Source => ({
  kind,
  role,
  minYears,
  ageMin,
  ageMax,
  weight,
  notStayer,
});
const T: UnitKind = 'TOWNSHIP';
const D: UnitKind = 'COUNTY_DEPARTMENT';

// Ages keep chiefs ≥ 5 years from retirement, so no chief retires inside the TM4 window.
const SOURCES: Record<UnitKind, Partial<Record<Role, readonly Source[]>>> = {
  TOWNSHIP: {
    PARTY_SECRETARY: [
      src(T, 'PARTY_SECRETARY', 5, 30, 52, 0.2, true), // 交流: lateral secretary move keeps the run
      src(T, 'HEAD', 3, 30, 48, 0.45),
      src(T, 'PEOPLES_CONGRESS_CHAIR', 2, 35, 47, 0.1), // TM2: chiefs from people's congress chairs
      src(T, 'DEPUTY_PARTY_SECRETARY', 3, 30, 46, 0.2),
      src(D, 'HEAD', 3, 35, 48, 0.05),
    ],
    HEAD: [
      src(T, 'DEPUTY_PARTY_SECRETARY', 2, 28, 44, 0.4),
      src(T, 'DEPUTY_HEAD', 3, 28, 42, 0.3),
      src(T, 'HEAD', 5, 30, 48, 0.1),
      src(T, 'PEOPLES_CONGRESS_CHAIR', 2, 35, 44, 0.05),
      src(D, 'DEPUTY_HEAD', 3, 30, 42, 0.15),
    ],
    PEOPLES_CONGRESS_CHAIR: [
      src(T, 'DEPUTY_PARTY_SECRETARY', 2, 40, 55, 0.45),
      src(T, 'DEPUTY_HEAD', 3, 40, 55, 0.3),
      src(T, 'HEAD', 5, 48, 55, 0.1),
      src(D, 'DEPUTY_HEAD', 3, 40, 55, 0.15),
    ],
    DEPUTY_PARTY_SECRETARY: [
      src(T, 'DEPUTY_HEAD', 2, 26, 48, 0.55),
      src(T, 'TEAM_MEMBER', 2, 26, 45, 0.2),
      src(T, 'DEPUTY_PARTY_SECRETARY', 3, 26, 52, 0.1),
      src(D, 'DEPUTY_HEAD', 2, 28, 48, 0.15),
    ],
    DEPUTY_HEAD: [
      src(T, 'TEAM_MEMBER', 2, 25, 45, 0.35),
      src(T, 'STAFF', 3, 25, 42, 0.45),
      src(T, 'DEPUTY_HEAD', 3, 25, 52, 0.1),
      src(D, 'STAFF', 3, 25, 42, 0.1),
    ],
    TEAM_MEMBER: [src(T, 'STAFF', 3, 24, 40, 0.8), src(D, 'STAFF', 3, 24, 40, 0.2)],
  },
  COUNTY_DEPARTMENT: {
    HEAD: [
      src(T, 'PARTY_SECRETARY', 3, 45, 56, 0.3, true),
      src(T, 'HEAD', 3, 42, 54, 0.15),
      src(D, 'DEPUTY_HEAD', 3, 35, 54, 0.4),
      src(T, 'PEOPLES_CONGRESS_CHAIR', 2, 40, 55, 0.1),
      src(D, 'HEAD', 4, 35, 55, 0.05),
    ],
    DEPUTY_HEAD: [
      src(T, 'DEPUTY_HEAD', 3, 28, 50, 0.3),
      src(T, 'DEPUTY_PARTY_SECRETARY', 3, 28, 50, 0.1),
      src(D, 'STAFF', 3, 26, 45, 0.5),
      src(D, 'DEPUTY_HEAD', 3, 28, 52, 0.1),
    ],
  },
};

const INITIAL_AGE: Record<UnitKind, Record<Role, readonly [number, number]>> = {
  TOWNSHIP: {
    PARTY_SECRETARY: [36, 52],
    HEAD: [32, 47],
    PEOPLES_CONGRESS_CHAIR: [44, 56],
    DEPUTY_PARTY_SECRETARY: [30, 47],
    DEPUTY_HEAD: [27, 48],
    TEAM_MEMBER: [26, 42],
    STAFF: [22, 45],
  },
  COUNTY_DEPARTMENT: {
    PARTY_SECRETARY: [40, 52],
    HEAD: [40, 55],
    PEOPLES_CONGRESS_CHAIR: [44, 55],
    DEPUTY_PARTY_SECRETARY: [32, 50],
    DEPUTY_HEAD: [32, 52],
    TEAM_MEMBER: [28, 45],
    STAFF: [22, 54],
  },
};

/** Age of a cadre transferred in from outside the ledger when no one in the county fits. */
const INCOMING_AGE: Record<Role, readonly [number, number]> = {
  PARTY_SECRETARY: [40, 48],
  HEAD: [35, 44],
  PEOPLES_CONGRESS_CHAIR: [44, 52],
  DEPUTY_PARTY_SECRETARY: [32, 42],
  DEPUTY_HEAD: [30, 40],
  TEAM_MEMBER: [28, 36],
  STAFF: [24, 32],
};

const SANCTION_WEIGHTS: readonly (readonly [SanctionKind, number])[] = [
  ['WARNING', 0.28],
  ['ADMONISHMENT', 0.28],
  ['PARTY_WARNING', 0.24],
  ['CRITICISM_EDUCATION', 0.06],
  ['DEMERIT', 0.07],
  ['PARTY_SERIOUS_WARNING', 0.04],
  ['MAJOR_DEMERIT', 0.03],
];

const dateOf = (day: number): CalendarDate => fromDayNumber(day);
const dayOf = (date: CalendarDate): number => toDayNumber(date);
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const isTownshipChief = (slot: Slot): boolean =>
  slot.unit.kind === 'TOWNSHIP' && (slot.role === 'PARTY_SECRETARY' || slot.role === 'HEAD');
const isTownshipSecretary = (slot: Slot): boolean => slot.unit.kind === 'TOWNSHIP' && slot.role === 'PARTY_SECRETARY';
const isTownshipLeader = (slot: Slot): boolean => slot.unit.kind === 'TOWNSHIP' && slot.role !== 'STAFF';

class TriggerQueue {
  private readonly heap: Trigger[] = [];

  push(t: Trigger): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!TriggerQueue.before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): Trigger | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && TriggerQueue.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && TriggerQueue.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  private static before(a: Trigger, b: Trigger): boolean {
    if (a.day !== b.day) return a.day < b.day;
    if (a.prio !== b.prio) return a.prio < b.prio;
    return a.seq < b.seq;
  }
}

export class CountySimulation {
  private readonly rng: Rng;
  private readonly startYear: number;
  private readonly endDay: number;
  private readonly counties: County[] = [];
  /** Cadres in the ledger and still serving (in insertion order, so iteration is deterministic). */
  private readonly present = new Map<string, Cadre>();
  private departedThisYear: Cadre[] = [];
  /** Lines dated in later years (secondment ends, appeal decisions, next January's scores). */
  private readonly pending = new Map<number, Draft[]>();
  private buffer: Draft[] = [];
  private readonly queue = new TriggerQueue();
  /** `${unitId}|${day}|${role}` of township chief posts adjusted this year (TM4 finding avoidance). */
  private readonly chiefChanges = new Set<string>();
  private roster = new Map<Unit, RosterEntry[]>();
  private year = 0;
  /** Day of the trigger being run. */
  private currentDay = 0;
  private yearFirstDay = 0;
  private yearLastDay = 0;
  private draftSeq = 0;
  private triggerSeq = 0;
  private lineCounter = 0;
  private cadreCounter = 0;
  private sanctionCounter = 0;
  private appealCounter = 0;
  private readonly municipalCounters = new Map<number, number>();
  /** TM5/TM7 lines draw from their own stream, so the rest of a seed's history stays as it was. */
  private readonly weightRng: Rng;
  /** TM5(c): cadres holding a county-level seat (taken once, kept for the record's span). */
  private readonly seated = new Set<string>();
  /** Secretaries who never get one: about one in seven, so TM5's finding has cases. */
  private readonly unseated = new Set<string>();
  private readonly seatEmitted = new Set<string>();
  /** TM7: townships among the three lowest scores of last year (ties included), per county. */
  private reminderDue = new Map<County, Unit[]>();

  constructor(private readonly options: CountyOptions) {
    this.rng = new Rng(options.seed);
    this.weightRng = new Rng((options.seed % 1_000_000_007) + 7919);
    this.startYear = options.endYear - options.years + 1;
    this.endDay = dayOf(yearEnd(options.endYear));
  }

  *lines(): Generator<ImportLine> {
    for (let y = this.startYear; y <= this.options.endYear; y++) {
      this.simulateYear(y);
      const drafts = this.buffer;
      this.buffer = [];
      drafts.sort((a, b) => a.day - b.day || a.seq - b.seq);
      for (const draft of drafts) {
        const id = `gen-${this.options.seed}-${++this.lineCounter}`;
        draft.assignedId = id;
        const line: ImportLine = { id, ...draft.build() };
        yield line;
      }
    }
  }

  // ── the year loop ──────────────────────────────────────────────────────────────

  private simulateYear(y: number): void {
    this.year = y;
    this.yearFirstDay = dayOf(yearStart(y));
    this.yearLastDay = dayOf(yearEnd(y));
    this.buffer = this.pending.get(y) ?? [];
    this.pending.delete(y);
    this.chiefChanges.clear();
    this.departedThisYear = [];
    if (y === this.startYear) {
      this.open();
    } else {
      for (const c of this.present.values()) {
        c.segments = c.slot ? [{ slot: c.slot, from: this.yearFirstDay, to: null }] : [];
      }
    }
    this.scheduleTriggers();
    for (let t = this.queue.pop(); t; t = this.queue.pop()) {
      this.currentDay = t.day;
      t.run();
    }
    this.placeYearlyRoutines();
    this.closeYear();
  }

  private at(day: number, prio: number, run: () => void): void {
    this.queue.push({ day, prio, seq: ++this.triggerSeq, run });
  }

  private randomDay(fromOffset = 0, toOffset = this.yearLastDay - this.yearFirstDay): number {
    return this.yearFirstDay + this.rng.int(fromOffset, toOffset);
  }

  private dayInYear(month: number, day: number): number {
    return dayOf(`${this.year}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate);
  }

  private scheduleTriggers(): void {
    const rng = this.rng;
    if (this.year > this.startYear) this.at(this.dayInYear(1, 15), PRIO.ASSESS, () => this.assess());
    const midYear = this.dayInYear(7, 1);
    for (const c of this.present.values()) {
      const slot = c.slot;
      if (!slot) continue;
      if (c.retireDay <= this.yearLastDay) {
        this.at(Math.max(c.retireDay, this.yearFirstDay), PRIO.DEPART, () => this.depart(c, null, 'RETIREMENT'));
        continue;
      }
      const exit = this.exitProbability(c, slot, midYear);
      if (rng.chance(exit)) {
        const reason: RemovalReason = slot.role === 'STAFF' && this.ageOn(c, midYear) < 35 && rng.chance(0.5) ? 'RESIGNATION' : 'TRANSFER';
        this.at(this.randomDay(), PRIO.DEPART, () => this.depart(c, slot, reason));
      }
      // About 1% of cadre-years carry a sanction.
      if (rng.chance(0.01)) this.at(this.randomDay(), PRIO.SANCTION, () => this.sanction(c));
      const age = this.ageOn(c, midYear);
      if (isTownshipLeader(slot) && !isTownshipChief(slot) && age <= 52 && rng.chance(0.012)) {
        this.at(this.randomDay(0, 300), PRIO.ABSENCE, () => this.second(c));
      } else if (slot.role !== 'STAFF' && !isTownshipChief(slot) && slot.role !== 'HEAD' && age <= 45 && rng.chance(0.008)) {
        this.at(this.randomDay(0, 300), PRIO.ABSENCE, () => this.postTemporarily(c));
      }
    }
    for (const county of this.counties) {
      this.at(this.dayInYear(4, 1) + rng.int(0, 240), PRIO.RANKS, () => this.rankRound(county));
      this.at(this.dayInYear(8, 15) + rng.int(0, 45), PRIO.RECRUIT, () => this.recruitRound(county));
      for (const unit of county.townships) {
        this.at(this.dayInYear(3, 1) + rng.int(0, 290), PRIO.TALKS, () => this.talkRound(unit));
      }
      this.at(this.dayInYear(2, 20) + this.weightRng.int(0, 40), PRIO.TALKS, () => this.townshipWeightRound(county));
      const due = this.reminderDue.get(county) ?? [];
      if (due.length > 0) this.at(this.dayInYear(3, 1) + this.weightRng.int(0, 45), PRIO.TALKS, () => this.reminderRound(due));
    }
  }

  /**
   * TM5 in the annual review: each township chief rates the county departments (评价权, for last
   * year); a secretary without a county-level seat mostly gets one (额定权: not all, so the finding
   * has cases); some secretaries recommend a cadre of their township for a deputy post (推荐权).
   */
  private townshipWeightRound(county: County): void {
    const rng = this.weightRng;
    const day = this.currentDay;
    for (const unit of county.townships) {
      const secretary = unit.slots.find((s) => s.role === 'PARTY_SECRETARY')?.holder ?? null;
      const head = unit.slots.find((s) => s.role === 'HEAD')?.holder ?? null;
      if (this.year > this.startYear) {
        for (const chief of [secretary, head]) {
          if (!chief) continue;
          for (const dept of county.departments) {
            if (!rng.chance(0.9)) continue;
            const score = () => Math.round(Math.min(100, Math.max(50, 82 + 8 * rng.normal())));
            this.emitOrgUnit('CountyDepartmentRated', dept.id, day, { year: this.year - 1, ratedByCadreId: chief.id, scores: { work: score(), management: score(), service: score() } });
          }
        }
      }
      if (!secretary) continue;
      if (!this.seated.has(secretary.id) && !this.unseated.has(secretary.id)) {
        if (rng.chance(0.15)) this.unseated.add(secretary.id);
        else this.seated.add(secretary.id);
      }
      if (this.seated.has(secretary.id) && !this.seatEmitted.has(secretary.id)) {
        this.seatEmitted.add(secretary.id);
        this.emitCadre('RepresentativeSeatTaken', secretary.id, day, { body: rng.pick(['PARTY_CONGRESS', 'PEOPLES_CONGRESS'] as const), level: 'COUNTY' });
      }
      const candidates = unit.slots.filter((s) => (s.role === 'STAFF' || s.role === 'TEAM_MEMBER') && s.holder && s.holder !== secretary).map((s) => s.holder!);
      if (candidates.length > 0 && rng.chance(0.25)) {
        const recommended = rng.pick(candidates);
        this.emitCadre('LeaderRecommended', secretary.id, day, { recommendedCadreId: recommended.id, forPost: `${unit.name}副${unit.name.endsWith('镇') ? '镇' : '乡'}长`, reason: '工作实绩突出，群众认可' });
      }
    }
  }

  /** TM7: a reminder talk (提醒谈话) with the chiefs of last year's lowest-scoring townships, mostly held. */
  private reminderRound(units: readonly Unit[]): void {
    const rng = this.weightRng;
    for (const unit of units) {
      // The generator keeps no county leadership; a county department head stands in for the liaison leader.
      const talker = unit.county.departments.map((d) => d.slots.find((s) => s.role === 'HEAD')?.holder).find((h) => h) ?? null;
      if (!talker) continue;
      for (const role of ['PARTY_SECRETARY', 'HEAD'] as const) {
        const chief = unit.slots.find((s) => s.role === role)?.holder;
        if (chief && chief !== talker && rng.chance(0.7)) this.emitCadre('TalkHeld', talker.id, this.currentDay, { kind: 'REMINDER', withCadreId: chief.id });
      }
    }
  }

  /** Yearly chance that a cadre leaves the county's ledger (promoted out, transferred out, resigns). */
  private exitProbability(c: Cadre, slot: Slot, day: number): number {
    const years = (day - (isTownshipChief(slot) ? c.sinceDay : c.seniorityDay)) / DAYS_PER_YEAR;
    if (slot.unit.kind === 'COUNTY_DEPARTMENT') {
      if (slot.role === 'HEAD') return years >= 5 ? 0.08 : 0.02;
      return slot.role === 'STAFF' ? 0.02 : 0.03;
    }
    switch (slot.role) {
      case 'PARTY_SECRETARY':
        if (c.stayer) return years >= 8 && this.ageOn(c, day) >= 55 ? 0.08 : 0;
        // TM4: a full term is normal; an early move needs municipal approval, so it is rare.
        return years >= 5 ? 0.22 : years >= CHIEF_MIN_YEARS ? 0.06 : 0.01;
      case 'HEAD':
        return years >= 5 ? 0.12 : years >= CHIEF_MIN_YEARS ? 0.04 : 0.01;
      case 'PEOPLES_CONGRESS_CHAIR':
        return 0.02;
      case 'DEPUTY_PARTY_SECRETARY':
      case 'DEPUTY_HEAD':
      case 'TEAM_MEMBER':
        return years >= 3 ? 0.035 : 0.01;
      case 'STAFF':
        return 0.02;
    }
  }

  // ── opening: org units and the teams in office on 1 January of the first year ───────

  private open(): void {
    const rng = this.rng;
    const n = this.options.townships;
    const countyCount = n <= 40 ? 1 : Math.round(n / 18);
    const countyNames = names.countyNames(rng, countyCount);
    const townshipNames = names.placeNames(rng, n);
    const tWidth = Math.max(4, String(n).length);
    let townshipIndex = 0;
    let departmentIndex = 0;
    const day = this.yearFirstDay;
    for (let k = 0; k < countyCount; k++) {
      const countyName = countyNames[k]!;
      const county: County = {
        name: countyName,
        prefix: countyName.slice(0, 1),
        townships: [],
        departments: [],
        slotsByKey: new Map(),
        docCounters: new Map(),
      };
      this.counties.push(county);
      const size = Math.floor(n / countyCount) + (k < n % countyCount ? 1 : 0);
      for (let i = 0; i < size; i++) {
        const base = townshipNames[townshipIndex]!;
        const name = base + (rng.chance(0.6) ? '镇' : '乡');
        const unit = this.createUnit(county, `T${pad(++townshipIndex, tWidth)}`, name, 'TOWNSHIP');
        county.townships.push(unit);
      }
      const deptCount = Math.min(6, Math.max(3, Math.round(size / 5)));
      const deptNames = rng.shuffle([...names.DEPARTMENT_NAMES]).slice(0, deptCount);
      for (const d of deptNames) {
        const unit = this.createUnit(county, `D${pad(++departmentIndex, 3)}`, countyName + d, 'COUNTY_DEPARTMENT');
        county.departments.push(unit);
      }
    }
    for (const county of this.counties) {
      for (const unit of [...county.townships, ...county.departments]) {
        this.emitOrgUnit('OrgUnitRegistered', unit.id, day, {
          name: unit.name,
          kind: unit.kind,
          assessmentClass: unit.assessmentClass,
        });
      }
    }
    for (const county of this.counties) {
      const doc = this.doc(county, '委', this.year);
      for (const unit of [...county.townships, ...county.departments]) {
        for (const slot of unit.slots) {
          const [lo, hi] = INITIAL_AGE[unit.kind][slot.role];
          const age = rng.int(lo, hi);
          const c = this.register(county, day, age, slot.role, 'initial');
          this.appoint(c, slot, day, doc);
          // Served some years before the ledger opened (never before about age 22).
          c.seniorityDay = day - Math.round(DAYS_PER_YEAR * rng.int(0, Math.max(0, Math.min(6, age - 23))));
          if (isTownshipLeader(slot)) c.leaderTrainingDue = this.year + rng.int(0, 2);
        }
      }
    }
  }

  private createUnit(county: County, id: string, name: string, kind: UnitKind): Unit {
    const rng = this.rng;
    const unit: Unit = {
      id,
      name,
      kind,
      county,
      assessmentClass: rng.pick([1, 2, 3] as const),
      quality: rng.normal(),
      slots: [],
    };
    const establishment: [Role, number][] =
      kind === 'TOWNSHIP'
        ? [
            ['PARTY_SECRETARY', 1],
            ['HEAD', 1],
            ['PEOPLES_CONGRESS_CHAIR', 1],
            ['DEPUTY_PARTY_SECRETARY', rng.int(1, 2)],
            ['DEPUTY_HEAD', rng.int(3, 5)],
            ['TEAM_MEMBER', rng.int(1, 3)],
            ['STAFF', rng.int(4, 8)],
          ]
        : [
            ['HEAD', 1],
            ['DEPUTY_HEAD', rng.int(2, 3)],
            ['STAFF', rng.int(3, 6)],
          ];
    for (const [role, count] of establishment) {
      for (let i = 0; i < count; i++) {
        const slot: Slot = { unit, role, holder: null };
        unit.slots.push(slot);
        const key = `${kind}:${role}`;
        const list = county.slotsByKey.get(key) ?? [];
        list.push(slot);
        county.slotsByKey.set(key, list);
      }
    }
    return unit;
  }

  // ── cadres entering the ledger ────────────────────────────────────────────────────

  private register(county: County, day: number, age: number, role: Role, origin: Origin): Cadre {
    const rng = this.rng;
    const date = dateOf(day);
    const femaleShare = role === 'PARTY_SECRETARY' || role === 'HEAD' ? 0.12 : role === 'STAFF' ? 0.4 : 0.25;
    const gender = rng.chance(femaleShare) ? 'F' : 'M';
    // Born `age` full years (plus up to 364 days) before entry.
    const birthDay = dayOf(addYears(date, -age)) - rng.int(0, 364);
    const birth = dateOf(birthDay);
    const workStart =
      origin === 'recruit' ? date : dateOf(Math.min(day, dayOf(addYears(birth, rng.int(21, 25))) + rng.int(0, 200)));
    const education = this.education(Number(workStart.slice(0, 4)), origin === 'recruit');
    const gifted = (education.fullTime && (education.level === 'MASTER' || education.level === 'DOCTORATE')) || education.doubleFirstClass;
    const id = `C${pad(++this.cadreCounter, 6)}`;
    const rank =
      origin === 'recruit'
        ? education.level === 'DOCTORATE'
          ? 'PRINCIPAL_STAFF_4'
          : education.level === 'MASTER'
            ? 'CLERK_1'
            : 'CLERK_2'
        : this.initialRank(role, age);
    const c: Cadre = {
      id,
      county,
      origin,
      birthDay,
      retireDay: dayOf(addYears(birth, 60)),
      entryDay: day,
      merit: 0.8 * rng.normal() + (gifted ? 0.3 : 0),
      slot: null,
      since: date,
      sinceDay: day,
      seniorityDay: day,
      stayer: false,
      psRunStartDay: null,
      rank,
      rankSince: date,
      grades: new Map(),
      sanctions: [],
      lastSanction: null,
      effectUntil: null,
      busyUntilDay: null,
      lastMoveDay: -Infinity,
      leaderTrainingDue: null,
      segments: [],
      departed: false,
    };
    this.present.set(id, c);
    const doc = origin === 'recruit' ? this.doc(county, '人社', this.year) : undefined;
    this.emitCadre(
      'CadreRegistered',
      id,
      day,
      { name: names.personName(rng, gender), gender, birthDate: birth, education, workStartDate: workStart },
      doc,
    );
    this.emitCadre('RankSet', id, day, { rank });
    return c;
  }

  private education(workStartYear: number, recruit: boolean): Education {
    const rng = this.rng;
    const t = Math.min(1, Math.max(0, (workStartYear - 1985) / 40));
    const level = rng.weighted<Education['level']>([
      ['SECONDARY', recruit ? 0.01 : 0.15 * (1 - t) + 0.01],
      ['COLLEGE', 0.35 * (1 - t) + 0.08],
      ['BACHELOR', 0.45 + 0.1 * t],
      ['MASTER', 0.04 + 0.3 * t],
      ['DOCTORATE', 0.005 + 0.01 * t],
    ]);
    // Older cadres often earned degrees part-time (在职); recruits mostly full-time.
    const fullTime =
      level === 'SECONDARY' || level === 'COLLEGE'
        ? rng.chance(0.7)
        : rng.chance(recruit ? (level === 'BACHELOR' ? 0.95 : 0.85) : level === 'BACHELOR' ? 0.6 : 0.3);
    const dfcChance = level === 'BACHELOR' ? 0.12 : level === 'MASTER' ? 0.3 : level === 'DOCTORATE' ? 0.5 : 0;
    return { level, fullTime, doubleFirstClass: fullTime && rng.chance(dfcChance) };
  }

  private initialRank(role: Role, age: number): Rank {
    let rank: Rank;
    if (role === 'STAFF') {
      rank = age < 25 ? 'CLERK_2' : age < 28 ? 'CLERK_1' : age < 33 ? 'PRINCIPAL_STAFF_4' : 'PRINCIPAL_STAFF_3';
    } else if (LEVEL[role] <= 4 && role !== 'PEOPLES_CONGRESS_CHAIR') {
      rank = age < 30 ? 'PRINCIPAL_STAFF_4' : age < 38 ? 'PRINCIPAL_STAFF_3' : 'PRINCIPAL_STAFF_2';
    } else {
      rank = age < 38 ? 'PRINCIPAL_STAFF_3' : age < 44 ? 'PRINCIPAL_STAFF_2' : age < 50 ? 'PRINCIPAL_STAFF_1' : 'RESEARCHER_4';
    }
    const cap = Math.max(RANKS.indexOf(ROLE_RANK_CAP[role]), HIGHEST_RANK_INDEX);
    return RANKS[Math.max(RANKS.indexOf(rank), cap)]!;
  }

  // ── posts ─────────────────────────────────────────────────────────────────────────

  private appoint(c: Cadre, slot: Slot, day: number, doc?: string): void {
    this.emitCadre('AppointedToPost', c.id, day, { orgUnitId: slot.unit.id, role: slot.role }, doc);
    this.occupy(c, slot, day, null);
  }

  private occupy(c: Cadre, slot: Slot, day: number, previous: Slot | null): void {
    // P2 by construction; a second holder would be a generator bug.
    if (slot.holder) throw new Error(`generator: ${slot.unit.id} ${slot.role} already held by ${slot.holder.id}`);
    slot.holder = c;
    c.slot = slot;
    c.since = dateOf(day);
    c.sinceDay = day;
    c.seniorityDay = day;
    c.lastMoveDay = day;
    c.segments.push({ slot, from: day, to: null });
    if (isTownshipSecretary(slot)) {
      if (!previous || !isTownshipSecretary(previous)) {
        c.psRunStartDay = day;
        c.stayer = this.rng.chance(0.35);
      }
    } else {
      c.psRunStartDay = null;
      c.stayer = false;
    }
    if (isTownshipLeader(slot) && c.leaderTrainingDue === null) c.leaderTrainingDue = this.year + 2;
    if (isTownshipChief(slot)) this.chiefChanges.add(`${slot.unit.id}|${day}|${slot.role}`);
  }

  private vacate(c: Cadre, day: number): Slot {
    const slot = c.slot;
    if (!slot) throw new Error(`generator: ${c.id} holds no post`);
    slot.holder = null;
    c.slot = null;
    const seg = c.segments[c.segments.length - 1];
    if (seg && seg.to === null) seg.to = day;
    if (isTownshipChief(slot)) this.chiefChanges.add(`${slot.unit.id}|${day}|${slot.role}`);
    return slot;
  }

  /** TM4: leaving a township chief post held < 3 years needs municipal approval on the event. */
  private chiefApproval(c: Cadre, day: number): Approval | undefined {
    const slot = c.slot;
    if (!slot || !isTownshipChief(slot)) return undefined;
    if (dateOf(day) >= addYears(c.since, CHIEF_MIN_YEARS)) return undefined;
    const n = (this.municipalCounters.get(this.year) ?? 0) + 1;
    this.municipalCounters.set(this.year, n);
    return { level: 'MUNICIPAL', ref: `市组干〔${this.year}〕${n}号` };
  }

  private depart(c: Cadre, expected: Slot | null, reason: RemovalReason): void {
    const slot = c.slot;
    if (c.departed || !slot) return;
    // The trigger was planned at the start of the year; skip it if the cadre has moved since.
    if (expected && slot !== expected) return;
    const day = this.currentDay;
    if (reason !== 'RETIREMENT' && (this.isBusy(c, day) || c.lastMoveDay === day)) return;
    const approval = this.chiefApproval(c, day);
    const doc = this.doc(c.county, slot.role === 'STAFF' ? '人社' : '委', this.year);
    this.emitCadre(
      'RemovedFromPost',
      c.id,
      day,
      { orgUnitId: slot.unit.id, role: slot.role, reason, ...(approval ? { approval } : {}) },
      doc,
    );
    this.vacate(c, day);
    c.departed = true;
    this.present.delete(c.id);
    this.departedThisYear.push(c);
    this.onVacancy(slot, day, this.doc(c.county, '委', this.year), 0, true);
  }

  private onVacancy(slot: Slot, day: number, doc: string, depth: number, mayWait: boolean): void {
    if (slot.role === 'STAFF') return; // filled on the county's recruitment day
    // Now and then a secretary post stays vacant for some weeks (a TM4 finding, realistic).
    if (mayWait && isTownshipSecretary(slot) && this.rng.chance(0.06)) {
      const later = day + this.rng.int(7, 45);
      if (later <= this.yearLastDay) {
        this.at(later, PRIO.FILL, () => this.fill(slot, this.currentDay, this.doc(slot.unit.county, '委', this.year), 0));
        return;
      }
    }
    this.fill(slot, day, doc, depth);
  }

  /** Fills a vacancy from below (or laterally); the successor's old post is filled in turn, same day. */
  private fill(slot: Slot, day: number, doc: string, depth: number): void {
    if (slot.holder) return;
    const candidate = this.selectCandidate(slot, day, depth);
    if (!candidate || !candidate.slot) {
      const [lo, hi] = INCOMING_AGE[slot.role];
      const c = this.register(slot.unit.county, day, this.rng.int(lo, hi), slot.role, 'incoming');
      this.appoint(c, slot, day, doc);
      return;
    }
    const from = candidate.slot;
    const approval = this.chiefApproval(candidate, day);
    this.emitCadre(
      'Transferred',
      candidate.id,
      day,
      {
        from: { orgUnitId: from.unit.id, role: from.role },
        to: { orgUnitId: slot.unit.id, role: slot.role },
        ...(approval ? { approval } : {}),
      },
      doc,
    );
    this.vacate(candidate, day);
    this.occupy(candidate, slot, day, from);
    this.onVacancy(from, day, doc, depth + 1, false);
  }

  private selectCandidate(slot: Slot, day: number, depth: number): Cadre | null {
    const rng = this.rng;
    const sources = SOURCES[slot.unit.kind][slot.role] ?? [];
    // Rarely a chief is moved before 3 years (with municipal approval, TM4).
    const early = rng.chance(0.05);
    const pools: [Cadre[], number][] = [];
    const fallback: Cadre[] = [];
    const date = dateOf(day);
    for (const s of sources) {
      const lateral = LEVEL[s.role] >= LEVEL[slot.role];
      if (lateral && depth >= 3) continue;
      const chiefSource = s.kind === 'TOWNSHIP' && (s.role === 'PARTY_SECRETARY' || s.role === 'HEAD');
      const minYears = early && chiefSource ? 1 : s.minYears;
      const pool: Cadre[] = [];
      for (const from of slot.unit.county.slotsByKey.get(`${s.kind}:${s.role}`) ?? []) {
        const c = from.holder;
        if (!c || from === slot || (from.unit === slot.unit && from.role === slot.role) || c.lastMoveDay === day || this.isBusy(c, day)) continue;
        // Chiefs count from the recorded appointment (TM4); others by seniority.
        const served = chiefSource ? c.sinceDay : c.seniorityDay;
        if (day < served + Math.round(minYears * DAYS_PER_YEAR)) continue;
        const age = this.ageOn(c, day);
        if (age < s.ageMin || age > s.ageMax || c.retireDay < day + 365) continue;
        if (s.notStayer && c.stayer) continue;
        if (!lateral && this.sanctionBlocks(c, date)) continue;
        // Second choices: both chiefs of a township adjusted on one date, or a rank too low for the post.
        if (this.adjustsBothChiefs(c, slot, day) || RANKS.indexOf(c.rank) > RANKS.indexOf(MIN_RANK_FOR[slot.role])) fallback.push(c);
        else pool.push(c);
      }
      if (pool.length > 0) pools.push([pool, s.weight]);
    }
    const youth = isTownshipChief(slot);
    if (pools.length === 0) return fallback.length > 0 ? this.best(fallback, day, youth) : null;
    return this.best(rng.weighted(pools), day, youth);
  }

  /** TM4 finding: a township's secretary and head both adjusted on one date; avoided when possible. */
  private adjustsBothChiefs(c: Cadre, target: Slot, day: number): boolean {
    const from = c.slot;
    if (!from || !isTownshipChief(from)) return false;
    if (target.unit === from.unit && isTownshipChief(target)) return true;
    const other = from.role === 'PARTY_SECRETARY' ? 'HEAD' : 'PARTY_SECRETARY';
    return this.chiefChanges.has(`${from.unit.id}|${day}|${other}`);
  }

  /** Best by merit and seniority in post; for chief posts younger cadres are preferred (TM1). */
  private best(pool: Cadre[], day: number, preferYouth: boolean): Cadre {
    let chosen = pool[0]!;
    let top = -Infinity;
    for (const c of pool) {
      const youth = preferYouth ? 0.06 * (42 - this.ageOn(c, day)) : 0;
      const score = c.merit + youth + 0.1 * ((day - c.seniorityDay) / DAYS_PER_YEAR) + 0.7 * this.rng.normal();
      if (score > top) {
        top = score;
        chosen = c;
      }
    }
    return chosen;
  }

  private isBusy(c: Cadre, day: number): boolean {
    return c.busyUntilDay !== null && day < c.busyUntilDay;
  }

  /** Conservative N2/N3 guard: no promotion within 24 months of a sanction or inside its effect period. */
  private sanctionBlocks(c: Cadre, date: CalendarDate): boolean {
    if (c.lastSanction && date < addMonths(c.lastSanction, 24)) return true;
    return c.effectUntil !== null && date < c.effectUntil;
  }

  private ageOn(c: Cadre, day: number): number {
    return Math.floor((day - c.birthDay) / DAYS_PER_YEAR);
  }

  // ── sanctions and appeals (N3–N5, TM9) ──────────────────────────────────────────────

  private sanction(c: Cadre): void {
    if (c.departed || !c.slot) return;
    const rng = this.rng;
    const day = this.currentDay;
    const date = dateOf(day);
    const kind = rng.weighted(SANCTION_WEIGHTS);
    const sanctionId = `S${pad(++this.sanctionCounter, 6)}`;
    const imposed = this.emitCadre(
      'SanctionImposed',
      c.id,
      day,
      { sanctionId, kind, grounds: rng.pick(names.SANCTION_GROUNDS) },
      this.doc(c.county, '纪', this.year),
    );
    const record: SanctionRecord = { kind, date, day, rescindedDay: null };
    c.sanctions.push(record);
    c.lastSanction = date;
    const months = SANCTION_MONTHS[kind];
    if (months > 0) {
      // N3: a sanction during a running period extends it (conservatively, without the cap).
      const base = c.effectUntil !== null && c.effectUntil > date ? c.effectUntil : date;
      c.effectUntil = addMonths(base, months);
    }
    if (months === 0 || !rng.chance(0.3)) return;
    // N5: review (复核) requested within 30 days of learning, decided within 30.
    const appealId = `A${pad(++this.appealCounter, 6)}`;
    const learnedDay = day + rng.int(0, 3);
    const filedDay = learnedDay + rng.int(3, 28);
    const decidedDay = filedDay + rng.int(7, 28);
    const upheld = rng.chance(0.35);
    const grounds = rng.pick(names.APPEAL_GROUNDS);
    this.emitAppeal('AppealFiled', appealId, filedDay, () => ({
      appealId,
      cadreId: c.id,
      targetEventId: imposed.assignedId ?? CountySimulation.missing('sanction event id'),
      stage: 'REVIEW',
      grounds,
      learnedOfDecisionDate: dateOf(learnedDay),
    }));
    const decisionYear = Number(dateOf(decidedDay).slice(0, 4));
    const decisionDoc = this.doc(c.county, '纪复', decisionYear);
    this.emitAppeal(
      'AppealDecided',
      appealId,
      decidedDay,
      () => ({
        appealId,
        outcome: upheld ? 'UPHELD' : 'DISMISSED',
        reasoning: upheld
          ? '经复核，原处分认定事实不清、证据不足，予以撤销'
          : '经复核，原处分事实清楚、证据确凿、定性准确、处理恰当，维持原处分',
      }),
      decisionDoc,
    );
    if (upheld) {
      // TM9: an upheld appeal rescinds the sanction by a new event, linked to the appeal.
      this.emitCadre('SanctionRescinded', c.id, decidedDay, { sanctionId, reason: 'APPEAL_UPHELD', appealId }, decisionDoc);
      if (decidedDay <= this.endDay) record.rescindedDay = decidedDay;
    }
  }

  private static missing(what: string): never {
    throw new Error(`generator: ${what} not assigned yet`);
  }

  // ── secondments and temporary postings (TM4, C2) ─────────────────────────────────────

  private second(c: Cadre): void {
    const day = this.currentDay;
    const slot = c.slot;
    if (c.departed || !slot || !isTownshipLeader(slot) || isTownshipChief(slot) || this.isBusy(c, day)) return;
    const rng = this.rng;
    const planned = addMonths(dateOf(day), rng.int(3, 12));
    const plannedDay = dayOf(planned);
    if (plannedDay + 365 > c.retireDay) return;
    const host = rng.pick(c.county.departments);
    const ref = this.doc(c.county, '委办', this.year);
    // TM4: county departments second township leaders only for county central work, with county approval.
    this.emitCadre(
      'SecondmentStarted',
      c.id,
      day,
      { hostOrgUnitId: host.id, purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: planned, approval: { level: 'COUNTY', ref } },
      ref,
    );
    const endDay = rng.chance(0.85) ? plannedDay : Math.max(day + 30, plannedDay - rng.int(7, 40));
    this.emitCadre('SecondmentEnded', c.id, endDay, {});
    c.busyUntilDay = endDay;
  }

  private postTemporarily(c: Cadre): void {
    const day = this.currentDay;
    if (c.departed || !c.slot || this.isBusy(c, day)) return;
    const rng = this.rng;
    const planned = addMonths(dateOf(day), rng.int(6, 24));
    const plannedDay = dayOf(planned);
    if (plannedDay + 365 > c.retireDay) return;
    const kind = rng.weighted<keyof typeof names.TEMPORARY_HOSTS>([
      ['HIGHER_ORGAN', 0.35],
      ['DEVELOPED_AREA', 0.3],
      ['REMOTE_AREA', 0.15],
      ['KEY_PROJECT', 0.2],
    ]);
    this.emitCadre(
      'TemporaryPostingStarted',
      c.id,
      day,
      { host: rng.pick(names.TEMPORARY_HOSTS[kind]), kind, plannedEndDate: planned },
      this.doc(c.county, '组', this.year),
    );
    const endDay = rng.chance(0.9) ? plannedDay : Math.max(day + 60, plannedDay - rng.int(7, 60));
    this.emitCadre('TemporaryPostingEnded', c.id, endDay, {});
    c.busyUntilDay = endDay;
  }

  // ── annual assessment (N4, TM7) ─────────────────────────────────────────────────────

  /**
   * Grades last year on 15 January, unit by unit, by quota: 15% of the assessed, plus one for a
   * township (TM7), to the best eligible by merit and role; a sanction year cannot be EXCELLENT
   * and a DEMERIT year (and a MAJOR_DEMERIT year and the next) is UNGRADED (N4).
   */
  private assess(): void {
    const rng = this.rng;
    const day = this.currentDay;
    const gradedYear = this.year - 1;
    const docs = new Map<County, string>();
    for (const [unit, entries] of this.roster) {
      const assessed = entries.filter((e) => !e.cadre.departed);
      if (assessed.length === 0) continue;
      const quota = Math.floor(assessed.length * 0.15) + (unit.kind === 'TOWNSHIP' ? 1 : 0);
      const limits = assessed.map((e) => this.gradeLimits(e.cadre, gradedYear, day));
      const ranked = assessed
        .map((e, i) => ({ i, score: e.cadre.merit + ROLE_BONUS[e.role] + 0.8 * rng.normal() }))
        .filter(({ i }) => !limits[i]!.ungraded && !limits[i]!.noExcellent)
        .sort((a, b) => b.score - a.score)
        .slice(0, quota);
      const excellent = new Set(ranked.map((r) => r.i));
      let doc = docs.get(unit.county);
      if (doc === undefined) {
        doc = this.doc(unit.county, '组', this.year);
        docs.set(unit.county, doc);
      }
      assessed.forEach((e, i) => {
        const limit = limits[i]!;
        const grade: Grade = limit.ungraded
          ? 'UNGRADED'
          : excellent.has(i)
            ? 'EXCELLENT'
            : this.ordinaryGrade(e, limit.noExcellent);
        e.cadre.grades.set(gradedYear, grade);
        this.emitCadre('AnnualAssessmentRecorded', e.cadre.id, day, { year: gradedYear, grade }, doc);
      });
    }
    this.roster = new Map();
  }

  private ordinaryGrade(e: RosterEntry, sanctioned: boolean): Grade {
    const rng = this.rng;
    const chief = e.role === 'PARTY_SECRETARY' || e.role === 'HEAD';
    if (sanctioned) return rng.chance(0.25) ? 'BASICALLY_COMPETENT' : 'COMPETENT';
    if (!chief && rng.chance(0.002)) return 'INCOMPETENT';
    const basic = chief ? 0.01 : e.cadre.merit < -1 ? 0.08 : 0.02;
    return rng.chance(basic) ? 'BASICALLY_COMPETENT' : 'COMPETENT';
  }

  private gradeLimits(c: Cadre, year: number, assessDay: number): { ungraded: boolean; noExcellent: boolean } {
    const first = dayOf(yearStart(year));
    const last = dayOf(yearEnd(year));
    let ungraded = false;
    let noExcellent = false;
    for (const s of c.sanctions) {
      // A sanction rescinded before the assessment is void (TM9); one still under appeal stands (N5).
      if (s.rescindedDay !== null && s.rescindedDay <= assessDay) continue;
      const sy = Number(s.date.slice(0, 4));
      const until = dayOf(addMonths(s.date, SANCTION_MONTHS[s.kind]));
      if (sy === year || (s.day <= last && until > first)) noExcellent = true;
      if (s.kind === 'DEMERIT' && sy === year) ungraded = true;
      if ((s.kind === 'MAJOR_DEMERIT' || s.kind === 'DEMOTION' || s.kind === 'REMOVAL') && (sy === year || sy === year - 1)) {
        ungraded = true;
      }
    }
    return { ungraded, noExcellent };
  }

  // ── rank promotion (N1–N3) ─────────────────────────────────────────────────────────

  private rankRound(county: County): void {
    const day = this.currentDay;
    const date = dateOf(day);
    let doc: string | undefined;
    for (const unit of [...county.townships, ...county.departments]) {
      for (const slot of unit.slots) {
        const c = slot.holder;
        if (!c || !this.rankEligible(c, date)) continue;
        const index = RANKS.indexOf(c.rank);
        if (index - 1 < this.rankCapIndex(c, slot, day)) continue;
        // Quotas (职数) are scarce above the clerk grades: not everyone eligible is promoted at once.
        const p = index >= RANKS.indexOf('CLERK_1') ? 0.85 : index >= RANKS.indexOf('PRINCIPAL_STAFF_3') ? 0.6 : 0.45 + 0.15 * c.merit;
        if (!this.rng.chance(Math.min(0.85, Math.max(0.15, p)))) continue;
        const toRank = RANKS[index - 1]!;
        doc ??= this.doc(county, '组', this.year);
        this.emitCadre('RankPromoted', c.id, day, { fromRank: c.rank, toRank, basis: 'REGULAR', quota: 'VACANCY' }, doc);
        c.rank = toRank;
        c.rankSince = date;
      }
    }
  }

  /**
   * N2, conservatively: the minimum years in the lower rank without the EXCELLENT credit, one extra
   * year for each year in the window without a counting grade, none INCOMPETENT, no sanction nearby.
   */
  private rankEligible(c: Cadre, date: CalendarDate): boolean {
    const minYears = MIN_YEARS_IN_RANK[c.rank];
    if (minYears === undefined || this.sanctionBlocks(c, date)) return false;
    let extra = 0;
    for (let y = Number(c.rankSince.slice(0, 4)); y < this.year; y++) {
      const g = c.grades.get(y);
      if (g === 'INCOMPETENT') return false;
      if (g !== 'EXCELLENT' && g !== 'COMPETENT') extra++;
    }
    return date >= addYears(c.rankSince, minYears + extra);
  }

  private rankCapIndex(c: Cadre, slot: Slot, day: number): number {
    let cap: Rank = ROLE_RANK_CAP[slot.role];
    if (isTownshipSecretary(slot) && c.psRunStartDay !== null) {
      const runYears = (day - c.psRunStartDay) / DAYS_PER_YEAR;
      if (runYears >= 12) cap = 'RESEARCHER_2';
      else if (runYears >= 8) cap = 'RESEARCHER_3';
    }
    return Math.max(RANKS.indexOf(cap), HIGHEST_RANK_INDEX);
  }

  // ── recruitment and talks ───────────────────────────────────────────────────────────

  private recruitRound(county: County): void {
    const rng = this.rng;
    const day = this.currentDay;
    let doc: string | undefined;
    for (const key of ['TOWNSHIP:STAFF', 'COUNTY_DEPARTMENT:STAFF']) {
      for (const slot of county.slotsByKey.get(key) ?? []) {
        if (slot.holder) continue;
        doc ??= this.doc(county, '人社', this.year);
        // "birthDate 22–35 years before first post"
        const c = this.register(county, day, rng.chance(0.9) ? rng.int(22, 29) : rng.int(30, 34), 'STAFF', 'recruit');
        this.appoint(c, slot, day, doc);
      }
    }
  }

  /** TM8: a heart-to-heart talk a year between each township chief and each team member. */
  private talkRound(unit: Unit): void {
    const day = this.currentDay;
    const secretary = unit.slots.find((s) => s.role === 'PARTY_SECRETARY')?.holder ?? null;
    const head = unit.slots.find((s) => s.role === 'HEAD')?.holder ?? null;
    for (const chief of [secretary, head]) {
      if (!chief) continue;
      for (const slot of unit.slots) {
        const member = slot.holder;
        if (!member || slot.role === 'STAFF' || member === chief) continue;
        if (chief === head && member === secretary) continue; // that pair already talked
        if (this.rng.chance(0.97)) this.emitCadre('TalkHeld', chief.id, day, { kind: 'HEART_TO_HEART', withCadreId: member.id });
      }
    }
  }

  // ── health checks and trainings, placed inside the posts held this year ─────────────

  private placeYearlyRoutines(): void {
    for (const c of this.present.values()) this.routinesOf(c);
    for (const c of this.departedThisYear) this.routinesOf(c);
  }

  private routinesOf(c: Cadre): void {
    const rng = this.rng;
    const end = this.yearLastDay + 1;
    const segments = c.segments.filter((s) => (s.to ?? end) > s.from);
    if (segments.length === 0) return;
    const dayIn = (s: Segment): number => rng.int(s.from, (s.to ?? end) - 1);
    if (rng.chance(0.98)) this.emitCadre('HealthCheckCompleted', c.id, dayIn(rng.pick(segments)), {});
    let trained = false;
    const chiefSegments = segments.filter((s) => isTownshipChief(s.slot));
    if (chiefSegments.length > 0) {
      // TM3: each chief attends county-level-or-above training every calendar year.
      const level = rng.weighted<TrainingLevel>([
        ['COUNTY', 0.55],
        ['MUNICIPAL', 0.3],
        ['PROVINCIAL', 0.13],
        ['NATIONAL', 0.02],
      ]);
      this.train(c, dayIn(rng.pick(chiefSegments)), level);
      trained = true;
    }
    const leaderSegments = segments.filter((s) => isTownshipLeader(s.slot));
    const due = c.leaderTrainingDue;
    if (!trained && leaderSegments.length > 0 && due !== null && (this.year >= due || rng.chance(0.2))) {
      // TM3: every township leader at least once in three calendar years.
      const level = rng.weighted<TrainingLevel>([
        ['COUNTY', 0.75],
        ['MUNICIPAL', 0.2],
        ['PROVINCIAL', 0.05],
      ]);
      this.train(c, dayIn(rng.pick(leaderSegments)), level);
      trained = true;
    }
    if (trained && c.leaderTrainingDue !== null) c.leaderTrainingDue = this.year + 3;
    if (c.origin === 'recruit' && c.entryDay >= this.yearFirstDay) {
      if (rng.chance(0.9)) {
        this.emitCadre('TrainingCompleted', c.id, dayIn(segments[0]!), { programme: names.INDUCTION_TRAINING, level: 'COUNTY' });
      }
    } else if (!trained && rng.chance(0.04)) {
      this.train(c, dayIn(rng.pick(segments)), 'COUNTY');
    }
  }

  private train(c: Cadre, day: number, level: TrainingLevel): void {
    this.emitCadre('TrainingCompleted', c.id, day, { programme: this.rng.pick(names.TRAINING[level]), level });
  }

  // ── year end: next January's roster and performance scores ──────────────────────────

  private closeYear(): void {
    const y = this.year;
    const cutoff = this.dayInYear(6, 30);
    const roster = new Map<Unit, RosterEntry[]>();
    for (const county of this.counties) {
      for (const unit of [...county.townships, ...county.departments]) {
        // Cadres who entered after 30 June are in probation: not graded for the year.
        const entries: RosterEntry[] = [];
        for (const slot of unit.slots) {
          if (slot.holder && slot.holder.entryDay <= cutoff) entries.push({ cadre: slot.holder, role: slot.role });
        }
        if (entries.length > 0) roster.set(unit, entries);
      }
    }
    this.roster = roster;
    if (y < this.options.endYear) {
      const scoreDay = dayOf(`${y + 1}-01-20` as CalendarDate);
      for (const county of this.counties) {
        const doc = this.doc(county, '委办', y + 1);
        const scores: { unit: Unit; score: number }[] = [];
        for (const unit of county.townships) {
          const secretary = unit.slots.find((s) => s.role === 'PARTY_SECRETARY')?.holder;
          const head = unit.slots.find((s) => s.role === 'HEAD')?.holder;
          const raw = 80 + 5 * unit.quality + 2.5 * (secretary?.merit ?? 0) + 1.5 * (head?.merit ?? 0) + 4 * this.rng.normal();
          const score = Math.round(Math.min(100, Math.max(60, raw)) * 10) / 10;
          this.emitOrgUnit('TownshipPerformanceScored', unit.id, scoreDay, { year: y, score }, doc);
          scores.push({ unit, score });
        }
        // TM7: the three lowest scores, every township tied with the third included.
        const third = scores.map((s) => s.score).sort((a, b) => a - b)[Math.min(3, scores.length) - 1];
        this.reminderDue.set(county, third === undefined ? [] : scores.filter((s) => s.score <= third).map((s) => s.unit));
      }
    }
    // Grades stay for the whole career (≤ ~40 entries): an INCOMPETENT year blocks promotion from that rank for good.
    for (const c of this.present.values()) {
      if (c.sanctions.length > 0) c.sanctions = c.sanctions.filter((s) => Number(s.date.slice(0, 4)) >= y - 6);
    }
  }

  // ── lines ────────────────────────────────────────────────────────────────────────

  private doc(county: County, office: string, year: number): string {
    const key = `${office}|${year}`;
    const n = (county.docCounters.get(key) ?? 0) + 1;
    county.docCounters.set(key, n);
    return `${county.prefix}${office}〔${year}〕${n}号`;
  }

  private schedule(day: number, build: () => ImportLineBody): Draft {
    const draft: Draft = { day, seq: ++this.draftSeq, build };
    if (day > this.endDay) return draft; // nothing after endYear-12-31
    if (day <= this.yearLastDay) {
      this.buffer.push(draft);
    } else {
      const y = Number(dateOf(day).slice(0, 4));
      const list = this.pending.get(y) ?? [];
      list.push(draft);
      this.pending.set(y, list);
    }
    return draft;
  }

  private emitCadre<K extends CadreEventType>(type: K, cadreId: string, day: number, data: EventData<K>, documentRef?: string): Draft {
    const effectiveDate = dateOf(day);
    const body = documentRef === undefined ? { type, cadreId, effectiveDate, data } : { type, cadreId, effectiveDate, documentRef, data };
    // TS cannot correlate a generic K with its member of the ImportLineBody union.
    return this.schedule(day, () => body as ImportLineBody);
  }

  private emitOrgUnit<K extends OrgUnitEventType>(type: K, orgUnitId: string, day: number, data: EventData<K>, documentRef?: string): Draft {
    const effectiveDate = dateOf(day);
    const body = documentRef === undefined ? { type, orgUnitId, effectiveDate, data } : { type, orgUnitId, effectiveDate, documentRef, data };
    return this.schedule(day, () => body as ImportLineBody);
  }

  /** Appeal data is built when the line is emitted: it names the sanction line's id, assigned just before. */
  private emitAppeal<K extends AppealEventType>(
    type: K,
    appealId: string,
    day: number,
    data: () => EventData<K>,
    documentRef?: string,
  ): Draft {
    const effectiveDate = dateOf(day);
    return this.schedule(day, () => {
      const body =
        documentRef === undefined
          ? { type, appealId, effectiveDate, data: data() }
          : { type, appealId, effectiveDate, documentRef, data: data() };
      return body as ImportLineBody;
    });
  }
}

const ROLE_BONUS: Record<Role, number> = {
  PARTY_SECRETARY: 0.6,
  HEAD: 0.6,
  PEOPLES_CONGRESS_CHAIR: 0.4,
  DEPUTY_PARTY_SECRETARY: 0.4,
  DEPUTY_HEAD: 0.25,
  TEAM_MEMBER: 0.25,
  STAFF: 0,
};
