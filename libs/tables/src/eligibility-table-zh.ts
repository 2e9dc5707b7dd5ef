/** TM6b in-post rank promotion eligibility (职级晋升资格) as tables: the list, then every check of every cadre. */
import { CHECK_NAMES_ZH, inPostBasisZh, lengthZh, namedZh, RANK_NAMES_ZH, roleNameZh, shanghaiInstant, TM6B_NAME_ZH, type CadreInPostEligibility, type RuleCheck } from '@ledger/domain';
import type { FilteredEligibility, ReadAnswer } from '@ledger/projections';
import { behindNoticeZh } from './behind-zh';
import { allEvidence, fileNamePart, knownAtStem, yesNo, type LedgerTable, type LedgerWorkbook } from './ledger-table';

export const checkNameZh = (c: Pick<RuleCheck, 'rule'>): string => CHECK_NAMES_ZH[c.rule] ?? c.rule;

const runZh = (run: CadreInPostEligibility['partySecretaryRun']): string => (run ? `自 ${run.start}，${lengthZh(run)}` : '—');

/** The rank held, and whether it is the county and township ceiling (N1). */
export function eligibilityRankZh(c: CadreInPostEligibility): string {
  if (!c.currentRank) return '未录入';
  return `${RANK_NAMES_ZH[c.currentRank]}${c.atCountyRankCeiling ? '（已达上限）' : ''}`;
}

/** The township asked of, named as the answer names it (null when the whole county was asked). */
function townshipZh(answer: FilteredEligibility): string | null {
  if (answer.township == null) return null;
  return namedZh(answer.cadres.flatMap((c) => c.chiefPosts).find((p) => p.orgUnitId === answer.township)?.orgUnitName ?? null, answer.township);
}

/** The sentence above the list: the date, the policy version, as known when, and how many. */
export function eligibilitySummaryZh(answer: FilteredEligibility): string {
  const eligible = answer.cadres.filter((c) => c.eligible).length;
  // As the web page says it: N1's ceiling still bars a promotion of those already at it (found by a diff review: only the page said so).
  const atCeiling = answer.cadres.filter((c) => c.eligible && c.atCountyRankCeiling).length;
  const known = answer.knownAt ? `，按 ${shanghaiInstant(answer.knownAt)} 所知` : '';
  const township = townshipZh(answer);
  const whose = township ? `${township}的` : '';
  const ceiling = atCeiling > 0 ? `（其中 ${atCeiling} 人已达县乡干部职级上限，不能再晋升）` : '';
  const counted =
    answer.eligibleOnly === true
      ? `${whose}符合${TM6B_NAME_ZH}条件的乡镇党政正职 ${answer.cadres.length} 人${ceiling}`
      : answer.eligibleOnly === false
        ? `${whose}不符合${TM6B_NAME_ZH}条件的乡镇党政正职 ${answer.cadres.length} 人`
        : `${whose}乡镇党政正职 ${answer.cadres.length} 人，其中符合${TM6B_NAME_ZH}条件 ${eligible} 人${ceiling}`;
  return `截至 ${answer.asOf}（政策版本 ${answer.policyVersion}${known}），${counted}。`;
}

/** What is said above the tables besides the summary: a lagging read side, a record failing its hashes. */
function warningsZh(answer: ReadAnswer<FilteredEligibility>): string[] {
  return [behindNoticeZh(answer.behind), ...(answer.integrityWarningsZh ?? []).map((l) => `注意：${l}`)].filter((l): l is string => l !== null);
}

export function eligibilityTableZh(answer: ReadAnswer<FilteredEligibility>): LedgerTable {
  return {
    sheetName: '资格名单',
    caption: [],
    headers: ['干部编号', '姓名', '现任职务', '现任职级', '是否符合', '依据', '连续任乡镇党委书记', '连续任乡镇党政正职', '未通过的检查项'],
    rows: answer.cadres.map((c) => [
      c.cadreId,
      c.cadreName ?? '（未登记）',
      c.chiefPosts.map((p) => `${namedZh(p.orgUnitName, p.orgUnitId)} ${roleNameZh(p.role, { name: p.orgUnitName, kind: 'TOWNSHIP' })}`).join('、'),
      eligibilityRankZh(c),
      yesNo(c.eligible),
      c.basis ? inPostBasisZh(c.basis, answer.runYears) : '—',
      runZh(c.partySecretaryRun),
      runZh(c.chiefRun),
      // An eligible cadre has nothing failed: the other basis's run, not long enough, is informative (found by a review).
      c.eligible ? '—' : c.checks.filter((k) => !k.passed).map(checkNameZh).join('、') || '—',
    ]),
  };
}

/** Every check of every cadre, one per row, with all of its evidence: what the list's verdicts rest on. */
export function eligibilityChecksTableZh(answer: ReadAnswer<FilteredEligibility>): LedgerTable {
  return {
    sheetName: '检查项',
    caption: ['各检查项及依据事件'],
    headers: ['干部编号', '姓名', '是否符合', '检查项', '结果', '说明', '依据事件'],
    rows: answer.cadres.flatMap((c) =>
      c.checks.map((k) => [c.cadreId, c.cadreName ?? '（未登记）', yesNo(c.eligible), checkNameZh(k), k.passed ? '通过' : '未通过', k.detail, allEvidence(k.evidence)]),
    ),
  };
}

/** `cadreId`: the one cadre asked about, when one was (the file and its caption name them). */
export function eligibilityWorkbookZh(answer: ReadAnswer<FilteredEligibility>, cadreId?: string): LedgerWorkbook {
  // The township by its name where the answer names it (a file list of 华水乡, not of T0001).
  const township = answer.township == null ? '' : `-${answer.cadres.flatMap((c) => c.chiefPosts).find((p) => p.orgUnitId === answer.township)?.orgUnitName ?? answer.township}`;
  const one = cadreId === undefined ? null : namedZh(answer.cadres.find((c) => c.cadreId === cadreId)?.cadreName ?? null, cadreId);
  const only = answer.eligibleOnly === true ? '-符合' : answer.eligibleOnly === false ? '-不符合' : '';
  return {
    fileStem: fileNamePart(`${TM6B_NAME_ZH}资格${one ? `-${one}` : ''}${township}${only}-截至${answer.asOf}${knownAtStem(answer.knownAt)}`),
    caption: [`${TM6B_NAME_ZH}资格（TM6b）${one ? `：${one}` : ''}`, eligibilitySummaryZh(answer), ...warningsZh(answer)],
    tables: [eligibilityTableZh(answer), eligibilityChecksTableZh(answer)],
  };
}
