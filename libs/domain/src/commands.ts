/**
 * Commands: the import-line shape (EVENTS.md "Import file"), one command per public event type,
 * addressed to a cadre, an org unit or an appeal (policy commands address the one policy stream).
 * Deciders turn an accepted command into the events of that type (and the internal markers).
 */
import { z } from 'zod';
import { DomainError } from './errors';
import { commendedNewWrite, EVENT_CATALOGUE, type CareerEventType, type EventData, type StreamCategory } from './events/catalogue';
import { eventIdSchema, firstInputProblem, INPUT_PROBLEM_MESSAGES, isSingleLine, quoteInput, SINGLE_LINE_MESSAGE, type InputProblem } from './input-text';
import { calendarDateSchema, type CalendarDate } from './time/calendar-date';
import { discriminatorRequired, gradeSchema, identifierSchema, overrideSchema, rankSchema, type Override } from './vocabulary';
import { MAX_DEADLINE_DAYS } from './policy/policy-settings';
import { EVENT_TYPE_NAMES_ZH, NO_FIELDS_DATA_MESSAGE, SCHEMA_MESSAGES_ZH, zodIssueZh } from './vocabulary-zh-base';

/** Event types written only by deciders, never by a command or an import line. */
export const INTERNAL_EVENT_TYPES = ['PostHolderChanged'] as const;
export type InternalEventType = (typeof INTERNAL_EVENT_TYPES)[number];

/** The public event types: one command type each. */
export type CommandType = Exclude<CareerEventType, InternalEventType>;
export const COMMAND_TYPES = (Object.keys(EVENT_CATALOGUE) as CareerEventType[]).filter(
  (t): t is CommandType => !(INTERNAL_EVENT_TYPES as readonly string[]).includes(t),
);

export function isCommandType(type: string): type is CommandType {
  return (COMMAND_TYPES as readonly string[]).includes(type);
}

/** The category of the stream a command type writes to. */
export type CategoryOf<T extends CareerEventType> = (typeof EVENT_CATALOGUE)[T]['category'];

/** How a command names its aggregate: `cadreId`, `orgUnitId`, `appealId`; policy has one stream. */
export type AddressOf<C extends StreamCategory> = C extends 'cadre'
  ? { readonly cadreId: string }
  : C extends 'orgunit'
    ? { readonly orgUnitId: string }
    : C extends 'appeal'
      ? { readonly appealId: string }
      : { readonly cadreId?: never; readonly orgUnitId?: never; readonly appealId?: never };

/** A command of one type: the import line `{id, type, <address>, effectiveDate, documentRef?, data, override?}`. */
export type CareerCommandOf<T extends CommandType> = {
  /** Becomes the event's `eventId` (an import line's `id`): re-sending the command is a no-op in the store. */
  readonly id: string;
  readonly type: T;
  readonly effectiveDate: CalendarDate;
  /** The decision's document number (文号), where one exists. */
  readonly documentRef?: string;
  readonly data: EventData<T>;
  /** Knowingly departs from a policy rule; refused for integrity rules. */
  readonly override?: Override;
} & AddressOf<CategoryOf<T>> &
  (T extends 'AppealDecided' ? { readonly remedy?: AppealRemedy } : unknown);

/** Every command; `switch (command.type)` narrows `data` and the address. */
export type CareerCommand = { [T in CommandType]: CareerCommandOf<T> }[CommandType];
export type CadreCommand = Extract<CareerCommand, { readonly cadreId: string }>;
export type OrgUnitCommand = Extract<CareerCommand, { readonly orgUnitId: string }>;
export type AppealCommand = Extract<CareerCommand, { readonly appealId: string }>;
export type PolicyCommand = CareerCommandOf<'PolicyVersionAdopted'>;

declare const validated: unique symbol;
/**
 * A command that passed `parseCareerCommand` (the boundary: an import line, an HTTP body, a command
 * built in code): deciders take it as is, without parsing it again. Only that function makes one.
 */
export type ValidCareerCommand = CareerCommand & { readonly [validated]: true };

