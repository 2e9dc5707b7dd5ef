import { Command, Option } from 'commander';
import { displayWidthZh, helpInChinese, wrapZh } from './help-zh';

describe('the help’s layout, measured as a terminal draws Chinese', () => {
  it('counts a Chinese character and full-width punctuation two columns, colour codes none', () => {
    expect(displayWidthZh('导入 NDJSON')).toBe(11);
    expect(displayWidthZh('（可选：CLERK）')).toBe(15);
    expect(displayWidthZh('\u001b[1m台账\u001b[22m')).toBe(4);
  });

  it('breaks a line between Chinese characters or at a space, never before closing punctuation nor after opening punctuation', () => {
    const text = '导入 NDJSON 文件（每行一条命令，规则与接口相同；重复导入不会重复写入）；有被拒绝的行时退出码为 4';
    for (const width of [12, 16, 20, 24, 30]) {
      const lines = wrapZh(text, width).split('\n');
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const line of lines) {
        expect([line, displayWidthZh(line) <= width]).toEqual([line, true]);
        expect(line).not.toMatch(/^[，。、；：）]/);
        expect(line).not.toMatch(/[（]$/);
      }
    }
  });

  it('leaves a word, a flag or an id wider than the line whole, and keeps the line breaks given', () => {
    expect(wrapZh('见 --against-ledger 选项', 10)).toBe('见\n--against-ledger\n选项');
    expect(wrapZh('第一行\n第二行', 40)).toBe('第一行\n第二行');
  });
});

describe('commander’s own words in Chinese, inherited by every command', () => {
  const program = helpInChinese(new Command('ledger'));
  const sub = program.command('sub').description('子命令').argument('<file>', '文件').option('--json', '机器可读输出');
  sub.addOption(new Option('--as <role>', '角色').choices(['CLERK', 'ADMIN']).default('CLERK'));
  sub.option('--batch-size <n>', '每批的事件数', '500');
  const nested = program.command('group').description('一组命令');
  nested.command('leaf').description('叶子命令');

  it('titles, placeholders, the help option and the help command', () => {
    const top = program.helpInformation();
    expect(top).toMatch(/^用法：ledger \[选项\] \[命令\]\n/);
    expect(top).toContain('\n选项：\n  -h, --help');
    expect(top).toContain('显示帮助');
    expect(top).toMatch(/\n命令：\n {2}sub \[选项\] <file> +子命令\n/);
    expect(top).toMatch(/ {2}help \[命令\] +显示某一命令的帮助\n/);
    expect(sub.helpInformation()).toContain('\n参数：\n  file');
    expect(nested.helpInformation()).toMatch(/^用法：ledger group \[选项\] \[命令\]\n[\s\S]*help \[命令\] +显示某一命令的帮助/);
    expect(nested.commands[0]!.helpInformation()).toMatch(/^用法：ledger group leaf \[选项\]\n[\s\S]*-h, --help +显示帮助/);
  });

  it('an option’s choices and default; choices the description names already are not listed again', () => {
    const help = sub.helpInformation();
    expect(help).toContain('角色（可选：CLERK、ADMIN；默认：CLERK）');
    expect(help).toContain('每批的事件数（默认：500）');
    const named = new Command('x');
    helpInChinese(named).addOption(new Option('--role <role>', '角色：CLERK 录入员、ADMIN 管理员').choices(['CLERK', 'ADMIN']));
    expect(named.helpInformation()).toContain('角色：CLERK 录入员、ADMIN 管理员\n');
  });
});
