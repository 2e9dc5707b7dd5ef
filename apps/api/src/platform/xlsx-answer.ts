/**
 * `?format=xlsx` on the routes that answer with a list the department prints or files (eligibility,
 * candidates, the roster, findings, appeals, the ten reports): the same answer as an Excel workbook,
 * built from the very tables the CLI prints (libs/tables), so that a file handed round a meeting says
 * what the screen said.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiQuery, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { Behind } from '@ledger/projections';
import { cellCount, workbookSheets, writeSheets, XLSX_MEDIA_TYPE, type LedgerWorkbook, type PlainSheet } from '@ledger/tables';
import { behindHeaderValue, BEHIND_HEADER } from './behind.interceptor';
import { ApiError, badRequest } from './errors';
import { PROBLEM_REF } from './problem-responses';
import type { HttpResponse } from './http';

export type AnswerFormat = 'json' | 'xlsx';

/** Large workbooks that may wait for the worker (the one being written aside): more are a 429 EXPORT_BUSY. */
export const WAITING_LIMIT = 3;

export const FORMAT_QUERY = {
  name: 'format',
  required: false,
  enum: ['json', 'xlsx'],
  description: 'xlsx: the same answer as an Excel workbook (the CLI’s tables in Chinese, and every check with its evidence on a sheet of its own); default json',
} as const;

/** The 200 of such a route: its JSON schema, or the workbook. */
export function jsonOrXlsxContent(dto: abstract new (...args: never[]) => unknown): Record<string, { schema: object }> {
  return {
    'application/json': { schema: { $ref: getSchemaPath(dto) } },
    [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary', description: 'the answer as an Excel workbook (format=xlsx)' } },
  };
}

/**
 * A route answering JSON or, with `format=xlsx`, a workbook: its `format` parameter and its 200 with
 * both media types in /docs (`what`: what the JSON is; `formatNote`: what else to know of the workbook).
 */
export function JsonOrXlsx(dto: abstract new (...args: never[]) => unknown, what: string, formatNote = '') {
  return applyDecorators(
    ApiQuery({ ...FORMAT_QUERY, description: `${FORMAT_QUERY.description}${formatNote}` }),
    ApiExtraModels(dto),
    ApiOkResponse({ description: `${what} (format=json, the default), or the same as an Excel workbook (format=xlsx)`, headers: XLSX_DISPOSITION_HEADER, content: jsonOrXlsxContent(dto) }),
    ApiResponse({ status: 429, description: EXPORT_BUSY_MEANING, schema: PROBLEM_REF }),
  );
}

export const XLSX_DISPOSITION_HEADER = {
  'Content-Disposition': { description: 'format=xlsx: attachment, the file name in Chinese (e.g. `不离岗晋升职级资格-截至2025-12-31.xlsx`) with an ASCII fallback', schema: { type: 'string' } },
};

/** The query without `format`, and the format asked for (a 400 naming `format` for any other value). */
export const EXPORT_BUSY_MEANING = `format=xlsx: ${WAITING_LIMIT} large workbooks are already waiting to be written on this server (EXPORT_BUSY, \`retryAfterSeconds\`, Retry-After)`;

export function takeFormat(query: Record<string, unknown>): { readonly format: AnswerFormat; readonly rest: Record<string, unknown> } {
  const { format, ...rest } = query;
  // `format=xlsx&format=json`: two answers asked for, said as such rather than as a bad value (found by a review).
  if (Array.isArray(format)) throw badRequest('format', 'given more than once', '只能给出一次');
  if (format === undefined || format === 'json') return { format: 'json', rest };
  if (format === 'xlsx') return { format: 'xlsx', rest };
  throw badRequest('format', 'must be json or xlsx', '须为 json 或 xlsx');
}

/**
 * From this many cells on, a workbook is written on a worker thread: a county's lists (a few thousand
 * cells) cost milliseconds, a province's eligibility checks (≈ 150,000) seconds of synchronous work
 * that would hold up every other request of the API meanwhile.
 */
export const OFF_THREAD_CELLS = 20_000;


/** One large workbook written at a time: a second waits for the first rather than take the other core too. */
let offThreadQueue: Promise<unknown> = Promise.resolve();
let waiting = 0;

function writeOnWorker(sheets: readonly PlainSheet[]): Promise<Buffer> {
  // Beyond a few waiting, a refusal to ask again, not a queue that holds every answer up for half a minute (found by a
  // review: six roster exports at once kept a small read waiting 12 s and /health 3.9 s).
  if (waiting >= WAITING_LIMIT) {
    return Promise.reject(new ApiError(429, 'EXPORT_BUSY', `${WAITING_LIMIT} large workbooks are already waiting to be written on this server; ask again in a moment`, `本服务正在生成的大型 Excel 工作簿已有 ${WAITING_LIMIT} 个在排队，请稍后再导出`, {
      retryAfterSeconds: 10,
    }));
  }
  waiting += 1;
  const run = () =>
    new Promise<Buffer>((resolve, reject) => {
      // No flags of the API's own (its TypeScript loader): the worker is plain CommonJS.
      const worker = new Worker(join(__dirname, 'xlsx-worker.cjs'), { workerData: { sheets }, execArgv: [] });
      worker.once('message', (written: Uint8Array) => resolve(Buffer.from(written.buffer, written.byteOffset, written.byteLength)));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the workbook's worker thread stopped (exit ${code}) before it answered`)));
    });
  const written = offThreadQueue.then(run, run).finally(() => (waiting -= 1));
  offThreadQueue = written.catch(() => undefined);
  return written;
}

/** The workbook's bytes: written here when small, on a worker thread when large (`offThreadFrom` cells). */
export function writeWorkbook(workbook: LedgerWorkbook, offThreadFrom = OFF_THREAD_CELLS, generatedAt = new Date().toISOString()): Promise<Buffer> {
  const sheets = workbookSheets(workbook, generatedAt);
  return cellCount(sheets) >= offThreadFrom ? writeOnWorker(sheets) : writeSheets(sheets);
}

/** The workbook as the answer: an attachment named in Chinese, its read side's lag in the header as for JSON. */
export async function workbookAnswer(res: HttpResponse, workbook: LedgerWorkbook, asciiStem: string, behind: Behind | undefined): Promise<StreamableFile> {
  const body = await writeWorkbook(workbook);
  if (behind) res.header(BEHIND_HEADER, behindHeaderValue(behind));
  return new StreamableFile(body, {
    type: XLSX_MEDIA_TYPE,
    length: body.length,
    disposition: contentDisposition(`${workbook.fileStem}.xlsx`, { type: 'attachment', fallback: `${asciiStem.replace(/[^\x20-\x7e]|[\\/:*?"<>|]/g, '_')}.xlsx` }),
  });
}
