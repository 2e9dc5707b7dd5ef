import type { Command } from 'commander';
import { GENDER_NAMES_ZH, RANK_NAMES_ZH, RANKS, roleNameZh, ROLE_NAMES_ZH, ROLES } from '@ledger/domain';
import { listCadres, rosterParamsSchema, type ReadAnswer, type RosterAnswer } from '@ledger/projections';
import { todayInShanghai } from '../clock';
import { printJson, withLedger } from '../cli-runtime';
import { asTownshipOptionError, cliReadModelQueries, parseOptions, warnIfBehind } from '../read-models-cli';
import { printTable } from '../table';
import { JSON_AS_API_ZH } from '../help-zh';

/**
 * `cadres`: the roster (干部名册) as GET /v1/cadres answers it, one query for both (libs/projections
 * roster.ts): find a cadre's id by name or part of it, or list a township's team on a date (found by an
 * appeals review: `history 孙志胜` was refused and no command listed who is who).
 */
export function registerCadres(program: Command): void {
  program
    .command('cadres')
    .description('干部名册：按姓名或编号查找干部，或列出某乡镇、某职务、某职级的干部（现任职务与职级按 --as-of 当日）')
    .option('--search <text>', '姓名或干部编号中含有此文字')
    .option('--township <id>', '只列当日在此单位任职的干部（单位编号）')
    .option('--role <role>', `只列当日任此职务的干部：${ROLES.map((r) => `${r}（${ROLE_NAMES_ZH[r]}）`).join('、')}`)
    .option('--rank <rank>', `只列当日为此职级的干部：${RANKS.map((r) => `${r}（${RANK_NAMES_ZH[r]}）`).join('、')}`)
    .option('--as-of <date>', '现任职务与职级按此日（YYYY-MM-DD，默认今天，北京时间）')
    .option('--page <n>', '第几页（从 1 起）', '1')
    .option('--page-size <n>', '每页人数（1–500）', '50')
    .option('--json', JSON_AS_API_ZH)
    .action(async (options: { search?: string; township?: string; role?: string; rank?: string; asOf?: string; page: string; pageSize: string; json?: boolean }) => {
      const given = Object.fromEntries(
        (['search', 'township', 'role', 'rank', 'asOf'] as const).flatMap((k) => (options[k] !== undefined ? [[k, options[k]]] : [])),
      );
      const params = parseOptions(
        rosterParamsSchema,
        { ...given, page: options.page, pageSize: options.pageSize },
        { search: '--search', township: '--township', role: '--role', rank: '--rank', asOf: '--as-of', page: '--page', pageSize: '--page-size' },
      );
      const asOf = params.asOf ?? todayInShanghai();
      const answer = await withLedger(
        (l) => cliReadModelQueries(l).careerTables((tx) => listCadres(tx, { ...params, asOf })).catch((error: unknown) => Promise.reject(asTownshipOptionError(error))),
        { asks: true },
      );
      warnIfBehind(answer);
      if (options.json) return printJson(answer);
      printRoster(answer, params.search);
    });
}

function printRoster(a: ReadAnswer<RosterAnswer>, search: string | undefined): void {
  const first = (a.page - 1) * a.pageSize + 1;
  // Which of them this page shows, when not all of them.
  const shown = a.items.length === 0 || a.items.length === a.total ? '' : `，第 ${first}${a.items.length > 1 ? `–${first + a.items.length - 1}` : ''} 人`;
  const matching = search !== undefined ? `（姓名或编号含“${search}”）` : '';
  process.stdout.write(`干部名册${matching}：共 ${a.total} 人${shown}，现任职务与职级按 ${a.asOf}。\n\n`);
  if (a.total === 0) return;
  printTable(
    ['干部编号', '姓名', '性别', '出生日期', '现任职务', '职级'],
    a.items.map((c) => [
      c.cadreId,
      c.name,
      c.gender === null ? '—' : GENDER_NAMES_ZH[c.gender],
      c.birthDate ?? '—',
      c.post ? `${c.post.orgUnitName ?? c.post.orgUnitId}${roleNameZh(c.post.role, { name: c.post.orgUnitName, kind: c.post.orgUnitKind })}（${c.post.orgUnitId}）` : '（当日无职务）',
      c.rank === null ? '—' : RANK_NAMES_ZH[c.rank],
    ]),
  );
  if (a.page * a.pageSize < a.total) process.stdout.write(`\n下一页：--page ${a.page + 1}\n`);
}
