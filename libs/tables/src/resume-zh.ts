/**
 * 简历: a cadre's posts as the appointment form (干部任免审批表) writes them — one line a period in which
 * the posts held did not change, `2016.03—2020.05  高台镇党委书记、人大主席`, months only, each line
 * ending the month the next begins (前后衔接: a move on 1 May reads `—2020.05` then `2020.05—`), the last
 * ended line the month of its last day, the current one open (`2020.05—`), the posts held at once on one
 * line (a unit's posts together, its highest first), secondments and temporary postings in brackets on the
 * line they began in (`（其间：2017.03—2018.02借调县发展和改革局工作）`; one begun before the first post
 * or after the last, a line of its own). Built from the tenure answer (posts, secondments, temporary
 * postings, as of its date and as known at its instant), so it says what the ledger holds and no more:
 * a time between two posts with none recorded is a line of its own, 台账中无任职记录, rather than a gap
 * closed by guesswork (one within a single month cannot be seen at the form's precision and has none).
 * Pure, for the CLI and the web app alike.
 */
import { addDays, ROLES, roleNameZh, type CalendarDate, type OrgUnitKind, type Role } from '@ledger/domain';

/** What the resume reads of the tenure answer (GET /v1/cadres/{id}/tenure): structural, so that the web app needs no server types. */
export interface ResumeTenure {
  readonly asOf: string;
  readonly posts: readonly { readonly orgUnitId: string; readonly orgUnitName: string | null; readonly orgUnitKind: OrgUnitKind | null; readonly role: Role; readonly from: string; readonly to: string | null }[];
  readonly secondments: readonly ResumeAway[];
  readonly temporaryPostings: readonly ResumeAway[];
}

interface ResumeAway {
  readonly host: string;
  readonly hostName?: string | null;
  readonly detail: string;
  readonly from: string;
  readonly to: string | null;
}

export interface ResumeLine {
  /** `2016.03` */
  readonly from: string;
  /** `2020.05`, the month the next line begins; null while the posts are held on the answer's date (the form leaves it open). */
  readonly to: string | null;
  /** The posts held, or 台账中无任职记录 for a time between posts with none recorded. */
  readonly text: string;
  /** Secondments and temporary postings begun in the line's period (其间). */
  readonly notes: readonly string[];
}

export const NO_POST_RECORDED_ZH = '（台账中无任职记录）';

const month = (date: string): string => `${date.slice(0, 4)}.${date.slice(5, 7)}`;

/** The day before an exclusive end: the last day held (T1: calendar arithmetic, no Date). */
const dayBefore = (date: string): string => addDays(date as CalendarDate, -1);

const rankOf = (role: Role): number => ROLES.indexOf(role);

/** Posts the form names otherwise than the ledger's lists do (其他班子成员, 一般干部). */
const RESUME_ROLE_NAMES_ZH: Partial<Record<Role, string>> = { TEAM_MEMBER: '领导班子成员', STAFF: '干部' };

/** A period's posts as the form words them: by unit, the unit named once, its posts highest first. */
function postsText(posts: ResumeTenure['posts']): string {
  const units = new Map<string, ResumeTenure['posts'][number][]>();
  for (const p of [...posts].sort((a, b) => rankOf(a.role) - rankOf(b.role) || a.from.localeCompare(b.from))) {
    const held = units.get(p.orgUnitId);
    if (held) held.push(p);
    else units.set(p.orgUnitId, [p]);
  }
  return [...units.values()]
    .map((held) => {
      const unit = { name: held[0]!.orgUnitName, kind: held[0]!.orgUnitKind };
      const roles = [...new Set(held.map((p) => RESUME_ROLE_NAMES_ZH[p.role] ?? roleNameZh(p.role, unit)))];
      return `${unit.name ?? held[0]!.orgUnitId}${roles.join('、')}`;
    })
    .join('，');
}

/** The last month of an episode ending (exclusively) on `to`; one begun and ended the same day ends that day, not the day before it began. */
const lastMonth = (from: string, to: string): string => month(to > from ? dayBefore(to) : from);

