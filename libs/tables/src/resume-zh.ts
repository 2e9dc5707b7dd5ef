/**
 * 简历: a cadre's posts as the appointment form (干部任免审批表) writes them — one line a period in which
 * the posts held did not change, `2016.03—2020.04  高台镇党委书记、人大主席`, months only, each line
 * beginning the month the one before it ended (a post ending on 30 April and the next beginning on 1 May
 * read `—2020.04` then `2020.05—`), the posts held at once on one line (a unit's posts together, its
 * highest first), the current one open (`2020.05—`), secondments and temporary postings in brackets on
 * the line they began in (其间：…). Built from the tenure answer (posts, secondments, temporary
 * postings, as of its date and as known at its instant), so it says what the ledger holds and no more:
 * a time between two posts with none recorded is a line of its own, 台账中无任职记录, rather than a gap
 * the form forbids being closed by guesswork. Pure, for the CLI and the web app alike.
 */
import { addDays, ROLES, roleNameZh, type CalendarDate, SECONDMENT_PURPOSE_NAMES_ZH, TEMPORARY_POSTING_KIND_NAMES_ZH, type OrgUnitKind, type Role } from '@ledger/domain';

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
  /** `2020.04`; null while the posts are held on the answer's date (the form leaves it open). */
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
      const roles = [...new Set(held.map((p) => roleNameZh(p.role, unit)))];
      return `${unit.name ?? held[0]!.orgUnitId}${roles.join('、')}`;
    })
    .join('，');
}

function awayText(a: ResumeAway, kind: 'SECONDMENT' | 'TEMPORARY_POSTING'): string {
  // One begun and ended the same day ends that day, not the day before it began.
  const period = `${month(a.from)}—${a.to ? month(a.to > a.from ? dayBefore(a.to) : a.from) : ''}`;
  if (kind === 'SECONDMENT') {
    const purpose = SECONDMENT_PURPOSE_NAMES_ZH[a.detail as keyof typeof SECONDMENT_PURPOSE_NAMES_ZH] ?? a.detail;
    return `${period} 借调${a.hostName ?? a.host}（${purpose}）`;
  }
  const kindZh = TEMPORARY_POSTING_KIND_NAMES_ZH[a.detail as keyof typeof TEMPORARY_POSTING_KIND_NAMES_ZH] ?? a.detail;
  return `${period} 挂职锻炼于${a.host}（${kindZh}）`;
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
  const periods: { from: string; to: string; held: ResumeTenure['posts'] }[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const from = bounds[i]!;
    const held = posts.filter((p) => p.from <= from && from < endOf(p));
    const key = (h: ResumeTenure['posts']) => h.map((p) => `${p.orgUnitId}\u0000${p.role}`).sort().join('\u0001');
    const last = periods[periods.length - 1];
    if (last && key(last.held) === key(held)) last.to = bounds[i + 1]!;
    else periods.push({ from, to: bounds[i + 1]!, held });
  }
  const away = [
    ...t.secondments.map((a) => ({ a, kind: 'SECONDMENT' as const })),
    ...t.temporaryPostings.map((a) => ({ a, kind: 'TEMPORARY_POSTING' as const })),
  ].sort((x, y) => x.a.from.localeCompare(y.a.from));
  // Each on the line it began in: one begun before the first post on the first line, after the last post on the last.
  const lineOf = (from: string) => {
    let at = 0;
    periods.forEach((p, i) => {
      if (p.from <= from) at = i;
    });
    return at;
  };
  return periods.map((p, i) => {
    const notes = away.filter(({ a }) => lineOf(a.from) === i).map(({ a, kind }) => awayText(a, kind));
    return { from: month(p.from), to: p.to === OPEN ? null : month(dayBefore(p.to)), text: p.held.length === 0 ? NO_POST_RECORDED_ZH : postsText(p.held), notes };
  });
}

/** A line as the form prints it: `2016.03—2020.04  高台镇党委书记（其间：…）`. */
export function resumeLineTextZh(line: ResumeLine): string {
  // The open line padded to the closed lines' width, so that the posts stand in one column.
  return `${`${line.from}—${line.to ?? ''}`.padEnd(15)}  ${line.text}${line.notes.length > 0 ? `（其间：${line.notes.join('；')}）` : ''}`;
}
