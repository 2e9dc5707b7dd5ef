/**
 * A worker thread writing one large workbook (apps/api xlsx-answer.ts), so that the API's event loop
 * answers other requests meanwhile: writing an .xlsx is synchronous work, seconds for a province.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { writeSheets } = require('../../../../libs/tables/src/xlsx-writer.cjs');

writeSheets(workerData.sheets).then((buffer) => parentPort.postMessage(buffer));
