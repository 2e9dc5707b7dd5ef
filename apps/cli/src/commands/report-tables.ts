/**
 * The ten measures' reports printed as Chinese tables: the document libs/tables makes of each
 * (reportDocumentZh, also the API's and the web app's workbook), block by block, the evidence of a
 * line shortened to its first few ids (`--json` prints the API's JSON instead).
 */
import { cellText, reportDocumentZh } from '@ledger/tables';
import type { ReportName } from '@ledger/projections';
import { evidenceCell, printTable } from '../table';

const out = (text: string): void => void process.stdout.write(text);

/**
 * `township`: the township asked of, as shown (name and id), so that a printed report says it covers
 * one township (found by a CLI review: the title was the county-wide one's).
 */
export function printReport(name: ReportName, answer: unknown, township?: string): void {
  const document = reportDocumentZh(name, answer, township);
  out(`${document.title}\n\n`);
  for (const block of document.blocks) {
    if ('text' in block) {
      out(block.text);
      continue;
    }
    if (block.table.workbookOnly) continue;
    if (block.table.heading !== undefined) out(`${block.table.heading}\n`);
    printTable(block.table.headers, block.table.rows.map((r) => r.map((c) => cellText(c, evidenceCell))));
  }
}
