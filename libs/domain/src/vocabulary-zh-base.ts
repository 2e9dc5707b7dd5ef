/**
 * The part of the one Chinese vocabulary (vocabulary-zh.ts, which re-exports it) that depends on
 * no read model: the rules and the command parser name grades, event types and schema messages in
 * their Chinese refusals from here without a cycle through the read models.
 */
import { z } from 'zod';
import { COMMENDED_CYCLE_NOT_TAKEN_MESSAGE, COMMENDED_CYCLE_REQUIRED_MESSAGE, type CareerEventType } from './events/catalogue';
import { CONTROL_CHARACTER_MESSAGE, SINGLE_LINE_MESSAGE, INPUT_PROBLEM_MESSAGES, LONE_SURROGATE_MESSAGE, MAX_INPUT_DEPTH, NEW_EVENT_ID_MESSAGES, quoteInput } from './input-text';
import { CALENDAR_DATE_MESSAGE, YEAR_PARAM_MESSAGE } from './time/calendar-date';
import { KNOWN_AT_MESSAGE } from './time/instant';
import { CYCLE_FORMAT_MESSAGE, CYCLE_SPAN_MESSAGE, DISCRIMINATOR_MISSING_LEAD, IDENTIFIER_FULL_WIDTH_MESSAGE, IDENTIFIER_MESSAGE, type Grade } from './vocabulary';

export const GRADE_NAMES_ZH: Record<Grade, string> = {
  EXCELLENT: '优秀',
  COMPETENT: '称职',
  BASICALLY_COMPETENT: '基本称职',
  INCOMPETENT: '不称职',
  UNGRADED: '不确定等次',
};

export const EVENT_TYPE_NAMES_ZH: Record<CareerEventType, string> = {
  OrgUnitRegistered: '单位登记',
  TownshipPerformanceScored: '乡镇目标绩效考核得分',
  CountyDepartmentRated: '乡镇测评县级部门',
  PostHolderChanged: '职务在任人变更',
  CadreRegistered: '干部登记',
  AppointedToPost: '任职',
  RemovedFromPost: '免去职务',
  Transferred: '交流',
  SecondmentStarted: '借调开始',
  SecondmentEnded: '借调结束',
  TemporaryPostingStarted: '挂职开始',
  TemporaryPostingEnded: '挂职结束',
  RankSet: '职级确定',
  RankPromoted: '职级晋升',
  AnnualAssessmentRecorded: '年度考核',
  SanctionImposed: '处分或组织处理',
  SanctionRescinded: '撤销处分或组织处理',
  Commended: '表彰',
  TrainingCompleted: '培训',
  TalkHeld: '谈话',
  HealthCheckCompleted: '体检',
  LeaderRecommended: '推荐副科级领导干部人选',
  RepresentativeSeatTaken: '当选代表委员',
  RepresentativeSeatEnded: '代表委员任期结束',
  EntryRetracted: '撤回记录',
  AppealFiled: '提出复核或申诉',
  AppealDecided: '复核或申诉决定',
  PolicyVersionAdopted: '采用政策版本',
};

/**
 * A hash chain's breaks as the store's `verify` names them (libs/event-store verify.ts,
 * BrokenLinkReason), in Chinese: one table for verify, the exports and a cadre's history.
 */
export const STORE_BREAK_REASONS_ZH = {
  HASH_MISMATCH: '内容或哈希被改动',
  REVISION_GAP: '事件缺失或顺序被打乱',
  MISSING_EVENTS: '末尾事件缺失',
  HEAD_MISMATCH: '与流头记录的哈希不符',
  MISSING_HEAD: '缺少流头',
  OUTSIDE_THE_ORDER: '事件在全局顺序中的位置被改动，摘要与投影均读不到它',
  POSITIONS_OUT_OF_ORDER: '事件在全局顺序中的位置与其在本事件流中的序号相矛盾',
  RECORDED_BEFORE_PREVIOUS: '事件自称录入于本事件流中前一事件之前（录入时间被倒填）',
} as const;

/** A findings filter that names no rule a finding carries (the list of those that do follows it). */
export const FINDING_RULE_MESSAGE = 'not a rule the findings carry; one of';

/** `data` left out of an event with no fields of its own (EVENTS.md "—"): it is still sent, as {}. */
export const NO_FIELDS_DATA_MESSAGE = 'required: an event with no fields of its own is sent with "data": {}';

/** Findings filtered by `orgUnitId` and by `township` (its contract name) with two different values. */
export const TOWNSHIP_FILTER_MESSAGE = 'orgUnitId and township name the same filter: give one of them (or the same value)';

