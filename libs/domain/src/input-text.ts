/**
 * Untrusted text at the boundary: how much of it an error may quote, and which characters an
 * identifier may hold. One place, so every error and every id follows the same limits.
 */
import { z } from 'zod';

/** At most this many characters of caller input appear in any error message. */
export const MAX_QUOTED_INPUT = 80;

/**
 * The first `max` UTF-16 units of `text`, one fewer when the last would be half a surrogate pair: a
 * cut text stays storable (a lone surrogate is refused by the store) and within a length limit
 * counted in UTF-16 units, as zod's and the store's are. A name's 𠀀 (CJK Extension B) is two units.
 */
export function cutWholeCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** A caller's value as an error quotes it: at most 80 characters, then `…(N chars)`. */
export function quoteInput(value: unknown, max = MAX_QUOTED_INPUT): string {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= max) return text;
  return `${cutWholeCharacters(text, max)}…(${text.length} chars)`;
}

/**
 * The safety net for messages built elsewhere (a library's, or one quoting an id): any run of
 * more than 80 non-space characters — a quoted value — is cut to 80 by `quoteInput`.
 */
export function clampQuotedInput(message: string): string {
  return message.length <= MAX_QUOTED_INPUT ? message : message.replace(/\S{81,}/g, clampRun);
}

