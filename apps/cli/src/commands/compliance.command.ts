import type { Command } from 'commander';
import {
  measureFindingZh,
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPEAL_STANDING_NAMES_ZH,
  decisionScheduledZh,
  appealRemedyMissingZh,
  appealStanding,
  assertNever,
  FINDING_KIND_NAMES_ZH,
  namedZh,
  overrideFindingZh,
  periodZh,
  ruleNameZh,
  shanghaiInstant,
  appealedDecisionZh,
  bothChiefsAdjustedZh,
} from '@ledger/domain';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { appealsParamsSchema, findingsParamsSchema } from '@ledger/projections';
import { asTownshipOptionError, cliReadModelQueries, OptionValueError, parseOptions, warnIfBehind } from '../read-models-cli';
import { evidenceCell, printable, printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

export function registerCompliance(program: Command): void {
  program
    .command('findings')
    .description('合规提示：政策例外记录（谁、何时、为何、哪条规则），党委书记空缺、同日调整党政正职（TM4），十项措施及 N4 的提示')
    .option('--rule <rule>', '只看这一条规则的合规提示：规则编号（如 TM1、TM4、N4），或十项措施的细分编号（如 TM1.chief-experience）')
    .option('--township <id>', '只看这一个乡镇（单位编号）')
    .option('--year <y>', '只看这一年度')
    .option('--as-of <date>', '截至日期 YYYY-MM-DD，尚未补上的空缺计算到此日（默认今天）')
    .option('--known-at <instant>', '按当时所知回答：只计入此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (o: { rule?: string; township?: string; year?: string; asOf?: string; knownAt?: string; json?: boolean }) => {
      const params = parseOptions(
        findingsParamsSchema,
        {
          ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
          ...(o.rule !== undefined ? { rule: o.rule } : {}),
          ...(o.township !== undefined ? { township: o.township } : {}),
          ...(o.year !== undefined ? { year: o.year } : {}),
          ...(o.knownAt !== undefined ? { knownAt: o.knownAt } : {}),
        },
        { asOf: '--as-of', rule: '--rule', township: '--township', year: '--year', knownAt: '--known-at' },
      );
      const [answer, directory] = await withLedger(
        (l) =>
          Promise.all([
            cliReadModelQueries(l)
              .findings({
                asOf: params.asOf ?? todayInShanghai(),
                ...(params.township !== undefined ? { orgUnitId: params.township } : {}),
                ...(params.year !== undefined ? { year: params.year } : {}),
                ...(params.rule !== undefined ? { rule: params.rule } : {}),
                ...(params.knownAt !== undefined ? { knownAt: params.knownAt } : {}),
              })
              .catch((error: unknown) => Promise.reject(asTownshipOptionError(error))),
            // The unit's name for the header when no finding names it (found by a review: the bare id).
            params.township !== undefined ? cliReadModelQueries(l).orgUnits(params.knownAt !== undefined ? { knownAt: params.knownAt } : {}) : Promise.resolve(null),
          ]),
        { asks: true, knownAt: o.knownAt },
      );
      warnIfBehind(answer);
      if (o.json) return printJson(answer);
      const { findings } = answer;
      // What the table answers, always: an empty table for a year not yet ended is no clean year (found by a review).
      const scope = [
        `截至 ${answer.asOf}`,
        ...(answer.year !== null ? [`${answer.year} 年度`] : []),
        ...(answer.rule !== null ? [`规则 ${ruleNameZh(answer.rule)}`] : []),
        ...(answer.orgUnitId !== null
          ? [`单位 ${namedZh(unitNameIn(findings, answer.orgUnitId) ?? directory?.orgUnits.find((u) => u.orgUnitId === answer.orgUnitId)?.name ?? null, answer.orgUnitId)}`]
          : []),
        ...(answer.knownAt ? [`按 ${shanghaiInstant(answer.knownAt)} 所知`] : []),
      ];
      // Ledger text (a unit's name) shown as printable, as tables do: a CR in a name rewrote the header in a terminal (found by a security review).
      process.stdout.write(`合规提示（${printable(scope.join('，'))}）：\n`);
      if (answer.year !== null && `${answer.year}-12-31` >= answer.asOf) {
        process.stdout.write(`注意：${answer.year} 年度在 ${answer.asOf} 尚未结束，该年度的提示自 ${answer.year + 1}-01-01 起列出。\n`);
      }
      printTable(
        ['类别', '单位', '干部', '日期', '说明', '依据'],
        findings.map((f) => {
          switch (f.kind) {
            case 'OVERRIDE':
              return [
                FINDING_KIND_NAMES_ZH.OVERRIDE,
                f.orgUnitIds.map((id, i) => namedZh(f.orgUnitNames[i] ?? null, id)).join('、') || '—',
                f.cadreId === null ? '—' : namedZh(f.cadreName, f.cadreId),
                f.effectiveDate,
                overrideFindingZh(f),
                f.eventId,
              ];
            case 'TM4_SECRETARY_VACANCY':
              return [FINDING_KIND_NAMES_ZH.TM4_SECRETARY_VACANCY, namedZh(f.orgUnitName, f.orgUnitId), '—', f.to === null ? `${f.from} 至 今` : periodZh(f.from, f.to), `空缺 ${f.days} 天（TM4 要求无缝衔接）`, evidenceCell(f.evidence)];
            case 'TM4_BOTH_CHIEFS_ADJUSTED':
              return [FINDING_KIND_NAMES_ZH.TM4_BOTH_CHIEFS_ADJUSTED, namedZh(f.orgUnitName, f.orgUnitId), '—', f.date, bothChiefsAdjustedZh(f.orgUnitName), evidenceCell(f.evidence)];
            case 'APPEAL_REMEDY_MISSING':
              return [
                FINDING_KIND_NAMES_ZH.APPEAL_REMEDY_MISSING,
                '—',
                namedZh(f.cadreName, f.cadreId),
                f.decidedOn,
                appealRemedyMissingZh(f),
                evidenceCell(f.evidence),
              ];
            case 'MEASURE':
              return [ruleNameZh(f.rule), f.orgUnitId === null ? '全县' : namedZh(f.orgUnitName, f.orgUnitId), f.cadreId === null ? '—' : namedZh(f.cadreName, f.cadreId), f.date, measureFindingZh(f), evidenceCell(f.evidence)];
            default:
              return assertNever(f, 'finding');
          }
        }),
      );
    });
  program
    .command('appeals')
    .description('复核或申诉及其期限（N5）：逾期提出、逾期未决、逾期作出决定')
    .option('--all', '也列出已决的复核或申诉（同 --status all）')
    .option('--status <status>', '按状态列出：open（待决，默认）、decided（已决）或 all（全部），同 API 的 status 参数')
    .option('--as-of <date>', '期限计至此日（YYYY-MM-DD，默认今天）：此日之后作出的决定视为尚未作出')
    .option('--known-at <instant>', '按当时所知：只计此时刻或之前录入的记录（ISO-8601；只写日期表示当日北京时间结束时）')
    .option('--json', JSON_AS_API_ZH)
    .action(async (o: { all?: boolean; status?: string; asOf?: string; knownAt?: string; json?: boolean }) => {
      // Two answers to one question: refused, not one silently preferred (found by a review).
      if (o.all && o.status !== undefined && o.status.toLowerCase() !== 'all') {
        throw new OptionValueError('--all', `--all lists every appeal; it cannot be combined with --status ${o.status}`, `--all 即列出全部复核或申诉，不能与 --status ${o.status} 同用`);
      }
      const today = todayInShanghai();
      const { status, asOf, knownAt } = parseOptions(
        appealsParamsSchema,
        { status: o.status ?? (o.all ? 'all' : 'open'), ...(o.asOf !== undefined ? { asOf: o.asOf } : {}), ...(o.knownAt !== undefined ? { knownAt: o.knownAt } : {}) },
        { status: o.status !== undefined ? '--status' : '--all', asOf: '--as-of', knownAt: '--known-at' },
      );
      const answer = await withLedger(
        (l) => cliReadModelQueries(l).appeals({ asOf: asOf ?? today, ...(knownAt !== undefined ? { knownAt } : {}) }, status === 'all' ? 'ALL' : status === 'decided' ? 'DECIDED' : 'OPEN'),
        { asks: true, knownAt: o.knownAt },
      );
      warnIfBehind(answer);
      if (o.json) return printJson(answer);
      const { appeals } = answer;
      // What the list answers, so an empty one is not read as "no appeal at all" (found by a review).
      const scopeZh = status === 'all' ? '全部' : status === 'decided' ? '已决' : '待决';
      const asked = `期限计至 ${answer.asOf}${answer.asOf === today ? '（今天）' : ''}${answer.knownAt ? `，按 ${shanghaiInstant(answer.knownAt)} 所知` : ''}`;
      if (appeals.length === 0) {
        // An empty list asked of a past date or as known then says so: not "the ledger has none".
        const when = answer.asOf !== today || answer.knownAt ? `（${asked}）` : '';
        process.stdout.write(
          status === 'all' ? `台账中没有复核或申诉${when}。\n` : `没有${scopeZh}的复核或申诉${when}（列出${status === 'decided' ? '待决' : '已决'}或全部：--status ${status === 'decided' ? 'open' : 'decided'} 或 --status all）。\n`,
        );
        return;
      }
      process.stdout.write(`${scopeZh}的复核或申诉共 ${appeals.length} 件，${asked}：\n\n`);
      printTable(
        ['复核或申诉编号', '干部', '阶段', '提出日期', '提出期限', '应决日期', '状态', '复核或申诉对象', '政策版本'],
        appeals.map((a) => [
          a.appealId,
          namedZh(a.cadreName, a.cadreId),
          APPEAL_STAGE_NAMES_ZH[a.stage],
          a.filedOn + (a.scheduled ? '（待生效）' : '') + (a.filedLate ? '（逾期提出）' : ''),
          a.filingDeadline,
          a.decisionDue + (a.decisionDueExtended ? `（可延至 ${a.decisionDueExtended}）` : ''),
          APPEAL_STANDING_NAMES_ZH[appealStanding(a)] + (a.outcome ? `：${APPEAL_OUTCOME_NAMES_ZH[a.outcome]}` : '') + (a.decisionScheduled ? `（${decisionScheduledZh(a.decisionScheduled)}）` : ''),
          `${a.target ? appealedDecisionZh(a.target) : '（台账中未找到该记录）'}（事件 ${a.targetEventId}）`,
          a.policyVersion,
        ]),
      );
    });
}

/** The unit's name as a finding about it gives it (the township filter's name in the header), else null. */
function unitNameIn(findings: readonly object[], orgUnitId: string): string | null {
  for (const f of findings as readonly { orgUnitId?: unknown; orgUnitName?: unknown }[]) {
    if (f.orgUnitId === orgUnitId && typeof f.orgUnitName === 'string') return f.orgUnitName;
  }
  return null;
}