const ADDRESS_FIELD: Record<StreamCategory, 'cadreId' | 'orgUnitId' | 'appealId' | undefined> = {
  cadre: 'cadreId',
  orgunit: 'orgUnitId',
  appeal: 'appealId',
  policy: undefined,
};

/**
 * The remedy an upheld appeal decision carries in the same command (TM9, N5): the sanction is
 * rescinded, or the wrong grade is retracted and the corrected grade recorded.
 */
export const appealRemedySchema = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('RESCIND_SANCTION') }).strict(), z.object({ kind: z.literal('CORRECT_GRADE'), grade: gradeSchema }).strict()],
  { error: discriminatorRequired('kind') },
);
export type AppealRemedy = z.infer<typeof appealRemedySchema>;

const envelopeSchema = z.object({
  id: eventIdSchema,
  type: z.string(),
  effectiveDate: calendarDateSchema,
  documentRef: z.string().trim().min(1).max(200).optional(),
  data: z.unknown(),
  override: overrideSchema.optional(),
  remedy: appealRemedySchema.optional(),
  cadreId: identifierSchema.optional(),
  orgUnitId: identifierSchema.optional(),
  appealId: identifierSchema.optional(),
})
  // A misspelt field ("Remedy", "documentref") must be refused, never dropped: the line would be
  // stored without what it meant to say (found 2026-12-02: an import lost an appeal's remedy).
  .strict();

function schemaError(issue: z.core.$ZodIssue | undefined, prefix = '', input?: unknown): DomainError {
  if (issue?.code === 'unrecognized_keys') {
    const field = [prefix, ...issue.path.map(String), quoteInput(String(issue.keys[0]))].filter((p) => p !== '').join('.');
    const known = prefix === '' ? `; the fields are ${Object.keys(envelopeSchema.shape).join(', ')}` : '';
    const knownZh = prefix === '' ? `；可用字段：${Object.keys(envelopeSchema.shape).join('、')}` : '';
    return new DomainError('RULE_I_SCHEMA', `${field}: not a field of this ${prefix === '' ? 'command' : 'event'}${known}`, {
      field,
      messageZh: `${field}：不是该${prefix === '' ? '记录' : '事件'}的字段${knownZh}`,
    });
  }
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== '').join('.');
  const messageZh = `${path || '记录'}：${issue ? zodIssueZh(issue, input === undefined ? undefined : { input }) : '无效'}`;
  return new DomainError('RULE_I_SCHEMA', `${path || 'command'}: ${issue?.message ?? 'invalid'}`, path ? { field: path, messageZh } : { messageZh });
}

/**
 * An event with no fields of its own (EVENTS.md "—": HealthCheckCompleted, SecondmentEnded…) still
 * writes `"data": {}`: said so when it is left out (found by a review: "data：必须填写" alone).
 */
function noDataError(input: unknown, issue: z.core.$ZodIssue | undefined): DomainError | undefined {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (issue?.path.length !== 1 || issue.path[0] !== 'data' || (input as { data?: unknown }).data !== undefined) return undefined;
  if (typeof type !== 'string' || !isCommandType(type) || !EVENT_CATALOGUE[type].schema.safeParse({}).success) return undefined;
  return new DomainError('RULE_I_SCHEMA', `data: ${NO_FIELDS_DATA_MESSAGE}`, { field: 'data', messageZh: `data：${SCHEMA_MESSAGES_ZH[NO_FIELDS_DATA_MESSAGE]}` });
}

/**
 * Bounds added after events were stored under looser ones: a new command must meet them, while the
 * catalogue's schemas keep reading every event they once accepted (found by a review: tightening
 * the stored schemas made a stored policy unreadable, and with it every cadre's history). Checked
 * by `newCommandProblem`, once the command's id is known not to be stored.
 */
const deadline = z.number().max(MAX_DEADLINE_DAYS, `at most ${MAX_DEADLINE_DAYS} days`);
/**
 * A cadre's or a unit's name is one line (found by a security review: a name holding a line break
 * and a row's worth of spaces read, in a listing, as a forged row of its own: 处分或组织处理 开除党籍).
 */
