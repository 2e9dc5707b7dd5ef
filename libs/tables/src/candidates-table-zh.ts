/** TM10's Excellent Township Party Secretary candidates (优秀乡镇党委书记推荐人选) as tables: the ranking, those left off, every check. */
import { lengthZh, namedZh, RANK_NAMES_ZH, shanghaiInstant, TM10_NAME_ZH, type ExcellentSecretaryCandidates } from '@ledger/domain';
import type { ReadAnswer } from '@ledger/projections';
import { behindNoticeZh } from './behind-zh';
import { checkNameZh } from './eligibility-table-zh';
import { allEvidence, fileNamePart, knownAtStem, yesNo, type LedgerTable, type LedgerWorkbook } from './ledger-table';

type Excluded = ExcellentSecretaryCandidates['excluded'][number];

/** The lines above the list: the cycle, its reference and drawing-up dates, the quota, and how many. */
export function candidatesSummaryZh(a: ExcellentSecretaryCandidates): string[] {
  const within = a.candidates.filter((c) => c.withinQuota).length;
  const known = a.knownAt ? `，按 ${shanghaiInstant(a.knownAt)} 所知` : '';
  // The drawing-up date changes the list: two printouts must say which they were (found by a review).
  const drawnUp = a.asOf ? `，计至 ${a.asOf} 生效的记录` : '';
  return [
    `${a.cycle} 周期「${TM10_NAME_ZH}」推荐人选（基准日 ${a.referenceDate}${drawnUp}，名额 ${a.quota} 名，政策版本 ${a.policyVersion}${known}）`,
    `符合条件 ${a.candidates.length} 人，名额内 ${within} 人；未列入 ${a.excluded.length} 人。`,
    ...tieNoteZh(a),
  ];
}

/** TM10: a tie across the quota line is for the county to settle, never cut by id. */
function tieNoteZh(a: ExcellentSecretaryCandidates): string[] {
  const tied = a.candidates.filter((c) => c.tiedAtQuotaLine);
  if (tied.length === 0) return [];
  const seats = a.quota - a.candidates.filter((c) => c.withinQuota).length;
  return [`注意：${tied.map((c) => namedZh(c.cadreName, c.cadreId)).join('、')} 共 ${tied.length} 人在名额线上并列（各项排序条件均相同），剩余 ${seats} 个名额由县委研究确定。`];
}

/** 已表彰（优先晋升四级调研员、推荐县级领导职务） or 否: a commendation's consequences hold off the list too (TM10). */
function commendationZh(e: Excluded): string {
  if (!e.commended) return '否';
  const flags = [e.priorityPromotionToResearcher4 ? '优先晋升四级调研员' : '', e.recommendForCountyLevelPost ? '推荐县级领导职务' : ''].filter(Boolean);
  return flags.length ? `已表彰（${flags.join('、')}）` : '已表彰';
}

const captionOf = (a: ReadAnswer<ExcellentSecretaryCandidates>): string[] => [...candidatesSummaryZh(a), ...[behindNoticeZh(a.behind)].filter((l): l is string => l !== null)];

export function candidatesTableZh(a: ReadAnswer<ExcellentSecretaryCandidates>): LedgerTable {
  return {
    sheetName: '推荐人选',
    caption: [],
    headers: ['排名', '干部编号', '姓名', '名额内', '优秀次数', '连续任乡镇党委书记', '末年绩效得分', '现任职级', '优先晋升四级调研员', '推荐县级领导职务'],
    rows: a.candidates.map((c) => [
      c.rank,
      c.cadreId,
      c.cadreName ?? '（未登记）',
      c.tiedAtQuotaLine ? '并列（待定）' : yesNo(c.withinQuota),
      c.excellentCount,
      c.partySecretaryRun ? `自 ${c.partySecretaryRun.start}，${lengthZh(c.partySecretaryRun)}` : '—',
      c.latestPerformanceScore ? `${namedZh(c.latestPerformanceScore.orgUnitName, c.latestPerformanceScore.orgUnitId)} ${c.latestPerformanceScore.year} 年 ${c.latestPerformanceScore.score} 分` : '—',
      c.currentRank ? RANK_NAMES_ZH[c.currentRank] : '—',
      yesNo(c.priorityPromotionToResearcher4),
      yesNo(c.recommendForCountyLevelPost),
    ]),
  };
}

export function candidatesExcludedTableZh(a: ReadAnswer<ExcellentSecretaryCandidates>): LedgerTable {
  return {
    sheetName: '未列入人选',
    caption: ['未列入人选及原因'],
    headers: ['干部编号', '姓名', '未通过的检查项', '原因', '本周期表彰'],
    rows: a.excluded.map((e) => [e.cadreId, e.cadreName ?? '（未登记）', e.reasons.map(checkNameZh).join('、'), e.reasons.map((r) => r.detail).join('；'), commendationZh(e)]),
  };
}

/** Every check of every secretary assessed, listed or not, with all of its evidence: what the list rests on. */
export function candidatesChecksTableZh(a: ReadAnswer<ExcellentSecretaryCandidates>): LedgerTable {
  const rowsOf = (rank: number | string, c: { cadreId: string; cadreName: string | null; checks: ExcellentSecretaryCandidates['candidates'][number]['checks'] }) =>
    c.checks.map((k) => [rank, c.cadreId, c.cadreName ?? '（未登记）', checkNameZh(k), k.passed ? '通过' : '未通过', k.detail, allEvidence(k.evidence)]);
  return {
    sheetName: '检查项',
    caption: ['各检查项及依据事件（排名为“未列入”者见未列入人选）'],
    headers: ['排名', '干部编号', '姓名', '检查项', '结果', '说明', '依据事件'],
    rows: [...a.candidates.flatMap((c) => rowsOf(c.rank, c)), ...a.excluded.flatMap((e) => rowsOf('未列入', e))],
  };
}

export function candidatesWorkbookZh(a: ReadAnswer<ExcellentSecretaryCandidates>): LedgerWorkbook {
  return {
    fileStem: fileNamePart(`${TM10_NAME_ZH}推荐人选-${a.cycle}${a.asOf ? `-计至${a.asOf}` : ''}${knownAtStem(a.knownAt)}`),
    caption: captionOf(a),
    tables: [candidatesTableZh(a), candidatesExcludedTableZh(a), candidatesChecksTableZh(a)],
  };
}
