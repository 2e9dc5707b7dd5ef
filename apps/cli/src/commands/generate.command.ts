import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { writeCountyNdjson } from '@ledger/generator/cli-adapter';
import { OptionValueError } from '../read-models-cli';

function positiveInt(max: number, min = 1) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`须为 ${min} 至 ${max} 的整数 (an integer from ${min} to ${max})`);
    return n;
  };
}

/** The generator's histories lie within 1960–2900 (births 56 years before the first year; dates from 1900). */
const FIRST_YEAR = 1960;
const LAST_YEAR = 2900;

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('生成一个模拟县的履历数据（NDJSON，可直接导入；同一种子结果相同）')
    .option('--townships <n>', '乡镇个数', positiveInt(5000), 20)
    .option('--years <n>', '生成多少年的履历', positiveInt(60), 20)
    .option('--seed <s>', '随机种子：同一种子生成的数据相同', positiveInt(2 ** 31 - 1), 1)
    .option('--end-year <y>', `履历的最后一年（${FIRST_YEAR}–${LAST_YEAR}）`, positiveInt(LAST_YEAR, FIRST_YEAR), 2025)
    .option('--out <file>', '写入此文件，而不是标准输出')
    .action(async (options: { townships: number; years: number; seed: number; endYear: number; out?: string }) => {
      // Said here, naming the options, not by the generator's own RangeError in English (found by a review).
      if (options.endYear - options.years + 1 < FIRST_YEAR) {
        throw new OptionValueError(
          '--end-year',
          `the history of --years ${options.years} ending in ${options.endYear} would start before ${FIRST_YEAR}`,
          `与 --years ${options.years} 合起来，履历将始于 ${options.endYear - options.years + 1} 年，早于 ${FIRST_YEAR} 年；请调大 --end-year 或调小 --years`,
        );
      }
      // Written beside the file and moved into place once whole: a generation stopped part-way left a
      // file cut mid-line, read by an import as a shorter county (found by a crash-safety review).
      const partial = options.out ? `${options.out}.${process.pid}.partial` : undefined;
      const out = partial ? createWriteStream(partial) : process.stdout;
      try {
        const { lines } = await writeCountyNdjson(
          { townships: options.townships, years: options.years, seed: options.seed, endYear: options.endYear },
          out,
        );
        if (options.out && partial) {
          (out as ReturnType<typeof createWriteStream>).end();
          await finished(out);
          renameSync(partial, options.out);
          process.stderr.write(`已生成 ${lines} 行 → ${options.out}\n`);
        }
      } finally {
        if (partial) rmSync(partial, { force: true });
      }
    });
}
