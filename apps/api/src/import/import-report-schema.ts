/**
 * POST /v1/import's streamed report as /docs/openapi.json documents it. Checked against
 * ImportResult at compile time.
 */
import { z } from 'zod';
import type { ImportResult } from '@ledger/application';
import type { Documents } from '../platform/answer-schemas';

export const importReportSchema = z.object({
  rejected: z
    .array(
      z.object({
        line: z.number().int().describe('1-based line number in the file'),
        id: z.string().nullable(),
        rule: z.string().describe("rule id of RULES.md ('I' for the record's integrity rules, schema included)"),
        code: z.string().describe('RULE_TM4_APPROVAL_REQUIRED, MALFORMED_JSON, REPEATED_JSON_KEY, EVENT_ID_CONFLICT, FORBIDDEN_EVENT_TYPE, LINE_TOO_LONG, INVALID_UTF8, IMPORT_LINE_HALF_STORED, …'),
        message: z.string(),
        messageZh: z.string().describe('the message in Chinese, with the same ids, dates and values'),
        field: z.string().optional(),
        firstPassingDate: z.string().optional(),
        titleZh: z.string().optional(),
        cadreNames: z
          .record(z.string(), z.string())
          .optional()
          .describe('the names of the cadres the message names by id (P2: the post’s holder and the one refused it), by id, where the ledger has them'),
        orgUnitNames: z
          .record(z.string(), z.string())
          .optional()
          .describe('the names of the org units the message names by id (P2: the township of the post), by id, where the ledger has them'),
        capability: z.string().optional().describe('FORBIDDEN_EVENT_TYPE: the capability the role lacks for the line’s event type'),
        writtenStreams: z
          .array(z.string())
          .optional()
          .describe('IMPORT_LINE_HALF_STORED (EventStoreDB): the streams holding the line’s events stored by a write that stopped part-way, which stay'),
        writtenEventIds: z.array(z.string()).optional().describe('IMPORT_LINE_HALF_STORED: the line’s stored events'),
        reasonCode: z.string().optional().describe('IMPORT_LINE_HALF_STORED: why the rest of the line cannot be written now'),
        retryable: z
          .literal(true)
          .optional()
          .describe('STREAM_VERSION_CONFLICT: the line was not refused, another writer kept moving its stream through every retry; importing the file again stores it'),
      }),
    )
    .describe('the first 1,000 rejections, in file order'),
  rejectedCount: z.number().int(),
  accepted: z.number().int().describe('lines in the ledger after the import (newly written or already present)'),
  appended: z.number().int(),
  alreadyPresent: z.number().int().describe('lines whose event was already stored with the same content (re-import)'),
  eventsWritten: z.number().int(),
  lines: z.number().int().describe('the lines read, blank ones included: lines = accepted + rejectedCount + blankLines'),
  blankLines: z.number().int().describe('empty or whitespace-only lines, skipped (neither accepted nor rejected)'),
  dryRun: z.boolean(),
  error: z
    .object({
      statusCode: z.number().int(),
      code: z.string(),
      message: z.string(),
      detailZh: z.string().describe('the message in Chinese, as a Problem’s detailZh'),
    })
    .optional()
    .describe('the import stopped after its status line was sent: the failure, with the fields of a Problem (503 SERVER_STOPPING: the server was asked to stop; import the file again once it is back); `lines` then counts the lines whose outcome is final, and the lines after them were not written'),
});

export const IMPORT_REPORT_MATCHES: Documents<ImportResult, typeof importReportSchema> = true;