/** Why a county-wide report refuses `township` (the report's query schema, and the API's refusal of the parameter). */
export const COUNTY_WIDE_REFUSAL = 'this report is county-wide: it takes no township (全县范围的报表，不按乡镇筛选)';

/**
 * The schemas' own messages in Chinese, for the pages that show a field's error (zod's built-in
 * messages are localised there by zod's zh-CN locale). A message prefixed with its field
 * ("cadreId: …", as the API answers) is named the same.
 */
export const SCHEMA_MESSAGES_ZH: Record<string, string> = {
  [NO_FIELDS_DATA_MESSAGE]: '必须填写：该类事项没有需要填写的内容，请写 "data": {}',
  [IDENTIFIER_MESSAGE]: '只能包含字母、数字及 _ . : -，且以字母或数字开头',
  [IDENTIFIER_FULL_WIDTH_MESSAGE]: '须以半角字母和数字输入（如 C01），不能用全角（如 Ｃ０１）',
  [CYCLE_FORMAT_MESSAGE]: '须为 1900–2999 年间的五年周期，如 2021-2025',
  [CYCLE_SPAN_MESSAGE]: '评选周期须跨五个自然年，如 2021-2025',
  [COMMENDED_CYCLE_REQUIRED_MESSAGE]: '表彰“优秀乡镇党委书记”须注明评选周期（如 2021-2025）',
  [COMMENDED_CYCLE_NOT_TAKEN_MESSAGE]: '其他表彰不填评选周期（评选周期仅用于“优秀乡镇党委书记”）',
  [CALENDAR_DATE_MESSAGE]: '须为有效日期（YYYY-MM-DD，1900–2999 年）',
  [YEAR_PARAM_MESSAGE]: '须为四位年份，如 2021（1900–2999 年）',
  [KNOWN_AT_MESSAGE]: '须为 ISO-8601 日期或时刻，如 2024-01-31（当日结束时，北京时间）或 2024-01-31T08:00:00+08:00',
  [TOWNSHIP_FILTER_MESSAGE]: 'orgUnitId 与 township 是同一筛选条件：只填其中一个（或填相同的值）',
  [COUNTY_WIDE_REFUSAL]: '该报表按全县统计，不按乡镇筛选，不接受 township',
  [CONTROL_CHARACTER_MESSAGE]: '不得包含控制字符',
  [SINGLE_LINE_MESSAGE]: '须为一行，不得含换行',
  [LONE_SURROGATE_MESSAGE]: '须为有效的 Unicode 文本（不得含孤立代理项）',
  [INPUT_PROBLEM_MESSAGES.TOO_DEEP]: `嵌套层级过深（至多 ${MAX_INPUT_DEPTH} 层）`,
  [INPUT_PROBLEM_MESSAGES.NUL]: '不得包含空字符（U+0000 无法存储）',
  [INPUT_PROBLEM_MESSAGES.CONTROL]: '除制表符和换行外，不得包含控制字符',
  [INPUT_PROBLEM_MESSAGES.FORMAT]: '不得包含不可见的格式字符（Unicode Cf 类：零宽字符如 U+200B、U+FEFF，文字方向控制符如 U+202E、U+2066）',
  [INPUT_PROBLEM_MESSAGES.BLANK]: '不能为空：只含空格、零宽字符或文字方向控制符等不可见字符',
  [INPUT_PROBLEM_MESSAGES.LONE_SURROGATE]: '须为有效的 Unicode 文本（不得含孤立代理项）',
  [NEW_EVENT_ID_MESSAGES.BLANK]: '不能为空：只含空格或不可见字符',
  [NEW_EVENT_ID_MESSAGES.EDGE_WHITE_SPACE]: '首尾不得有空格：带空格复制来的编号是另一个编号，同一事实再次发送时会被重复存储',
  [NEW_EVENT_ID_MESSAGES.FORMAT]: '不得包含不可见的格式字符（Unicode Cf 类，如 U+200B、U+202E）：看起来相同的编号实为另一个编号',
};

/** Messages that end with a list of what is allowed: their lead in Chinese, the list kept. */
const SCHEMA_MESSAGE_LEADS_ZH: ReadonlyArray<readonly [string, string]> = [[`${FINDING_RULE_MESSAGE}: `, '不是合规提示所用的规则编号，可选：']];

export function schemaMessageZh(message: string): string {
  const colon = message.indexOf(': ');
  const bare = colon > 0 && !message.slice(0, colon).includes(' ') ? message.slice(colon + 2) : message;
  const lead = SCHEMA_MESSAGE_LEADS_ZH.find(([en]) => bare.startsWith(en));
  if (lead) return `${lead[1]}${bare.slice(lead[0].length)}`;
  return SCHEMA_MESSAGES_ZH[bare] ?? SCHEMA_MESSAGES_ZH[message] ?? message;
}