/** A run cut already (`…(206 chars)`) is left as it is: clamping twice must not cut the cut (found by a review). */
function clampRun(run: string, offset: number, whole: string): string {
  return /…\(\d+$/.test(run) && whole.startsWith(' chars)', offset + run.length) ? run : quoteInput(run);
}

/**
 * The same net for a Chinese message: Chinese text is written without spaces, so a run is cut at
 * Chinese characters and punctuation too; what is quoted (ids, values, a type as typed) is clamped
 * as `clampQuotedInput` clamps it in the English.
 */
export function clampQuotedInputZh(message: string): string {
  return message.length <= MAX_QUOTED_INPUT ? message : message.replace(/[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]{81,}/gu, clampRun);
}

/** C0/C1 control characters (U+0000–U+001F, U+007F–U+009F). */
const CONTROL = /\p{Cc}/u;
/** A lone surrogate: a string JSON can carry (`"\ud800"`) but UTF-8 cannot encode. */
const LONE_SURROGATE = /\p{Cs}/u;

export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

export function isWellFormedUnicode(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Text the store can keep as given: no control character (PostgreSQL refuses NUL), no lone surrogate. */
export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';
/** A name or a document reference is one line: no LF, CR, U+2028 or U+2029 (free text, a reason or grounds, may hold them). */
export const SINGLE_LINE_MESSAGE = 'must be one line (no line break)';
const LINE_BREAK = /[\n\r\u2028\u2029]/;
export const isSingleLine = (text: string): boolean => !LINE_BREAK.test(text);
export const LONE_SURROGATE_MESSAGE = 'must be valid Unicode (no lone surrogate)';

function storableText(schema: z.ZodString) {
  return schema.refine((s) => !hasControlCharacter(s), CONTROL_CHARACTER_MESSAGE).refine(isWellFormedUnicode, LONE_SURROGATE_MESSAGE);
}

/** An event id (an import line's `id`, a retraction's or an appeal's target): 1–200 characters, no control character. */
export const eventIdSchema = storableText(z.string().min(1).max(200));

/** Why a new event's id is refused (NEW_EVENT_ID_MESSAGES), beyond eventIdSchema. */
export type NewEventIdProblem = 'BLANK' | 'EDGE_WHITE_SPACE' | 'FORMAT';

export const NEW_EVENT_ID_MESSAGES: Record<NewEventIdProblem, string> = {
  BLANK: 'must not be blank (white space or invisible characters only)',
  EDGE_WHITE_SPACE: 'must not begin or end with white space: an id copied with a trailing space is another id, and a fact sent again under it would be stored twice',
  FORMAT: 'must not contain invisible format characters (Unicode category Cf, such as U+200B or U+202E): an id that looks the same is another id',
};

/**
 * An id a new command gives its event (`id`, RULE_I_SCHEMA): what eventIdSchema takes, and neither
 * blank, nor edged with white space, nor holding a format character. The id is what makes sending
 * a fact again a no-op (EVENTS.md), and "rvb-h11 ", "rvb-h11\u200b" and "rvb-h11" looked alike in
 * every table but were three ids: the same training stored three times (found by an import review).
 * References to stored events (`targetEventId`) keep eventIdSchema alone: an id stored before this
 * check must stay reachable by a retraction or an appeal.
 */
export function newEventIdProblem(id: string): NewEventIdProblem | undefined {
  if (ONLY_INVISIBLE.test(id)) return 'BLANK';
  if (/^\s|\s$/u.test(id)) return 'EDGE_WHITE_SPACE';
  return ANY_FORMAT_CHARACTER.test(id) ? 'FORMAT' : undefined;
}

/**
 * Free text a caller searches by (a query parameter such as the roster's `search`): trimmed, at
 * most `max` characters, no control character, well-formed. PostgreSQL refuses NUL in any text, so
 * such a value must fail here, as a 400 naming the parameter, not at the database as a 500.
 */
export function queryTextSchema(max: number) {
  return storableText(z.string().trim().max(max));
}

/**
 * How deep a caller's JSON may nest, the command itself being the first level (the stores refuse
 * event data nested deeper than this too, validate-new-event.ts). A walk over accepted input never
 * runs out of stack: an import line of 10,000 nested arrays had stopped the whole import.
 */
export const MAX_INPUT_DEPTH = 32;

/** What a command's text is told when `firstInputProblem` finds one (named in Chinese by SCHEMA_MESSAGES_ZH). */
export const INPUT_PROBLEM_MESSAGES: Record<InputProblem['reason'], string> = {
  TOO_DEEP: `nested too deeply (at most ${MAX_INPUT_DEPTH} levels)`,
  NUL: 'must not contain NUL characters (U+0000 cannot be stored)',
  CONTROL: 'must not contain control characters other than tab and line breaks (U+0001–U+001F, U+007F–U+009F)',
  FORMAT: 'must not contain invisible format characters (Unicode category Cf: zero-width characters such as U+200B and U+FEFF, direction controls such as U+202E and U+2066)',
  BLANK: 'must not be empty: it holds only invisible characters (spaces, zero-width characters, direction controls)',
  LONE_SURROGATE: 'must be valid Unicode (a lone surrogate cannot be stored)',
};

export interface InputProblem {
  /** Where: the keys from the root (array indexes as text). */
  readonly path: string[];
  readonly reason: 'LONE_SURROGATE' | 'NUL' | 'CONTROL' | 'FORMAT' | 'BLANK' | 'TOO_DEEP';
}

/**
 * C0 and C1 control characters but TAB, LF and CR (multi-line reasons keep their line breaks):
 * ESC, backspace, CSI and their kin rewrite the terminal a CLI table is read on (found by a review:
 * a cadre's name forged a row of `ledger history`).
 */
const CONTROL_BUT_LINE_BREAKS = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Unicode format characters (category Cf): zero-width characters (U+200B–U+200F, U+2060, U+FEFF),
 * direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and their kin. They
 * show nothing: a name of U+200B alone passed as not empty where "   " was refused, "张\u200b三"
 * is another cadre than "张三" to a search, and U+202E reorders the terminal line a CLI table is
 * read on (found by an API review). Refused in a command's text as control characters are.
 */
const ANY_FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTER = /(?![\u200c\u200d\u180e])\p{Cf}/u;
// Kept inside text: the zero-width non-joiner and joiner (U+200C, U+200D), which Arabic-script
// (Uyghur) and Indic writing need, and the Mongolian vowel separator (U+180E); alone, still empty.
/** Nothing a reader sees: white space and format characters only (JS `\s` includes U+FEFF and U+3000). */
const ONLY_INVISIBLE = /^[\s\p{Cf}]*$/u;

/**
 * Why a string cannot be stored as given: a lone surrogate (not UTF-8), a NUL (PostgreSQL refuses
 * it in text and JSON), another control character (CONTROL_BUT_LINE_BREAKS), a format character
 * (FORMAT_CHARACTER): said as empty when the string holds nothing visible besides, so U+200B alone
 * is refused as "   " is, as empty.
 */
function textProblem(text: string, identifier = false): InputProblem['reason'] | undefined {
  if (!isWellFormedUnicode(text)) return 'LONE_SURROGATE';
  if (text.includes('\u0000')) return 'NUL';
  if (CONTROL_BUT_LINE_BREAKS.test(text)) return 'CONTROL';
  if (identifier || !ANY_FORMAT_CHARACTER.test(text)) return undefined;
  if (ONLY_INVISIBLE.test(text)) return 'BLANK';
  return FORMAT_CHARACTER.test(text) ? 'FORMAT' : undefined;
}

/**
 * An id or a reference to one (`id`, `cadreId`, `targetEventId`, `sanctionId`…): its own schema
 * decides what it may hold, and an event id stored before the format-character rule must stay
 * reachable by a retraction, an appeal or a re-sent command (found by a diff review: a stored
 * "E-1\u200b" could no longer be retracted).
 */
const isIdentifierKey = (key: string | undefined): boolean => key !== undefined && (key === 'id' || key.endsWith('Id'));

/**
 * The first string (key or value) in `value` the store cannot keep as given (a lone surrogate, a
 * NUL, another control or a format character), or the first object or array nested deeper than MAX_INPUT_DEPTH; undefined when there is
 * none. Checked where input is parsed, so a dry run refuses what the real write would (found
 * 2026-12-02: a NUL passed a dry-run import and failed the real one, at the store).
 */
export function firstInputProblem(value: unknown, path: readonly string[] = []): InputProblem | undefined {
  return problemBelow(value, [...path]);
}

/**
 * `firstInputProblem`'s walk, on one path array pushed and popped as it goes (copied only into a
 * problem found): every API body and import line passes here, and a copy of the path per key was
 * 6 % of an import's allocations (a sampling profile, 2026-12-06).
 */
function problemBelow(value: unknown, path: string[]): InputProblem | undefined {
  if (typeof value === 'string') {
    const reason = textProblem(value, isIdentifierKey(path[path.length - 1]));
    return reason ? { path: [...path], reason } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (path.length >= MAX_INPUT_DEPTH) return { path: [...path], reason: 'TOO_DEEP' };
  for (const key of Object.keys(value)) {
    const keyReason = textProblem(key);
    if (keyReason) return { path: [...path, quoteInput(key)], reason: keyReason };
    path.push(key);
    const found = problemBelow((value as Record<string, unknown>)[key], path);
    path.pop();
    if (found) return found;
  }
  return undefined;
}

/** V8's JSON.parse messages (Node 20), in the department's words; `{n}` is the 1-based character. */
const JSON_SYNTAX_ZH: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, at: string) => string]> = [
  [/^Unexpected end of JSON input/, () => '内容在结束前中断（缺少右括号、右方括号或引号）'],
  [/^Expected property name or '\}' in JSON/, (_, at) => `${at}应为带双引号的字段名或 }`],
  [/^Expected double-quoted property name in JSON/, (_, at) => `${at}应为带双引号的字段名（可能多了一个逗号）`],
  [/^Unexpected non-whitespace character after JSON/, (_, at) => `${at}起在 JSON 结束后还有多余内容（一行只能有一个 JSON 对象）`],
  [/^Unterminated string in JSON/, (_, at) => `${at}起的字符串缺少结尾的双引号`],
  [/^Bad escaped character in JSON/, (_, at) => `${at}的转义序列无效`],
  [/^Bad control character in string literal in JSON/, (_, at) => `${at}的字符串中有控制字符（如制表符、换行），须写成转义形式`],
  [/^No number after minus sign in JSON/, (_, at) => `${at}负号后缺少数字`],
  [/^Exponent part is missing a number in JSON/, (_, at) => `${at}数字的指数部分缺少数字`],
  [/^Unterminated fractional number in JSON/, (_, at) => `${at}小数点后缺少数字`],
  [/^Expected ':' after property name in JSON/, (_, at) => `${at}字段名后应为冒号`],
  [/^Expected ',' or '\}' after property value in JSON/, (_, at) => `${at}字段值后应为逗号或 }`],
  [/^Expected ',' or '\]' after array element in JSON/, (_, at) => `${at}数组元素后应为逗号或 ]`],
  [/^Unexpected token '?(.)'?/u, (m, at) => `${at}出现意外的字符“${m[1]}”`],
];

/**
 * What JSON.parse (or body-parser, which uses it) found wrong, in Chinese, with the character it
 * points at: its messages are English (a line was refused as “该行不是 JSON 对象（解析器报告：
 * Unexpected non-whitespace character after JSON at position 80）” alone). A message not in the
 * table is said as a syntax error; callers keep the parser's own words beside it.
 */
export function jsonSyntaxErrorZh(parserMessage: string): string {
  const position = /at position (\d+)/.exec(parserMessage);
  const at = position ? `第 ${Number(position[1]) + 1} 个字符处` : '';
  for (const [pattern, say] of JSON_SYNTAX_ZH) {
    const m = pattern.exec(parserMessage);
    if (m) return say(m, at);
  }
  return 'JSON 语法错误';
}

/**
 * A name given twice in one object of a JSON text: where (the keys from the root, array indexes as
 * text, the repeated name last). JSON.parse keeps the last value of a repeated name (RFC 8259 §4
 * leaves it to the reader), so `{"cadreId":"C1",…,"cadreId":"C2"}` was written for C2 while the
 * line, read by a person or another tool, also says C1: refused instead, at every way in.
 */
export interface RepeatedKey {
  readonly path: string[];
}

/**
 * How many names valid JSON text gives: an unescaped `"` followed by `:` ends a name, and nothing
 * else: a `"` inside a string is escaped (an odd run of backslashes before it), and a value's
 * closing quote is followed by `,`, `}`, `]` or the end. Each `:` is looked at from where it is
 * (a regular expression over the whole line took twice as long).
 */
function namesWritten(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let quote = colon - 1;
    while (quote >= 0 && isJsonSpace(text.charCodeAt(quote))) quote--;
    if (text.charCodeAt(quote) !== 0x22) continue;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * The first repeated name in `text`, which JSON.parse turned into `parsed` (so it is valid JSON),
 * or undefined. Cheap when there is none, as on nearly every line: the names in the text are
 * counted by one regular expression and compared with the names `parsed` holds; only a difference
 * walks the text to say where. Input nested deeper than MAX_INPUT_DEPTH is walked at once: a
 * command line is refused for its depth anyway, but a digest or an audit export has no such rule
 * (found by a review: a digest giving `hash` twice passed once it held anything 32 levels deep).
 */
export function firstRepeatedKey(text: string, parsed: unknown): RepeatedKey | undefined {
  const held = namesHeld(parsed, 0);
  if (held === undefined) return repeatedKeyIn(text);
  return namesWritten(text) === held ? undefined : repeatedKeyIn(text);
}

/** What a refused repeat is told, in English and Chinese: the name and where it is. */
export function repeatedKeyMessages(repeat: RepeatedKey): { field: string; message: string; messageZh: string } {
  const field = quoteInput(repeat.path.join('.'));
  const name = quoteInput(repeat.path[repeat.path.length - 1] ?? '');
  return {
    field,
    message: `the name "${name}" is given twice in one object (at ${field}); JSON would keep only the last value, so it is refused rather than guessed`,
    messageZh: `字段名“${name}”在同一对象中出现两次（位置 ${field}）：一个字段只能有一个值，台账不猜测取哪一个，请删去多余的一个`,
  };
}

/** How many names the objects in `value` hold, or undefined past MAX_INPUT_DEPTH. */
function namesHeld(value: unknown, depth: number): number | undefined {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth >= MAX_INPUT_DEPTH) return undefined;
  const inner = Array.isArray(value) ? value : Object.values(value);
  let count = Array.isArray(value) ? 0 : inner.length;
  for (const v of inner) {
    const n = namesHeld(v, depth + 1);
    if (n === undefined) return undefined;
    count += n;
  }
  return count;
}

interface OpenValue {
  /** An object's names so far; undefined for an array. */
  readonly names?: Set<string>;
  /** The object's current name, or the array's current index. */
  at: string | number;
  /** An object: the next string is a name (after `{` or `,`, until `:`). */
  expectingName: boolean;
}

/**
 * Walks valid JSON text without recursion (a line may nest 100,000 deep) to the first repeated name,
 * in time linear in the text: a value's path is the open values' current names and indexes, read
 * off the stack only for the repeat found (copied per level opened, a 10,000-deep body took 13 s of
 * the API's CPU before authentication; found by a review).
 */
function repeatedKeyIn(text: string): RepeatedKey | undefined {
  const open: OpenValue[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = open[open.length - 1];
      if (top?.names && top.expectingName) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.names.has(name)) return { path: [...open.slice(0, -1).map((o) => String(o.at)), name] };
        top.names.add(name);
        top.at = name;
      }
      i = end;
    } else if (c === '{') {
      open.push({ names: new Set(), at: '', expectingName: true });
    } else if (c === '[') {
      open.push({ at: 0, expectingName: false });
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      const top = open[open.length - 1]!;
      if (top.names) top.expectingName = true;
      else top.at = (top.at as number) + 1;
    } else if (c === ':') {
      open[open.length - 1]!.expectingName = false;
    }
  }
  return undefined;
}
