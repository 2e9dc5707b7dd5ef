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
 * @param {{ sheet: string, printTitleRow?: number, validations?: { column: number, firstRow: number, lastRow: number, choices: string[], errorTitle: string, error: string }[], data: Array<Array<{ type: 'String' | 'Number', value: unknown } | null>>, columns: unknown, stickyRowsCount: number }[]} sheets
 */
async function writeSheets(sheets) {
  const typed = sheets.map(({ printTitleRow, validations, ...s }) => ({ ...s, data: s.data.map((row) => row.map((cell) => (cell === null ? null : { ...cell, type: TYPES[cell.type] }))) }));
  return forPrinting(await writeXlsxFile(typed).toBuffer(), sheets);
}

/** A column's letters (0 → A, 26 → AA). */
function columnLetters(index) {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Drop-down lists on a form's columns (Excel's list data validation, which write-excel-file does not
 * write): the cell offers its choices and refuses anything else, so that 良好 is never typed for 优秀.
 * Placed where the schema wants it, after mergeCells and before pageMargins.
 */
function withValidations(xml, validations) {
  if (!validations || validations.length === 0) return xml;
  const items = validations
    .map((v) => {
      const ref = `${columnLetters(v.column)}${v.firstRow}:${columnLetters(v.column)}${v.lastRow}`;
      const list = xmlText(`"${v.choices.join(',')}"`);
      return `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${xmlText(v.errorTitle)}" error="${xmlText(v.error)}" sqref="${ref}"><formula1>${list}</formula1></dataValidation>`;
    })
    .join('');
  const block = `<dataValidations count="${validations.length}">${items}</dataValidations>`;
  const before = ['<hyperlinks', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter', '</worksheet>'].find((tag) => xml.includes(tag));
  return xml.replace(before, `${block}${before}`);
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
    xml = withValidations(xml, sheets[i].validations);
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
