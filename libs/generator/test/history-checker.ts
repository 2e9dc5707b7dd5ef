/**
 * An independent checker of a generated history: it replays the lines as plain JSON (no generator
 * types or state) and reports every broken invariant, plus a few statistics (grade shares, and
 * rough TM6b / TM10 answers, to show the history gives those queries something to find).
 */
import {
  addDays,
  addMonths,
  addYears,
  DEFAULT_POLICY,
  EVENT_CATALOGUE,
  isCalendarDate,
  isCareerEventType,
  RANKS,
  toDayNumber,
  type CalendarDate,
  type Rank,
} from '@ledger/domain';
import type { CadreEventType, ImportableEventType } from '../src';

const SUBJECT_KEY = { cadre: 'cadreId', orgunit: 'orgUnitId', appeal: 'appealId' } as const;
const ENVELOPE_KEYS = new Set(['id', 'type', 'cadreId', 'orgUnitId', 'appealId', 'effectiveDate', 'documentRef', 'data']);
const CHIEFS = new Set(['PARTY_SECRETARY', 'HEAD']);
// An UNGRADED year is neither below COMPETENT nor EXCELLENT (RULES TM6b, TM10).
const BELOW_COMPETENT = new Set(['BASICALLY_COMPETENT', 'INCOMPETENT']);

interface Holding {
  unit: string;
  role: string;
  from: CalendarDate;
  to: CalendarDate | null;
}
interface Sanction {
  kind: string;
  date: CalendarDate;
  rescinded: boolean;
}
interface CadreState {
  birth: CalendarDate;
  holdings: Holding[];
  rank: Rank | null;
  rankSince: CalendarDate | null;
  grades: Map<number, string>;
  sanctions: Map<string, Sanction>;
  seconded: boolean;
  postedTemporarily: boolean;
  seats?: Set<string>;
}
interface Promotion {
  line: number;
  cadreId: string;
  date: CalendarDate;
  from: Rank;
  since: CalendarDate;
  /** Grades in the window as known when the promotion was recorded. */
  excellentYears: number;
  incompetentYears: number;
}

export interface HistoryReport {
  lines: number;
  violations: string[];
  counts: Record<string, number>;
  grades: Record<string, number>;
  excellentShare: number;
  chiefMovesWithMunicipalApproval: number;
  /** TM6b, roughly: chiefs on 31 Dec of endYear with an 8-year secretary or 10-year chief run and outstanding grades. */
  inPostEligible: number;
  chiefsOnReferenceDate: number;
  /** TM10, roughly: secretaries passing the defaults for the last five-year cycle. */
  excellentSecretaryCandidates: number;
}

