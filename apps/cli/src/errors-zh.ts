/**
 * What the CLI says when it stops, in Chinese first with the English in parentheses (for scripts
 * and for searching): a rule's refusal, commander's own messages (an unknown option, an invalid
 * choice), and every other error as the API and the projector say it at start (startFailureText in
 * libs/runtime: the file-system errors Node raises on a path the user gave, a database that cannot
 * be reached or refuses the login…). Found 2026-12-02: these reached the user as raw English
 * (`EISDIR: illegal operation on a directory, open …`).
 */
import { startFailureText } from '@ledger/runtime';
import { DomainError } from '@ledger/domain';

/** An error met opening one of several stores (migrate-store), marked with which one, said first. */
export function onConnection<T>(settingZh: string, open: () => Promise<T>): Promise<T> {
  return open().catch((error: unknown) => {
    if (error instanceof Error) Object.assign(error, { connectionZh: settingZh });
    throw error;
  });
}

/** An error's message as the CLI prints it after `错误：` (ERROR_PREFIX_ZH): the same text as the API's and the projector's (startFailureText). */
export function cliErrorMessageZh(error: unknown): string {
  // A rule's refusal: its Chinese detail, the code and the English beside it.
  if (error instanceof DomainError) return `${error.messageZh} (${error.code}: ${error.message})`;
  return startFailureText(error);
}

/** commander's error lines (they start `error: `), said in Chinese; other output as it is. */
export function commanderOutputZh(text: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [/^error: unknown option '([^']*)'(?:\n\(Did you mean ([^)]*)\?\))?/, (o, hint) => `错误：没有选项 ${o}${hint ? `，是否想用 ${hint}？` : ''} (unknown option)`],
    [/^error: unknown command '([^']*)'(?:\n\(Did you mean ([^)]*)\?\))?/, (c, hint) => `错误：没有命令 ${c}${hint ? `，是否想用 ${hint}？` : ''} (unknown command)`],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are ([^.]*)\./, (o, v, choices) => `错误：选项 ${o} 的值 ${v} 无效，可选：${choices.split(', ').join('、')} (invalid choice)`],
    // Any other refused value: the option's own parser says why (found by a review: generate's were English only).
    [/^error: option '([^']*)' argument '([^']*)' is invalid\. (.+)/, (o, v, why) => `错误：选项 ${o} 的值 ${v} 无效：${why}`],
    [/^error: option '([^']*)' argument missing/, (o) => `错误：选项 ${o} 缺少取值 (argument missing)`],
    [/^error: missing required argument '([^']*)'/, (a) => `错误：缺少参数 ${a} (missing required argument)`],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (c, n, got) => `错误：参数过多${c ? `（${c}）` : ''}：应为 ${n} 个，收到 ${got} 个 (too many arguments)`],
    [/^error: required option '([^']*)' not specified/, (o) => `错误：缺少必需的选项 ${o} (required option)`],
    [/^error: option '([^']*)' cannot be used with option '([^']*)'/, (a, b) => `错误：选项 ${a} 与 ${b} 不能同时使用 (conflicting options)`],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(text);
    if (m) return `${say(...m.slice(1).map((g) => g ?? ''))}\n${text.slice(m[0].length).replace(/^\n/, '')}`;
  }
  return text;
}

/** A usage error of commander's (unknown option, missing argument…) as `--json` callers read every error: `{error: {code: 'USAGE', message}}`. */
export function commanderUsageErrorJson(text: string): string {
  return JSON.stringify({ error: { code: 'USAGE', message: commanderOutputZh(text).trim() } });
}

/**
 * The error as `--json` callers read it, on stderr: one JSON line `{error: {code, message, …}}`
 * (a domain error's own fields: rule, kind, field); the exit code is the same as without --json
 * (found by a review: a script asking for JSON got a Chinese sentence).
 */
export function cliErrorJson(error: unknown): string {
  const own = error instanceof Error && typeof (error as { toJSON?: unknown }).toJSON === 'function' ? ((error as unknown as { toJSON(): object }).toJSON() as Record<string, unknown>) : {};
  const code = typeof own.code === 'string' ? own.code : typeof (error as NodeJS.ErrnoException)?.code === 'string' ? (error as NodeJS.ErrnoException).code : 'ERROR';
  // A domain error keeps its English message (and its messageZh beside it, from toJSON).
  return JSON.stringify({ error: { ...own, code, message: error instanceof DomainError ? error.message : cliErrorMessageZh(error) } });
}