/** A secondment or a temporary posting as the form notes it: `2017.03—2018.02借调县发展和改革局工作`. */
function awayText(a: ResumeAway, kind: 'SECONDMENT' | 'TEMPORARY_POSTING', withPeriod = true): string {
  const period = withPeriod ? `${month(a.from)}—${a.to ? lastMonth(a.from, a.to) : ''}` : '';
  return kind === 'SECONDMENT' ? `${period}借调${a.hostName ?? a.host}工作` : `${period}在${a.host}挂职锻炼`;
}

/** The resume's lines, earliest first; none for a cadre with no post recorded. */
export function resumeZh(t: ResumeTenure): ResumeLine[] {
  // Holdings of no length (begun and ended the same day) fill no period.
  const posts = t.posts.filter((p) => p.to === null || p.to > p.from);
  if (posts.length === 0) return [];
  const OPEN = '9999-12-31';
  const endOf = (p: { to: string | null }) => p.to ?? OPEN;
  const bounds = [...new Set(posts.flatMap((p) => [p.from, endOf(p)]))].sort();
  // Elementary periods [bounds[i], bounds[i+1]), each with the posts held throughout, then runs of equal posts merged.
  const key = (h: ResumeTenure['posts']) => h.map((p) => `${p.orgUnitId}\u0000${p.role}`).sort().join('\u0001');
  let periods: { from: string; to: string; held: ResumeTenure['posts'] }[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const from = bounds[i]!;
    const held = posts.filter((p) => p.from <= from && from < endOf(p));
    const last = periods[periods.length - 1];
    if (last && key(last.held) === key(held)) last.to = bounds[i + 1]!;
    else periods.push({ from, to: bounds[i + 1]!, held });
  }
  // A time with no post that begins and ends within one month cannot be seen at the form's precision: no line of
  // its own (found by a review: 2018.03—2018.03（台账中无任职记录）between two posts of March).
  periods = periods.filter((p) => p.held.length > 0 || month(p.from) !== month(p.to));
  const first = periods[0]!.from;
  const lastEnd = periods[periods.length - 1]!.to;
  const away = [
    ...t.secondments.map((a) => ({ a, kind: 'SECONDMENT' as const })),
    ...t.temporaryPostings.map((a) => ({ a, kind: 'TEMPORARY_POSTING' as const })),
  ].sort((x, y) => x.a.from.localeCompare(y.a.from));
  // Each noted on the line it began in; one begun before the first post or after the last ended is a line of its own.
  const within = (a: ResumeAway) => a.from >= first && a.from < lastEnd;
  const lineOf = (from: string) => {
    let at = 0;
    periods.forEach((p, i) => {
      if (p.from <= from) at = i;
    });
    return at;
  };
  const lines = periods.map((p, i) => ({
    sortKey: p.from,
    line: {
      from: month(p.from),
      // 前后衔接: a line ends the month the next begins; the last, the month of its last day (or open while held).
      to: p.to === OPEN ? null : i < periods.length - 1 ? month(p.to) : month(dayBefore(p.to)),
      text: p.held.length === 0 ? NO_POST_RECORDED_ZH : postsText(p.held),
      notes: away.filter(({ a }) => within(a) && lineOf(a.from) === i).map(({ a, kind }) => awayText(a, kind)),
    },
  }));
  const own = away
    .filter(({ a }) => !within(a))
    .map(({ a, kind }) => ({ sortKey: a.from, line: { from: month(a.from), to: a.to ? lastMonth(a.from, a.to) : null, text: awayText(a, kind, false), notes: [] } }));
  return [...own, ...lines].sort((x, y) => x.sortKey.localeCompare(y.sortKey)).map((l) => l.line);
}

/** A line as the form prints it: `2016.03—2020.05  高台镇党委书记（其间：…）`. */
export function resumeLineTextZh(line: ResumeLine): string {
  // The open line padded to the closed lines' width, so that the posts stand in one column.
  return `${`${line.from}—${line.to ?? ''}`.padEnd(15)}  ${line.text}${line.notes.length > 0 ? `（其间：${line.notes.join('；')}）` : ''}`;
}