type Json = Record<string, unknown>;
const NOT_IMPORTABLE = new Set(['PolicyVersionAdopted', 'PostHolderChanged']);
const isImportable = (type: string): type is ImportableEventType => isCareerEventType(type) && !NOT_IMPORTABLE.has(type);
const isCadreType = (type: ImportableEventType): type is CadreEventType => EVENT_CATALOGUE[type].category === 'cadre';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function checkHistory(lines: Iterable<unknown>, options: { seed: number; endYear: number }): HistoryReport {
  const violations: string[] = [];
  const fail = (line: number, message: string): void => {
    if (violations.length < 100) violations.push(`line ${line}: ${message}`);
  };
  const endDate = `${options.endYear}-12-31` as CalendarDate;
  const idPattern = new RegExp(`^gen-${options.seed}-\\d+$`);
  const ids = new Set<string>();
  const units = new Map<string, string>();
  const cadres = new Map<string, CadreState>();
  const holders = new Map<string, string>();
  const sanctionEvents = new Map<string, { cadreId: string; date: CalendarDate }>();
  const appeals = new Map<string, { cadreId: string; filed: CalendarDate; outcome: string | null }>();
  const promotions: Promotion[] = [];
  const counts: Record<string, number> = {};
  const grades: Record<string, number> = {};
  let chiefMovesWithApproval = 0;
  let previousDate = '';
  let n = 0;

  const leavePost = (line: number, cadreId: string, c: CadreState, post: Json, date: CalendarDate, approval: unknown): void => {
    const current = c.holdings[c.holdings.length - 1];
    if (!current || current.to !== null || current.unit !== post.orgUnitId || current.role !== post.role) {
      fail(line, `${cadreId} leaves ${str(post.orgUnitId)}/${str(post.role)} which it does not hold`);
      return;
    }
    current.to = date;
    if (CHIEFS.has(current.role)) holders.delete(`${current.unit}|${current.role}`);
    // TM4: a township chief moved or removed with < 3 years in the post needs municipal approval.
    if (units.get(current.unit) === 'TOWNSHIP' && CHIEFS.has(current.role) && date < addYears(current.from, 3)) {
      if (!isObject(approval) || approval.level !== 'MUNICIPAL') fail(line, `${cadreId} leaves a chief post after < 3 years without MUNICIPAL approval`);
      else chiefMovesWithApproval++;
    }
  };
  const takePost = (line: number, cadreId: string, c: CadreState, post: Json, date: CalendarDate): void => {
    const unit = str(post.orgUnitId);
    const role = str(post.role);
    if (!units.has(unit)) fail(line, `post in unregistered org unit ${unit}`);
    const current = c.holdings[c.holdings.length - 1];
    if (current && current.to === null) fail(line, `${cadreId} takes a second post`);
    if (CHIEFS.has(role)) {
      // P2: a single-holder post is vacated earlier in the file before its successor arrives.
      const holder = holders.get(`${unit}|${role}`);
      if (holder !== undefined) fail(line, `${unit}/${role} already held by ${holder} when ${cadreId} arrives`);
      holders.set(`${unit}|${role}`, cadreId);
    }
    c.holdings.push({ unit, role, from: date, to: null });
  };
  const inPost = (c: CadreState): Holding | null => {
    const h = c.holdings[c.holdings.length - 1];
    return h && h.to === null ? h : null;
  };

  for (const raw of lines) {
    n++;
    if (!isObject(raw)) {
      fail(n, 'not an object');
      continue;
    }
    const id = str(raw.id);
    const type = str(raw.type);
    const date = str(raw.effectiveDate) as CalendarDate;
    const data = raw.data;
    if (!idPattern.test(id)) fail(n, `id ${id} is not gen-<seed>-<n>`);
    if (ids.has(id)) fail(n, `duplicate id ${id}`);
    ids.add(id);
    for (const key of Object.keys(raw)) if (!ENVELOPE_KEYS.has(key)) fail(n, `unexpected key ${key}`);
    if (!isImportable(type)) {
      fail(n, `unknown type ${type}`);
      continue;
    }
    counts[type] = (counts[type] ?? 0) + 1;
    const entry = EVENT_CATALOGUE[type];
    const parsed = entry.schema.safeParse(data);
    if (!parsed.success) fail(n, `${type} data: ${parsed.error.message}`);
    if (!isObject(data)) continue;
    if (!isCalendarDate(date)) {
      fail(n, `bad effectiveDate ${date}`);
      continue;
    }
    if (date > endDate) fail(n, `dated after ${endDate}`);
    // Stronger than needed: the whole file is in effective-date order.
    if (date < previousDate) fail(n, `date ${date} before the previous line's ${previousDate}`);
    previousDate = date;
    if (raw.documentRef !== undefined && !/^.+〔\d{4}〕\d+号$/.test(str(raw.documentRef))) fail(n, `odd documentRef ${str(raw.documentRef)}`);
    const category = entry.category;
    for (const key of Object.values(SUBJECT_KEY)) {
      if ((key === SUBJECT_KEY[category]) !== (typeof raw[key] === 'string')) fail(n, `${type} must carry exactly ${SUBJECT_KEY[category]}`);
    }

    if (category === 'orgunit') {
      const unit = str(raw.orgUnitId);
      if (type === 'OrgUnitRegistered') {
        if (units.has(unit)) fail(n, `${unit} registered twice`);
        units.set(unit, str(data.kind));
      } else if (!units.has(unit)) fail(n, `${type} before ${unit} is registered`);
      continue;
    }

    if (category === 'appeal') {
      const appealId = str(raw.appealId);
      if (type === 'AppealFiled') {
        const target = sanctionEvents.get(str(data.targetEventId));
        if (!target || target.cadreId !== data.cadreId) fail(n, `appeal ${appealId} targets no sanction of ${str(data.cadreId)}`);
        const learned = str(data.learnedOfDecisionDate) as CalendarDate;
        if (target && learned < target.date) fail(n, `learned of a decision before it was taken`);
        // N5: review requested within 30 days of learning.
        if (date > addDays(learned, DEFAULT_POLICY.settings.appeals.reviewFilingDays)) fail(n, `late review filing`);
        appeals.set(appealId, { cadreId: str(data.cadreId), filed: date, outcome: null });
      } else {
        const appeal = appeals.get(appealId);
        if (!appeal) fail(n, `decision on unknown appeal ${appealId}`);
        else {
          if (date > addDays(appeal.filed, DEFAULT_POLICY.settings.appeals.reviewDecisionDays)) fail(n, `late review decision`);
          appeal.outcome = str(data.outcome);
        }
      }
      continue;
    }

    if (!isCadreType(type)) continue;
    const cadreId = str(raw.cadreId);
    if (type === 'CadreRegistered') {
      if (cadres.has(cadreId)) fail(n, `${cadreId} registered twice`);
      const birth = str(data.birthDate) as CalendarDate;
      if (date < birth) fail(n, `${cadreId} registered before birth`);
      cadres.set(cadreId, {
        birth,
        holdings: [],
        rank: null,
        rankSince: null,
        grades: new Map(),
        sanctions: new Map(),
        seconded: false,
        postedTemporarily: false,
      });
      continue;
    }
    const c = cadres.get(cadreId);
    if (!c) {
      fail(n, `${type} for unregistered ${cadreId}`);
      continue;
    }
    if (date < c.birth) fail(n, `${type} of ${cadreId} before birth`);
    const retirement = addYears(c.birth, 60);
    const held = inPost(c);
    if (held && date > retirement) fail(n, `${cadreId} still in post after turning 60`);

    switch (type) {
      case 'AppointedToPost':
        takePost(n, cadreId, c, data, date);
        break;
      case 'RemovedFromPost':
        leavePost(n, cadreId, c, data, date, data.approval);
        if (data.reason === 'RETIREMENT' && date !== retirement) fail(n, `${cadreId} retires on ${date}, not at 60 (${retirement})`);
        break;
      case 'Transferred':
        if (!isObject(data.from) || !isObject(data.to)) break;
        leavePost(n, cadreId, c, data.from, date, data.approval);
        takePost(n, cadreId, c, data.to, date);
        break;
      case 'RankSet':
        if (c.rank !== null) fail(n, `${cadreId} RankSet twice`);
        c.rank = data.rank as Rank;
        c.rankSince = date;
        break;
      case 'RankPromoted': {
        const from = data.fromRank as Rank;
        const to = data.toRank as Rank;
        if (c.rank === null || c.rankSince === null) {
          fail(n, `${cadreId} promoted before RankSet`);
          break;
        }
        if (from !== c.rank) fail(n, `${cadreId} promoted from ${from} but holds ${c.rank}`);
        // N1: one step up the ladder at a time, never above RESEARCHER_2.
        if (RANKS.indexOf(to) !== RANKS.indexOf(from) - 1) fail(n, `${cadreId} ${from} → ${to} is not one step up`);
        if (RANKS.indexOf(to) < RANKS.indexOf('RESEARCHER_2')) fail(n, `${cadreId} promoted above RESEARCHER_2`);
        if (data.basis !== 'REGULAR' || data.quota !== 'VACANCY') fail(n, `unexpected promotion basis/quota`);
        let excellentYears = 0;
        let incompetentYears = 0;
        for (let y = Number(c.rankSince.slice(0, 4)); y <= Number(date.slice(0, 4)); y++) {
          if (c.grades.get(y) === 'EXCELLENT') excellentYears++;
          if (c.grades.get(y) === 'INCOMPETENT') incompetentYears++;
        }
        promotions.push({ line: n, cadreId, date, from, since: c.rankSince, excellentYears, incompetentYears });
        c.rank = to;
        c.rankSince = date;
        break;
      }
      case 'AnnualAssessmentRecorded': {
        const year = Number(data.year);
        if (c.grades.has(year)) fail(n, `${cadreId} graded twice for ${year}`);
        if (date <= `${year}-12-31`) fail(n, `grade for ${year} recorded before the year ended`);
        c.grades.set(year, str(data.grade));
        grades[str(data.grade)] = (grades[str(data.grade)] ?? 0) + 1;
        break;
      }
      case 'SanctionImposed':
        c.sanctions.set(str(data.sanctionId), { kind: str(data.kind), date, rescinded: false });
        sanctionEvents.set(id, { cadreId, date });
        break;
      case 'SanctionRescinded': {
        const s = c.sanctions.get(str(data.sanctionId));
        if (!s) fail(n, `rescinds unknown sanction ${str(data.sanctionId)}`);
        else s.rescinded = true;
        if (data.reason === 'APPEAL_UPHELD') {
          const appeal = appeals.get(str(data.appealId));
          if (!appeal || appeal.outcome !== 'UPHELD' || appeal.cadreId !== cadreId) fail(n, `rescission without an upheld appeal`);
        }
        break;
      }
      case 'SecondmentStarted': {
        if (!held || held.role === 'STAFF' || units.get(held.unit) !== 'TOWNSHIP') fail(n, `${cadreId} seconded while not a township leader`);
        const approval = data.approval;
        // TM4: county central work only, with county approval.
        if (data.purpose !== 'COUNTY_CENTRAL_WORK' || !isObject(approval) || approval.level !== 'COUNTY') fail(n, `secondment without purpose/approval`);
        if (units.get(str(data.hostOrgUnitId)) !== 'COUNTY_DEPARTMENT') fail(n, `secondment host is not a county department`);
        if (c.seconded || c.postedTemporarily) fail(n, `${cadreId} seconded twice`);
        c.seconded = true;
        break;
      }
      case 'SecondmentEnded':
        if (!c.seconded) fail(n, `secondment end without start`);
        c.seconded = false;
        break;
      case 'TemporaryPostingStarted':
        if (c.seconded || c.postedTemporarily) fail(n, `${cadreId} posted twice`);
        c.postedTemporarily = true;
        break;
      case 'TemporaryPostingEnded':
        if (!c.postedTemporarily) fail(n, `temporary posting end without start`);
        c.postedTemporarily = false;
        break;
      case 'TalkHeld':
        if (!cadres.has(str(data.withCadreId))) fail(n, `talk with unregistered ${str(data.withCadreId)}`);
        if (!held) fail(n, `${cadreId} talks while holding no post`);
        break;
      case 'TrainingCompleted':
      case 'HealthCheckCompleted':
        if (!held) fail(n, `${type} while ${cadreId} holds no post`);
        break;
      case 'LeaderRecommended':
        // TM5(b): a township party secretary in post recommends another registered cadre.
        if (!held || held.role !== 'PARTY_SECRETARY' || units.get(held.unit) !== 'TOWNSHIP') fail(n, `${cadreId} recommends while not a township party secretary`);
        if (!cadres.has(str(data.recommendedCadreId)) || data.recommendedCadreId === cadreId) fail(n, `recommends ${str(data.recommendedCadreId)}`);
        break;
      case 'RepresentativeSeatTaken':
      case 'RepresentativeSeatEnded': {
        const seat = `${str(data.body)}|${str(data.level)}`;
        const seats = (c.seats ??= new Set<string>());
        if (type === 'RepresentativeSeatTaken' ? seats.has(seat) : !seats.has(seat)) fail(n, `${type} ${seat} of ${cadreId}`);
        if (type === 'RepresentativeSeatTaken') seats.add(seat);
        else seats.delete(seat);
        break;
      }
      case 'Commended':
      case 'EntryRetracted':
        break;
      default: {
        const unexpected: never = type;
        fail(n, `unexpected cadre event ${String(unexpected)}`);
      }
    }
  }

  // N2/N3 with final knowledge (a rescission may come after the promotion it would have blocked).
  const credit = DEFAULT_POLICY.settings.rankPromotion.excellentYearCreditMonths;
  const minYears: Partial<Record<Rank, number>> = DEFAULT_POLICY.settings.rankPromotion.minimumYearsInRank;
  for (const p of promotions) {
    const c = cadres.get(p.cadreId)!;
    if (p.incompetentYears > 0) fail(p.line, `${p.cadreId} promoted with an INCOMPETENT year in the window`);
    const years = minYears[p.from];
    if (years === undefined) fail(p.line, `no promotion from ${p.from}`);
    else if (p.date < addMonths(p.since, 12 * years - credit * p.excellentYears)) fail(p.line, `${p.cadreId} promoted after too short a time in ${p.from}`);
    for (const s of c.sanctions.values()) {
      const months = DEFAULT_POLICY.settings.sanctionEffectMonths[s.kind as keyof typeof DEFAULT_POLICY.settings.sanctionEffectMonths];
      if (!s.rescinded && s.date <= p.date && p.date < addMonths(s.date, months)) fail(p.line, `${p.cadreId} promoted inside a sanction effect period`);
    }
  }
  // N4: a WARNING year is not EXCELLENT; a DEMERIT year is UNGRADED.
  for (const [cadreId, c] of cadres) {
    for (const s of c.sanctions.values()) {
      if (s.rescinded) continue;
      const g = c.grades.get(Number(s.date.slice(0, 4)));
      if (s.kind === 'WARNING' && g === 'EXCELLENT') fail(0, `${cadreId} EXCELLENT in a WARNING year`);
      if (s.kind === 'DEMERIT' && g !== undefined && g !== 'UNGRADED') fail(0, `${cadreId} graded ${g} in a DEMERIT year`);
    }
    const h = inPost(c);
    if (h && endDate >= addYears(c.birth, 60)) fail(0, `${cadreId} still in post at 60 on ${endDate}`);
  }

  const totalGrades = Object.values(grades).reduce((a, b) => a + b, 0);
  const tm = referenceDateAnswers(cadres, units, options.endYear);
  return {
    lines: n,
    violations,
    counts,
    grades,
    excellentShare: totalGrades === 0 ? 0 : (grades.EXCELLENT ?? 0) / totalGrades,
    chiefMovesWithMunicipalApproval: chiefMovesWithApproval,
    ...tm,
  };
}