const oneLine = z.string().refine(isSingleLine, SINGLE_LINE_MESSAGE);
const NEW_COMMAND_CHECKS: Partial<Record<CommandType, z.ZodType>> = {
  CadreRegistered: z.object({ name: oneLine }),
  OrgUnitRegistered: z.object({ name: oneLine }),
  PolicyVersionAdopted: z.object({
    settings: z.object({
      appeals: z.object({
        reviewFilingDays: deadline,
        reviewDecisionDays: deadline,
        appealAfterReviewDays: deadline,
        directAppealDays: deadline,
        appealDecisionDays: deadline,
        appealDecisionExtensionDays: deadline,
      }),
      // N1: a rank of the ladder; any other text (a typo, RESEARCHER-2) was taken, and the ceiling silently not checked.
      rankPromotion: z.object({ highestRankForCountyCadres: rankSchema }),
    }),
  }),
  // The cycle within the calendar; EXCELLENT_TOWNSHIP_PARTY_SECRETARY with one, OTHER without (TM10).
  Commended: commendedNewWrite,
};

/**
 * Why a text outside a command cannot be taken (a token holder's name, which every event its token
 * writes carries in its actor: a U+202E there reversed the token id beside it, found by a security
 * review), said as a command's field is told; undefined when it can.
 */
export function textInputProblem(field: string, text: string): { readonly message: string; readonly messageZh: string } | undefined {
  const problem = firstInputProblem(text, [field]);
  if (!problem) return undefined;
  const error = inputProblemError(problem);
  return { message: error.message, messageZh: error.messageZh ?? error.message };
}

/** An input problem (firstInputProblem) as the RULE_I_SCHEMA refusal naming its field. */
function inputProblemError(problem: InputProblem): DomainError {
  const field = quoteInput(problem.path.join('.'));
  const why = INPUT_PROBLEM_MESSAGES[problem.reason];
  const messageZh = `${field || '记录'}：${SCHEMA_MESSAGES_ZH[why] ?? why}`;
  return new DomainError('RULE_I_SCHEMA', `${field || 'command'}: ${why}`, field ? { field, messageZh } : { messageZh });
}

/**
 * The format-character rule (FORMAT, BLANK: an invisible character in a command's text) came after
 * events holding them were stored: a check for new facts, made by `newCommandProblem`. What the
 * store cannot keep at all (a lone surrogate, a NUL, another control character, too deep) is
 * refused by `parseCareerCommand` on every command, stored or not.
 */
const FOR_NEW_FACTS: ReadonlySet<InputProblem['reason']> = new Set(['FORMAT', 'BLANK']);

/**
 * Validates an untrusted command (an import line, an HTTP body, or a command built in code)
 * against the catalogue's zod schemas; throws DomainError RULE_I_SCHEMA naming the field.
 * Returns the parsed command (zod-normalised: trimmed text, branded dates), branded as validated.
 *
 * The checks tightened after events were stored (`newCommandProblem`: format characters in its
 * text, NEW_COMMAND_CHECKS) are not made here: a line or a request whose id is stored already with
 * the same fact is answered as stored (EVENTS.md: a re-import is a no-op), however an older release
 * took it. The deciders make them once the id is known to be new (I, `iEventIdUnused`). Found by an
 * upgrade review: a re-import of a file an older release had taken refused its commendations without
 * a cycle, its policy of a 5,000-day deadline and its texts holding U+200B, all stored.
 */
export function parseCareerCommand(input: unknown): ValidCareerCommand {
  const problem = firstInputProblem(input);
  if (problem && !FOR_NEW_FACTS.has(problem.reason)) throw inputProblemError(problem);
  let command: ValidCareerCommand;
  try {
    command = parseStructure(input);
  } catch (error) {
    // Malformed besides: not a fact stored before either (the catalogue's schemas read every stored
    // event), refused for its format character first, as it always was.
    throw problem ? inputProblemError(problem) : error;
  }
  // A format character the parse itself dropped (U+FEFF at the edge of a trimmed text: String.trim
  // removes it) would not be seen by newCommandProblem: refused now, as before.
  if (problem && !firstInputProblem(command)) throw inputProblemError(problem);
  return command;
}