const ZOD_TYPE_NAMES_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值 null',
  undefined: '空（未填写）',
  date: '日期',
  bigint: '整数',
  nan: '非数字',
};

/** zod's zh-CN words for a received type, back to the type (its TypeDictionary). */
const ZOD_ZH_TYPE_WORDS: Record<string, string> = { 数字: 'number', 数组: 'array', '空值(null)': 'null' };

/**
 * A zod issue in Chinese: the schemas' own messages by `schemaMessageZh`, zod's built-in ones by
 * zod's zh-CN locale (the one the web app configures), the received type of a wrong type named
 * from the English message (zod does not keep the input on the issue).
 */
export function zodIssueZh(issue: z.core.$ZodIssue, parsed?: { readonly input: unknown }): string {
  const text = (t: string | { message: string } | undefined | null) => (typeof t === 'string' ? t : t?.message);
  // zod's own words, in English or in the zh-CN locale the web app configures (there the issue's
  // message is zod's Chinese, "数值过大：期望 string <=200 字符", which named the type in English).
  const zhText = text(z.locales.zhCN().localeError(issue as never));
  const builtInText = [text(z.locales.en().localeError(issue as never)), zhText].includes(issue.message) ? issue.message : undefined;
  // The received type named by zod's English, or by its zh-CN locale (the web app's: “无效输入：期望 int，实际接收 数字”
  // was shown at a year typed 2024.5, found walking the app), whose own words for a type are mapped back.
  const wrongType = /^Invalid input: expected \w+, received (\w+)$/.exec(issue.message) ?? /^无效输入：期望 \w+，实际接收 (\S+)$/.exec(issue.message);
  if (issue.code === 'invalid_type' && wrongType) {
    const received = ZOD_ZH_TYPE_WORDS[wrongType[1]!] ?? wrongType[1]!;
    const expected = String(issue.expected);
    // A number with a fraction where a whole one is due: said as such, not as a wrong type.
    if (expected === 'int' && received === 'number') return '应为整数';
    // A field left out is said to be required, not a wrong type (“收到的是空（未填写）” read as a fault of the value).
    if (received === 'undefined') return '必须填写';
    return `类型不符：应为${ZOD_TYPE_NAMES_ZH[expected] ?? expected}，收到的是${ZOD_TYPE_NAMES_ZH[received] ?? received}`;
  }
  if ((issue.code === 'too_big' || issue.code === 'too_small') && builtInText === issue.message) return boundZh(issue);
  // zod's zh-CN says "出现未知的键(key)" and, of a discriminator, only "无效输入": the keys and the choices are named here.
  if (issue.code === 'unrecognized_keys') return `含有不接受的字段 ${issue.keys.map((k) => quoteInput(k)).join('、')}`;
  // zod's zh-CN lists an enum's values as a code fragment (无效选项：期望以下之一 "open"|"decided"): named as a list.
  if (issue.code === 'invalid_value' && builtInText === issue.message && issue.values.length > 0) {
    // zod says a left-out choice is an invalid value: with the input at hand, said to be required (found by a review: a grade left out read 取值无效).
    const leftOut = parsed !== undefined && valueAt(parsed.input, issue.path) === undefined;
    return `${leftOut ? '必须填写' : '取值无效'}，可选：${issue.values.map(String).join('、')}`;
  }
  const options = issue.code === 'invalid_union' ? (issue as { options?: unknown }).options : undefined;
  if (Array.isArray(options) && issue.message.startsWith(DISCRIMINATOR_MISSING_LEAD)) return `必须填写，可选：${options.map(String).join('、')}`;
  if (Array.isArray(options) && options.length > 0 && builtInText === issue.message) return `取值无效，可选：${options.map(String).join('、')}`;
  const days = /^at most (\d+) days$/.exec(issue.message);
  if (days) return `至多 ${days[1]} 天`;
  if (builtInText === issue.message && zhText) return zhText;
  return schemaMessageZh(issue.message);
}

/** The value at an issue's path in the parsed input (undefined when any step is missing). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A size or value bound zod's own words state ("Too big: expected string to have <=200 characters"), as a clerk reads it. */
function boundZh(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const bound = String(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (!big && bound === '1') return '不能为空';
    return big ? `长度不能超过 ${bound} 个字符` : `长度至少 ${bound} 个字符`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') return big ? `至多 ${bound} 项` : `至少 ${bound} 项`;
  if (big) return inclusive ? `不能大于 ${bound}` : `须小于 ${bound}`;
  return inclusive ? `不能小于 ${bound}` : `须大于 ${bound}`;
}
