/**
 * Sheets of plain data (each cell's type named as a string, so that they cross a thread as they are)
 * written as an .xlsx file by write-excel-file, then set up for printing, which it does not offer:
 * each sheet fitted to the page's width (as many pages down as it takes) and its header row repeated
 * on every printed page (Excel's fitToPage and _xlnm.Print_Titles, written into its XML with fflate,
 * the zip library write-excel-file itself uses). Plain CommonJS: the API's worker thread
 * (apps/api/src/platform/xlsx-worker.cjs) loads it without a TypeScript loader; xlsx.ts uses it too.
 */
'use strict';
const writeXlsxFile = require('write-excel-file/node').default;
const { strFromU8, strToU8, unzipSync, zipSync } = require('fflate');

const TYPES = { String, Number };

const xmlText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * @param {{ sheet: string, printTitleRow?: number, data: Array<Array<{ type: 'String' | 'Number', value: unknown } | null>>, columns: unknown, stickyRowsCount: number }[]} sheets
 */
async function writeSheets(sheets) {
  const typed = sheets.map(({ printTitleRow, ...s }) => ({ ...s, data: s.data.map((row) => row.map((cell) => (cell === null ? null : { ...cell, type: TYPES[cell.type] }))) }));
  return forPrinting(await writeXlsxFile(typed).toBuffer(), sheets);
}

function forPrinting(buffer, sheets) {
  const files = unzipSync(new Uint8Array(buffer));
  sheets.forEach((_, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    if (!files[name]) throw new Error(`the workbook has no ${name}`);
    let xml = strFromU8(files[name]);
    // sheetPr is the first element a worksheet may hold; write-excel-file writes none.
    xml = xml.includes('<sheetPr') ? xml.replace(/<sheetPr([^>]*)\/>/, '<sheetPr$1><pageSetUpPr fitToPage="1"/></sheetPr>') : xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    xml = xml.replace('<pageSetup ', '<pageSetup fitToWidth="1" fitToHeight="0" ');
    files[name] = strToU8(xml);
  });
  const titles = sheets
    .map((s, i) => (s.printTitleRow ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${xmlText(s.sheet.replace(/'/g, "''"))}'!$${s.printTitleRow}:$${s.printTitleRow}</definedName>` : ''))
    .join('');
  if (titles) {
    const workbook = strFromU8(files['xl/workbook.xml']);
    files['xl/workbook.xml'] = strToU8(workbook.includes('<definedNames/>') ? workbook.replace('<definedNames/>', `<definedNames>${titles}</definedNames>`) : workbook.replace('</definedNames>', `${titles}</definedNames>`));
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

module.exports = { writeSheets };
