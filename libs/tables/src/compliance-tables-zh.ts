/** Compliance findings (合规提示) and the appeals list (复核或申诉, N5) as tables: printed by the CLI, written as workbooks. */
import {
  APPEAL_OUTCOME_NAMES_ZH,
  APPEAL_STAGE_NAMES_ZH,
  APPEAL_STANDING_NAMES_ZH,
  appealedDecisionZh,
  appealRemedyMissingZh,
  appealStanding,
  assertNever,
  bothChiefsAdjustedZh,
  decisionScheduledZh,
  FINDING_KIND_NAMES_ZH,
  measureFindingZh,
  namedZh,
  overrideFindingZh,
  periodZh,
  ruleNameZh,
  shanghaiInstant,
} from '@ledger/domain';
import type { AppealsAnswer, FindingsAnswer, ReadAnswer } from '@ledger/projections';
import { behindNoticeZh } from './behind-zh';
import { fileNamePart, knownAtStem, type LedgerTable, type LedgerWorkbook, type TableCell } from './ledger-table';

const notices = (a: ReadAnswer<object>): string[] => [behindNoticeZh(a.behind)].filter((l): l is string => l !== null);

/** The unit's name as a finding about it gives it (the township filter's name in the header), else null. */
function unitNameIn(findings: readonly object[], orgUnitId: string): string | null {
  for (const f of findings as readonly { orgUnitId?: unknown; orgUnitName?: unknown }[]) {
    if (f.orgUnitId === orgUnitId && typeof f.orgUnitName === 'string') return f.orgUnitName;
  }
  return null;
}

/**
 * What the findings answer, always: an empty table for a year not yet ended is no clean year (found
 * by a review). `directoryName`: the unit's name from the directory, when no finding names it.
 */
export function findingsCaptionZh(answer: FindingsAnswer, directoryName: string | null): string[] {
  const scope = [
    `截至 ${answer.asOf}`,
    ...(answer.year !== null ? [`${answer.year} 年度`] : []),
    ...(answer.rule !== null ? [`规则 ${ruleNameZh(answer.rule)}`] : []),
    ...(answer.orgUnitId !== null ? [`单位 ${namedZh(unitNameIn(answer.findings, answer.orgUnitId) ?? directoryName, answer.orgUnitId)}`] : []),
    ...(answer.knownAt ? [`按 ${shanghaiInstant(answer.knownAt)} 所知`] : []),
  ];
  return [
    `合规提示（${scope.join('，')}）：`,
    ...(answer.year !== null && `${answer.year}-12-31` >= answer.asOf ? [`注意：${answer.year} 年度在 ${answer.asOf} 尚未结束，该年度的提示自 ${answer.year + 1}-01-01 起列出。`] : []),
  ];
}

export function findingsTableZh(answer: ReadAnswer<FindingsAnswer>, directoryName: string | null = null): LedgerTable {
  return {
    sheetName: '合规提示',
    caption: [...findingsCaptionZh(answer, directoryName), ...notices(answer)],
    headers: ['类别', '单位', '干部', '日期', '说明', '依据'],
    rows: answer.findings.map((f): TableCell[] => {
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
          return [FINDING_KIND_NAMES_ZH.TM4_SECRETARY_VACANCY, namedZh(f.orgUnitName, f.orgUnitId), '—', f.to === null ? `${f.from} 至 今` : periodZh(f.from, f.to), `空缺 ${f.days} 天（TM4 要求无缝衔接）`, { evidence: f.evidence }];
        case 'TM4_BOTH_CHIEFS_ADJUSTED':
          return [FINDING_KIND_NAMES_ZH.TM4_BOTH_CHIEFS_ADJUSTED, namedZh(f.orgUnitName, f.orgUnitId), '—', f.date, bothChiefsAdjustedZh(f.orgUnitName), { evidence: f.evidence }];
        case 'APPEAL_REMEDY_MISSING':
          return [FINDING_KIND_NAMES_ZH.APPEAL_REMEDY_MISSING, '—', namedZh(f.cadreName, f.cadreId), f.decidedOn, appealRemedyMissingZh(f), { evidence: f.evidence }];
        case 'MEASURE':
          return [ruleNameZh(f.rule), f.orgUnitId === null ? '全县' : namedZh(f.orgUnitName, f.orgUnitId), f.cadreId === null ? '—' : namedZh(f.cadreName, f.cadreId), f.date, measureFindingZh(f), { evidence: f.evidence }];
        default:
          return assertNever(f, 'finding');
      }
    }),
  };
}

export function findingsWorkbookZh(answer: ReadAnswer<FindingsAnswer>, directoryName: string | null = null): LedgerWorkbook {
  const unit = answer.orgUnitId === null ? '' : `-${unitNameIn(answer.findings, answer.orgUnitId) ?? directoryName ?? answer.orgUnitId}`;
  return {
    fileStem: fileNamePart(`合规提示${unit}-截至${answer.asOf}${answer.year !== null ? `-${answer.year}年度` : ''}${answer.rule !== null ? `-${answer.rule}` : ''}${knownAtStem(answer.knownAt)}`),
    tables: [findingsTableZh(answer, directoryName)],
  };
}

export type AppealsStatus = 'open' | 'decided' | 'all';

const SCOPE_ZH: Record<AppealsStatus, string> = { open: '待决', decided: '已决', all: '全部' };

/** What the list answers, so an empty one is not read as "no appeal at all" (found by a review). */
export function appealsSummaryZh(answer: AppealsAnswer, status: AppealsStatus, today: string, cliHint = true): string {
  const asked = `期限计至 ${answer.asOf}${answer.asOf === today ? '（今天）' : ''}${answer.knownAt ? `，按 ${shanghaiInstant(answer.knownAt)} 所知` : ''}`;
  if (answer.appeals.length > 0) return `${SCOPE_ZH[status]}的复核或申诉共 ${answer.appeals.length} 件，${asked}：`;
  // An empty list asked of a past date or as known then says so: not "the ledger has none".
  const when = answer.asOf !== today || answer.knownAt ? `（${asked}）` : '';
  return status === 'all'
    ? `台账中没有复核或申诉${when}。`
    : `没有${SCOPE_ZH[status]}的复核或申诉${when}${cliHint ? `（列出${status === 'decided' ? '待决' : '已决'}或全部：--status ${status === 'decided' ? 'open' : 'decided'} 或 --status all）` : ''}。`;
}

export function appealsTableZh(answer: ReadAnswer<AppealsAnswer>, status: AppealsStatus, today: string): LedgerTable {
  return {
    sheetName: '复核或申诉',
    caption: [appealsSummaryZh(answer, status, today, false), ...notices(answer)],
    headers: ['复核或申诉编号', '干部', '阶段', '提出日期', '提出期限', '应决日期', '状态', '复核或申诉对象', '政策版本'],
    rows: answer.appeals.map((a) => [
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
  };
}

export function appealsWorkbookZh(answer: ReadAnswer<AppealsAnswer>, status: AppealsStatus, today: string): LedgerWorkbook {
  return { fileStem: fileNamePart(`复核或申诉-${SCOPE_ZH[status]}-期限计至${answer.asOf}${knownAtStem(answer.knownAt)}`), tables: [appealsTableZh(answer, status, today)] };
}
