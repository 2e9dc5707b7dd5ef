/** The ledger's public vocabulary (EVENTS.md). Values are stable strings; never rename one. */
import { z } from 'zod';

export const ORG_UNIT_KINDS = ['TOWNSHIP', 'COUNTY_DEPARTMENT', 'COUNTY_LEADERSHIP', 'OTHER'] as const;
export const orgUnitKindSchema = z.enum(ORG_UNIT_KINDS);
export type OrgUnitKind = z.infer<typeof orgUnitKindSchema>;

/**
 * Roles in an org unit. A township chief (党政正职, P1) is PARTY_SECRETARY (党委书记) or HEAD
 * (乡长/镇长) of a TOWNSHIP. The leadership team (领导班子) is every role except STAFF.
 */
export const ROLES = [
  'PARTY_SECRETARY', // 党委书记
  'HEAD', // 乡长/镇长; 局长 in a department
  'PEOPLES_CONGRESS_CHAIR', // 人大主席
  'DEPUTY_PARTY_SECRETARY', // 党委副书记
  'DEPUTY_HEAD', // 副乡长/副镇长
  'TEAM_MEMBER', // 班子成员
  'STAFF', // 一般干部
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** P2: posts with at most one holder per org unit at any time. */
export const SINGLE_HOLDER_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'HEAD'];
export const CHIEF_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'HEAD'];
export const LEADERSHIP_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'STAFF');

/** Ranks, high to low (N1, 公务员法 §19). Index 0 is the highest. */
export const RANKS = [
  'INSPECTOR_1', // 一级巡视员
  'INSPECTOR_2', // 二级巡视员
  'RESEARCHER_1', // 一级调研员
  'RESEARCHER_2', // 二级调研员
  'RESEARCHER_3', // 三级调研员
  'RESEARCHER_4', // 四级调研员
  'PRINCIPAL_STAFF_1', // 一级主任科员
  'PRINCIPAL_STAFF_2', // 二级主任科员
  'PRINCIPAL_STAFF_3', // 三级主任科员
  'PRINCIPAL_STAFF_4', // 四级主任科员
  'CLERK_1', // 一级科员
  'CLERK_2', // 二级科员
] as const;
export const rankSchema = z.enum(RANKS);
export type Rank = z.infer<typeof rankSchema>;

/** Higher rank has a smaller index; returns > 0 when `a` is above `b`. */
export function compareRanks(a: Rank, b: Rank): number {
  return RANKS.indexOf(b) - RANKS.indexOf(a);
}

export const GRADES = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT', 'UNGRADED'] as const;
export const gradeSchema = z.enum(GRADES);
export type Grade = z.infer<typeof gradeSchema>;

export const GOVERNMENT_SANCTIONS = ['WARNING', 'DEMERIT', 'MAJOR_DEMERIT', 'DEMOTION', 'REMOVAL', 'EXPULSION'] as const;
export const PARTY_SANCTIONS = ['PARTY_WARNING', 'PARTY_SERIOUS_WARNING', 'PARTY_POST_REVOKED'] as const;
export const ORGANIZATIONAL_MEASURES = [
  'CRITICISM_EDUCATION',
  'ADMONISHMENT',
  'POST_ADJUSTMENT',
  'ORDERED_RESIGNATION',
  'DISMISSAL_FROM_POST',
  'DEMOTION_IN_POST',
] as const;
export const SANCTION_KINDS = [...GOVERNMENT_SANCTIONS, ...PARTY_SANCTIONS, ...ORGANIZATIONAL_MEASURES] as const;
export const sanctionKindSchema = z.enum(SANCTION_KINDS);
export type SanctionKind = z.infer<typeof sanctionKindSchema>;

export const approvalSchema = z
  .object({
    level: z.enum(['COUNTY', 'MUNICIPAL']).describe('COUNTY = 县委审批; MUNICIPAL = 市委组织部审批'),
    ref: z.string().trim().min(1).max(200).describe('approval document reference'),
  })
  .strict();
export type Approval = z.infer<typeof approvalSchema>;

export const overrideSchema = z
  .object({ reason: z.string().trim().min(1).max(2000).describe('why a policy rule is knowingly departed from') })
  .strict();
export type Override = z.infer<typeof overrideSchema>;

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Whether a text is an identifier (a cadre's, an org unit's, an appeal's) as identifierSchema takes it: for callers without zod at hand, such as the web app's name lookups. */
export const isIdentifier = (text: string): boolean => text.length >= 1 && text.length <= 100 && IDENTIFIER.test(text);

/** The messages of the schemas below, named in Chinese by SCHEMA_MESSAGES_ZH (vocabulary-zh.ts). */
export const IDENTIFIER_MESSAGE = 'letters, digits, _ . : - only, starting with a letter or digit';
export const CYCLE_FORMAT_MESSAGE = 'a five-year cycle like 2021-2025, within 1900–2999';
export const CYCLE_SPAN_MESSAGE = 'a cycle spans five calendar years, e.g. 2021-2025';

/**
 * A discriminated union's tag left out (`{}` posted as an event, a remedy without its kind): zod
 * says "Invalid input" as of a wrong value, which read 取值无效 though nothing was typed. Said to be
 * required, with the choices; a tag present but unknown keeps zod's words.
 */
export const DISCRIMINATOR_MISSING_LEAD = 'required; one of';
export const discriminatorRequired =
  (discriminator: string) =>
  (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code !== 'invalid_union') return undefined;
    const input = issue.input as Record<string, unknown> | null | undefined;
    if (input === null || typeof input !== 'object' || input[discriminator] !== undefined) return undefined;
    const options = (issue as { options?: unknown[] }).options ?? [];
    return `${DISCRIMINATOR_MISSING_LEAD} ${options.map(String).join(', ')}`;
  };

/** An id typed with a Chinese input method in full-width (Ｃ０１): said as such, since it looks right. */
export const IDENTIFIER_FULL_WIDTH_MESSAGE = 'type ids in half-width letters and digits (C01), not full-width (Ｃ０１)';
const FULL_WIDTH_ASCII = /[\uff01-\uff5e\u3000]/;

export const identifierSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(IDENTIFIER, { error: (issue) => (FULL_WIDTH_ASCII.test(String(issue.input)) ? IDENTIFIER_FULL_WIDTH_MESSAGE : IDENTIFIER_MESSAGE) });

/** A cycle as a stored Commended event may hold it: any four-digit years, five apart (an event once stored stays readable). */
export const storedCycleSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, CYCLE_FORMAT_MESSAGE)
  .refine((c) => Number(c.slice(5)) - Number(c.slice(0, 4)) === 4, CYCLE_SPAN_MESSAGE);

/** A cycle asked for or newly recorded: within the calendar the ledger takes (T1, 1900–2999; found by a review, 0000-0004 was answered). */
export const cycleSchema = storedCycleSchema.refine((c) => /^(19|2\d)\d{2}-(19|2\d)\d{2}$/.test(c), CYCLE_FORMAT_MESSAGE);
