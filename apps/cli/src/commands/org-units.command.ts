import type { Command } from 'commander';
import { ASSESSMENT_CLASS_NAMES_ZH, ORG_UNIT_KIND_NAMES_ZH, ORG_UNIT_KINDS, shanghaiInstant, type OrgUnitKind } from '@ledger/domain';
import { orgUnitDirectoryParamsSchema, type OrgUnitDirectoryAnswer } from '@ledger/projections';
import { printJson, withLedger } from '../cli-runtime';
import { cliReadModelQueries, parseOptions, warnIfBehind } from '../read-models-cli';
import { printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

/** `org-units`: the org-unit directory (单位名录), as GET /v1/org-units answers it. */
export function registerOrgUnits(program: Command): void {
  program
    .command('org-units')
    .description('单位名录：已登记的各单位编号、名称、类别与考核类别')
    .option('--kind <kind>', `只列此类单位：${ORG_UNIT_KINDS.map((k) => `${k}（${ORG_UNIT_KIND_NAMES_ZH[k]}）`).join('、')}`)
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { kind?: string; knownAt?: string; json?: boolean }) => {
      const params = parseOptions(
        orgUnitDirectoryParamsSchema,
        { ...(options.kind !== undefined ? { kind: options.kind } : {}), ...(options.knownAt !== undefined ? { knownAt: options.knownAt } : {}) },
        { kind: '--kind', knownAt: '--known-at' },
      );
      const answer = await withLedger((ledger) => cliReadModelQueries(ledger).orgUnits(params), { asks: true, knownAt: options.knownAt });
      warnIfBehind(answer);
      if (options.json) return printJson(answer);
      printDirectory(answer, params.kind);
    });
}

function printDirectory(a: OrgUnitDirectoryAnswer, kind: OrgUnitKind | undefined): void {
  const which = kind !== undefined ? `（${ORG_UNIT_KIND_NAMES_ZH[kind]}）` : '';
  const known = a.knownAt ? `，按 ${shanghaiInstant(a.knownAt)} 所知` : '';
  process.stdout.write(`单位名录${which}：共 ${a.orgUnits.length} 个单位${known}\n\n`);
  if (a.orgUnits.length === 0) return;
  printTable(
    ['单位编号', '单位名称', '单位类别', '考核类别', '登记生效日'],
    a.orgUnits.map((u) => [u.orgUnitId, u.name, ORG_UNIT_KIND_NAMES_ZH[u.kind], u.assessmentClass === null ? '—' : ASSESSMENT_CLASS_NAMES_ZH[u.assessmentClass], u.registeredOn]),
  );
}
