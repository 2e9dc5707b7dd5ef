/**
 * The help people read (`ledger --help`, `ledger <command> --help`, `ledger help <command>`) is in
 * Chinese: every command and subcommand of the program is walked, and every description, option
 * and argument description and section title of its help must say something in Chinese. Option
 * flags, ids and codes (`--json`, `team-composition`, TM6b, CLERK, YYYY-MM-DD) stay as they are.
 */
import type { Command, Help } from 'commander';
import { REPORT_NAMES } from '@ledger/projections';
import { runCli } from '../../../test/support/run-cli';
import { buildProgram } from './program';

const HAN = /\p{Script=Han}/u;

/** The command and every command under it, depth first. */
const commandsOf = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(commandsOf)];

const pathOf = (cmd: Command): string => (cmd.parent ? `${pathOf(cmd.parent)} ${cmd.name()}` : cmd.name());

/** A help as printed to a terminal `width` columns wide, without colours. */
function helpAt(cmd: Command, width: number): string {
  cmd.configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => false });
  return cmd.helpInformation();
}

/** Words that are names, not English: the commands' names, the report names and other values an option takes. */
function namesIn(program: Command): Set<string> {
  const names = new Set<string>(REPORT_NAMES);
  for (const cmd of commandsOf(program)) {
    names.add(cmd.name());
    for (const option of cmd.options) for (const choice of option.argChoices ?? []) names.add(choice);
  }
  return names;
}

/** Punctuation around a word, ASCII and full-width. */
const AROUND = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const WORD = /^[A-Za-z]+(?:[’'][a-z]+)?$/;

/** An English word: letters only, with a lowercase one (TM, JSON, CLERK are codes), and not a name the CLI uses. */
const isEnglishWord = (token: string, names: Set<string>): boolean => {
  const bare = token.replace(AROUND, '');
  return WORD.test(bare) && /[a-z]/.test(bare) && !names.has(bare);
};

/** A text saying something in English: two English words in a row ("machine-readable output (the API’s JSON)"). */
function englishPhrase(text: string, names: Set<string>): string | null {
  const tokens = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (isEnglishWord(tokens[i]!, names) && isEnglishWord(tokens[i + 1]!, names)) return `${tokens[i]} ${tokens[i + 1]}`;
  }
  return null;
}

/** A line of help without a Chinese character, made of something other than flags, placeholders, names and codes. */
function englishOnlyLine(line: string, names: Set<string>): boolean {
  if (line.trim() === '' || HAN.test(line)) return false;
  return line
    .split(/[\s、，；：（）|,()]+/)
    .filter(Boolean)
    .some((token) => !/^-/.test(token) && !/^[<[]/.test(token) && isEnglishWord(token, names));
}

describe('the CLI’s help, every command and subcommand, in Chinese', () => {
  const program = buildProgram();
  const commands = commandsOf(program);
  const names = namesIn(program);

  it('walks every command and subcommand of the program', () => {
    const paths = commands.map(pathOf);
    expect(paths).toEqual(expect.arrayContaining(['ledger', 'ledger import', 'ledger report', 'ledger token create', 'ledger projections rebuild', 'ledger verify-export']));
    expect(paths.length).toBeGreaterThan(20);
  });

  it.each(commands.map((cmd) => [pathOf(cmd), cmd] as const))('%s: its description, every option’s and every argument’s in Chinese, no English sentence', (_, cmd) => {
    const helper: Help = cmd.createHelp();
    const described: [string, string][] = [
      ['description', cmd.description()],
      ...helper.visibleOptions(cmd).map((o): [string, string] => [o.flags, helper.optionDescription(o)]),
      ...cmd.registeredArguments.map((a): [string, string] => [`<${a.name()}>`, helper.argumentDescription(a)]),
      ...helper.visibleCommands(cmd).map((c): [string, string] => [`${c.name()} (subcommand)`, helper.subcommandDescription(c)]),
    ];
    for (const [what, text] of described) {
      expect([what, text, HAN.test(text)]).toEqual([what, text, true]);
      expect([what, text, englishPhrase(text, names)]).toEqual([what, text, null]);
    }
  });

  it.each([40, 80, 200])('no line of any help %i columns wide is English only: titles, usage, the help option and command included', (width) => {
    for (const cmd of commands) {
      const help = helpAt(cmd, width);
      const english = help.split('\n').filter((line) => englishOnlyLine(line, names));
      expect([pathOf(cmd), english]).toEqual([pathOf(cmd), []]);
      expect(help).not.toMatch(/\b(Usage|Options|Commands|Arguments):/);
      expect(help).not.toMatch(/\[options\]|\[command\]|\b(choices|default):/);
    }
  });

  it('as the real CLI prints it: the program, a subcommand’s subcommand, `help <command>`, and the help after an error', async () => {
    const [top, create, report, missing] = await Promise.all([runCli(['--help']), runCli(['token', 'create', '--help']), runCli(['help', 'report']), runCli(['import'])]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^用法：ledger \[选项\] \[命令\]\n/);
    expect(top.stdout).toContain('\n选项：\n  -h, --help');
    expect(top.stdout).toMatch(/\n命令：\n/);
    expect(top.stdout).toMatch(/\n {2}help \[命令\] +显示某一命令的帮助\n/);
    expect(create.stdout).toMatch(/^用法：ledger token create \[选项\]\n/);
    expect(report.stdout).toMatch(/^用法：ledger report \[选项\] <name>\n/);
    expect(report.stdout).toContain('\n参数：\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^错误：缺少参数 file \(missing required argument\)\n/);
    expect(missing.stderr).toContain('用法：ledger import [选项] <file>');
    for (const out of [top.stdout, create.stdout, report.stdout, missing.stderr.split('\n').slice(1).join('\n')]) {
      expect(out.split('\n').filter((line) => englishOnlyLine(line, names))).toEqual([]);
    }
  });
});
