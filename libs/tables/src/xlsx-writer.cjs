/**
 * Sheets of plain data (each cell's type named as a string, so that they cross a thread as they are)
 * written as an .xlsx file by write-excel-file. Plain CommonJS: the API's worker thread
 * (apps/api/src/platform/xlsx-worker.cjs) loads it without a TypeScript loader; xlsx.ts uses it too.
 */
'use strict';
const writeXlsxFile = require('write-excel-file/node').default;

const TYPES = { String, Number };

/** @param {{ sheet: string, data: Array<Array<{ type: 'String' | 'Number', value: unknown } | null>>, columns: unknown, stickyRowsCount: number }[]} sheets */
function writeSheets(sheets) {
  const typed = sheets.map((s) => ({ ...s, data: s.data.map((row) => row.map((cell) => (cell === null ? null : { ...cell, type: TYPES[cell.type] }))) }));
  return writeXlsxFile(typed).toBuffer();
}

module.exports = { writeSheets };
