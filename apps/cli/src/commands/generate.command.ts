import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { writeCountyNdjson } from '@ledger/generator/cli-adapter';

function positiveInt(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`须为 1 至 ${max} 的整数 (an integer from 1 to ${max})`);
    return n;
  };
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('生成一个模拟县的履历数据（NDJSON，可直接导入；同一种子结果相同）')
    .option('--townships <n>', '乡镇个数', positiveInt(5000), 20)
    .option('--years <n>', '生成多少年的履历', positiveInt(60), 20)
    .option('--seed <s>', '随机种子：同一种子生成的数据相同', positiveInt(2 ** 31 - 1), 1)
    .option('--end-year <y>', '履历的最后一年', positiveInt(2999), 2025)
    .option('--out <file>', '写入此文件，而不是标准输出')
    .action(async (options: { townships: number; years: number; seed: number; endYear: number; out?: string }) => {
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      const { lines } = await writeCountyNdjson(
        { townships: options.townships, years: options.years, seed: options.seed, endYear: options.endYear },
        out,
      );
      if (options.out) {
        (out as ReturnType<typeof createWriteStream>).end();
        await finished(out);
        process.stderr.write(`已生成 ${lines} 行 → ${options.out}\n`);
      }
    });
}