/** Rough TM6b and TM10 answers on 31 December of the last year, with the default settings. */
function referenceDateAnswers(
  cadres: Map<string, CadreState>,
  units: Map<string, string>,
  endYear: number,
): Pick<HistoryReport, 'inPostEligible' | 'chiefsOnReferenceDate' | 'excellentSecretaryCandidates'> {
  const ref = `${endYear}-12-31` as CalendarDate;
  const cycleStart = `${endYear - 4}-01-01` as CalendarDate;
  const policy = DEFAULT_POLICY.settings;
  const months = policy.sanctionEffectMonths as Record<string, number>;
  let chiefs = 0;
  let eligible = 0;
  let candidates = 0;
  for (const c of cadres.values()) {
    const current = c.holdings[c.holdings.length - 1];
    if (!current || current.to !== null || units.get(current.unit) !== 'TOWNSHIP' || !CHIEFS.has(current.role)) continue;
    chiefs++;
    const runStart = (roles: Set<string>): CalendarDate | null => {
      let start: CalendarDate | null = null;
      for (let i = c.holdings.length - 1; i >= 0; i--) {
        const h = c.holdings[i]!;
        if (units.get(h.unit) !== 'TOWNSHIP' || !roles.has(h.role) || (start !== null && h.to !== start)) break;
        start = h.from;
      }
      return start;
    };
    const effectOn = (from: CalendarDate, to: CalendarDate): boolean =>
      [...c.sanctions.values()].some((s) => !s.rescinded && s.date <= to && addMonths(s.date, months[s.kind] ?? 0) > from);
    const outstanding = (start: CalendarDate): boolean => {
      let excellent = 0;
      for (let y = Number(start.slice(0, 4)); y <= endYear; y++) {
        const g = c.grades.get(y);
        if (g !== undefined && BELOW_COMPETENT.has(g)) return false;
        if (g === 'EXCELLENT') excellent++;
      }
      return excellent >= policy.inPostPromotion.minExcellentGradesInRun && !effectOn(ref, ref);
    };
    const ps = runStart(new Set(['PARTY_SECRETARY']));
    const chief = runStart(CHIEFS);
    const psOk = ps !== null && addYears(ps, policy.inPostPromotion.partySecretaryRunYears) <= ref && outstanding(ps);
    const chiefOk = chief !== null && addYears(chief, policy.inPostPromotion.chiefRunYears) <= ref && outstanding(chief);
    if (psOk || chiefOk) eligible++;

    if (current.role !== 'PARTY_SECRETARY') continue;
    let townshipDays = 0;
    for (const h of c.holdings) {
      if (units.get(h.unit) === 'TOWNSHIP') townshipDays += toDayNumber(h.to ?? addDays(ref, 1)) - toDayNumber(h.from);
    }
    let excellent = 0;
    let below = false;
    for (let y = endYear - 4; y <= endYear; y++) {
      const g = c.grades.get(y);
      if (g !== undefined && BELOW_COMPETENT.has(g)) below = true;
      if (g === 'EXCELLENT') excellent++;
    }
    const enoughWork = townshipDays >= toDayNumber(addYears(ref, policy.excellentSecretary.minTownshipWorkYears)) - toDayNumber(ref);
    if (enoughWork && !below && excellent >= policy.excellentSecretary.minExcellentGradesInCycle && !effectOn(cycleStart, ref)) candidates++;
  }
  return { inPostEligible: eligible, chiefsOnReferenceDate: chiefs, excellentSecretaryCandidates: candidates };
}
