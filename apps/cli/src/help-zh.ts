/**
 * The CLI's help in Chinese (`ledger --help`, `ledger <command> --help`, `ledger help <command>`):
 * commander's own words — the section titles, the `[options]`/`[command]` placeholders, the help
 * option and command, an option's choices and default — said in Chinese, and its layout measured
 * as a terminal draws Chinese: a Chinese character takes two columns, and a line may break between
 * two of them (commander counts one column a character and breaks only at spaces, so a Chinese
 * description ran past the edge of the terminal). Configured once on the program (program.ts);
 * every command made from it inherits the configuration (commander's copyInheritedSettings).
 */
import { type Argument, type Command, Help, type HelpConfiguration, InvalidArgumentError, Option } from 'commander';
import { displayWidth, WIDE_RANGES } from './table';

/** commander's section titles (the words it passes to styleTitle). */
export const HELP_TITLES_ZH: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

/** The placeholders commander writes into a usage line and into the list of commands. */
export const HELP_PLACEHOLDERS_ZH: Readonly<Record<string, string>> = { '[options]': '[选项]', '[command]': '[命令]' };

/** `-h, --help` and the `help [command]` command, in the same words. */
export const HELP_OPTION_ZH = '显示帮助';
export const HELP_COMMAND_ZH = '显示某一命令的帮助';

/** `--json`: the API's JSON where the command answers what an API route answers, otherwise the command's own. */
export const JSON_AS_API_ZH = '机器可读输出（与 API 相同的 JSON）';
export const JSON_ZH = '机器可读输出（JSON）';

/** Punctuation a line may not end with (opening) or start with (closing). */
const OPENING = '（「『“‘《【〔';
const CLOSING = '，。、；：！？）」』”’》】〕…';
/**
 * The pieces a line may break between: a Chinese character, or a run of other non-space characters
 * (a word, a flag, an id), with its opening punctuation before it and its closing punctuation after
 * it, each with the spaces before it.
 */
const BREAKABLE_PIECE = new RegExp(`\\s*[${OPENING}]*(?:[${WIDE_RANGES}]|[^\\s${WIDE_RANGES}]+)[${CLOSING}]*`, 'gu');
/** The columns a string takes in a terminal: the tables' measure (table.ts). */
export const displayWidthZh = displayWidth;

/**
 * `text` wrapped to `width` columns at a space or between Chinese characters, never before closing
 * punctuation nor after opening punctuation; a piece wider than the line is left whole. Line breaks
 * already in the text are kept.
 */
export function wrapZh(text: string, width: number): string {
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      const pieces = line.match(BREAKABLE_PIECE);
      if (!pieces) return '';
      const lines: string[] = [];
      let current = pieces[0]!;
      for (const piece of pieces.slice(1)) {
        if (displayWidthZh(current + piece) <= width) {
          current += piece;
          continue;
        }
        lines.push(current);
        current = piece.trimStart();
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}

const valueZh = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** An option's or an argument's description with its choices and default in Chinese; choices the description names already are not listed again. */
function withValuesZh(description: string, item: { argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string }, showDefault: boolean): string[] {
  const extra: string[] = [];
  if (item.argChoices && !item.argChoices.every((choice) => description.includes(choice))) extra.push(`可选：${item.argChoices.join('、')}`);
  if (item.defaultValue !== undefined && showDefault) extra.push(`默认：${item.defaultValueDescription || valueZh(item.defaultValue)}`);
  return extra;
}

const joinZh = (description: string, extra: string[]): string => (extra.length === 0 ? description : `${description}（${extra.join('；')}）`);

const placeholdersZh = (term: string): string =>
  term
    .split(' ')
    .map((word) => HELP_PLACEHOLDERS_ZH[word] ?? word)
    .join(' ');

/** The overrides of commander's Help (`program.configureHelp(HELP_ZH)`); each is one of Help's documented methods. */
export const HELP_ZH: HelpConfiguration = {
  styleTitle: (title: string) => HELP_TITLES_ZH[title] ?? title,
  commandUsage(this: Help, cmd: Command) {
    return placeholdersZh(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(this: Help, cmd: Command) {
    return placeholdersZh(Help.prototype.subcommandTerm.call(this, cmd));
  },
  optionDescription(option: Option) {
    // As commander: a default is shown for an option taking a value, or a boolean one given a boolean default.
    const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
    const extra = withValuesZh(option.description, option, showDefault);
    if (option.presetArg !== undefined && option.optional) extra.push(`不带取值时为：${valueZh(option.presetArg)}`);
    if (option.envVar !== undefined) extra.push(`环境变量：${option.envVar}`);
    return joinZh(option.description, extra);
  },
  argumentDescription(argument: Argument) {
    return joinZh(argument.description, withValuesZh(argument.description, argument, true));
  },
  displayWidth: displayWidthZh,
  boxWrap(this: Help, text: string, width: number) {
    return width < this.minWidthToWrap ? text : wrapZh(text, width);
  },
  formatHelp(this: Help, cmd: Command, helper: Help) {
    // "用法：ledger …": a full-width colon needs no space after it.
    return Help.prototype.formatHelp.call(this, cmd, helper).replace(`${HELP_TITLES_ZH['Usage:']} `, HELP_TITLES_ZH['Usage:']!);
  },
};

/** Chinese help, commander's help option and help command in Chinese: for the program, before its commands are made (they copy it). */
export function helpInChinese(program: Command): Command {
  return program.configureHelp(HELP_ZH).helpOption('-h, --help', HELP_OPTION_ZH).helpCommand('help [command]', HELP_COMMAND_ZH);
}

/**
 * An option whose values are a fixed list of upper-case codes (a role), taken in any case as the API
 * and the other options take theirs (found by a CLI review: --as admin refused, --rule tm4 taken). A
 * value outside the list is refused as commander refuses a choice, so the message reads the same.
 */
export function upperCaseChoice(option: Option, choices: readonly string[]): Option {
  return option.choices(choices).argParser((value: string) => {
    const upper = value.toUpperCase();
    if (!choices.includes(upper)) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    return upper;
  });
}