/**
 * RULE_I_SCHEMA for a command whose id is new to the store: the checks added after events were
 * stored under looser ones — no invisible format character in its text (FORMAT, BLANK; ids and
 * references to them are left to their own schemas), and NEW_COMMAND_CHECKS (TM10: an Excellent
 * Township Party Secretary commendation names its cycle; N5's deadlines at most MAX_DEADLINE_DAYS;
 * N1's highest rank on the ladder; a name and a document reference on one line). Undefined when it meets them. Called by `iEventIdUnused`, after
 * the id's lookup: a fact stored before them, sent again, is answered as stored.
 */
export function newCommandProblem(command: CareerCommand): DomainError | undefined {
  const problem = firstInputProblem(command);
  if (problem) return inputProblemError(problem);
  const stricter = NEW_COMMAND_CHECKS[command.type]?.safeParse(command.data);
  if (stricter && !stricter.success) return schemaError(stricter.error.issues[0], 'data');
  // A document reference (文号) is one line too, on every type.
  if (command.documentRef !== undefined && !isSingleLine(command.documentRef)) {
    return new DomainError('RULE_I_SCHEMA', `documentRef: ${SINGLE_LINE_MESSAGE}`, { field: 'documentRef', messageZh: `documentRef：${SCHEMA_MESSAGES_ZH[SINGLE_LINE_MESSAGE]}` });
  }
  return undefined;
}

/** `parseCareerCommand` but its checks for new facts: the envelope, the type, the address, the catalogue's schema of the data. */
function parseStructure(input: unknown): ValidCareerCommand {
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) throw noDataError(input, envelope.error.issues[0]) ?? schemaError(envelope.error.issues[0], '', input);
  const e = envelope.data;
  if (!isCommandType(e.type)) {
    const internal = (INTERNAL_EVENT_TYPES as readonly string[]).includes(e.type);
    throw new DomainError('RULE_I_NOT_A_COMMAND', internal ? `${e.type} is written by the ledger itself` : `unknown type ${quoteInput(e.type)}`, {
      field: 'type',
      messageZh: internal
        ? `“${EVENT_TYPE_NAMES_ZH[e.type as CareerEventType]}”（${e.type}）由台账自动生成，不能直接录入`
        : `未知的事项类型 ${quoteInput(e.type)}`,
    });
  }
  const addressField = ADDRESS_FIELD[EVENT_CATALOGUE[e.type].category];
  for (const f of ['cadreId', 'orgUnitId', 'appealId'] as const) {
    if (f === addressField && e[f] === undefined) {
      throw new DomainError('RULE_I_SCHEMA', `${e.type} needs ${f}`, { field: f, messageZh: `“${EVENT_TYPE_NAMES_ZH[e.type]}”（${e.type}）须填写 ${f}` });
    }
    if (f !== addressField && e[f] !== undefined) {
      throw new DomainError('RULE_I_SCHEMA', `${e.type} does not take ${f}`, { field: f, messageZh: `“${EVENT_TYPE_NAMES_ZH[e.type]}”（${e.type}）不接受 ${f}` });
    }
  }
  // The envelope refuses absent data; `null` is refused here as the HTTP routes refuse it (found by a review: an import took it as {}).
  const data = EVENT_CATALOGUE[e.type].schema.safeParse(e.data);
  if (!data.success) throw schemaError(data.error.issues[0], 'data', e.data);
  const command: Record<string, unknown> = { id: e.id, type: e.type, effectiveDate: e.effectiveDate, data: data.data };
  if (addressField) command[addressField] = e[addressField];
  if (e.documentRef !== undefined) command.documentRef = e.documentRef;
  if (e.override !== undefined) command.override = e.override;
  if (e.remedy !== undefined) {
    if (e.type !== 'AppealDecided') {
      throw new DomainError('RULE_I_SCHEMA', `${e.type} does not take a remedy`, {
        field: 'remedy',
        messageZh: `“${EVENT_TYPE_NAMES_ZH[e.type]}”（${e.type}）不接受纠正措施（remedy），仅复核或申诉决定可附`,
      });
    }
    command.remedy = e.remedy;
  }
  // The envelope and the data were each validated against the catalogue entry of `type` above.
  return command as unknown as ValidCareerCommand;
}
