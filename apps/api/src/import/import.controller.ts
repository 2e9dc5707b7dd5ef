/**
 * POST /v1/import: an NDJSON file of command lines (EVENTS.md "Import file"), streamed from the
 * request straight into the importer — the body never sits in memory whole, no line longer than
 * IMPORT_MAX_LINE_BYTES is held — and the report streamed back: each of the first 1,000 rejections
 * is written as soon as it is final, the totals at the end. Memory stays flat whatever the file.
 */
import { Controller, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createZodDto } from 'nestjs-zod';
import { DryRunTooLong, ImportInterrupted, importNdjson, ImportStopped, type ImportRejection, type ImportResult } from '@ledger/application';
import { ApiTokenRepository, type Principal, type Role } from '@ledger/auth';
import type { EventStore } from '@ledger/event-store';
import type { LedgerRuntime } from '@ledger/runtime';
import { actorOf, CurrentPrincipal, Requires } from '../auth/auth.decorators';
import { bearerTokenOf, refusedToken } from '../auth/token-refusals';
import type { Clock } from '../platform/clock';
import { decompressionFailure, toErrorBody } from '../platform/error.filter';
import { ApiError, badRequest } from '../platform/errors';
import { nodeRequest, nodeResponse, requestIdOf, unsupportedCharset, type HttpRequest, type HttpResponse } from '../platform/http';
import { CLOCK, EVENT_STORE, LEDGER_RUNTIME } from '../platform/tokens';
import { Problems } from '../platform/problem-responses';
import { Shutdown } from '../platform/shutdown';
import { importReportSchema } from './import-report-schema';

class ImportReportDto extends createZodDto(importReportSchema) {}

export class ImportNdjsonCommand extends Command<ImportResult> {
  constructor(
    readonly input: Readable,
    readonly actor: string,
    readonly role: Role,
    readonly dryRun: boolean,
    readonly correlationId: string,
    readonly onRejection?: (rejection: ImportRejection) => void,
    /**
     * The server stopping, or the caller's token revoked or expired (the signal's reason, an
     * ApiError): the import reads no further line (ImportStopped); lines read into a chunk not yet
     * written are not final.
     */
    readonly stop?: AbortSignal,
  ) {
    super();
  }
}

@CommandHandler(ImportNdjsonCommand)
export class ImportNdjsonHandler implements ICommandHandler<ImportNdjsonCommand, ImportResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEDGER_RUNTIME) private readonly ledger: LedgerRuntime,
  ) {}

  execute(command: ImportNdjsonCommand): Promise<ImportResult> {
    return importNdjson(command.input, this.store, () => this.clock.today(), {
      actor: command.actor,
      role: command.role,
      correlationId: command.correlationId,
      dryRun: command.dryRun,
      maxLineBytes: this.ledger.config.IMPORT_MAX_LINE_BYTES,
      ...(command.onRejection ? { onRejection: command.onRejection } : {}),
      ...(command.stop ? { stop: command.stop } : {}),
      maxDryRunLines: this.ledger.config.IMPORT_DRY_RUN_MAX_LINES,
    });
  }
}

/** The Content-Encodings the import undoes as it reads (a corrupt stream fails the import, reported as `error` in the body). */
const DECODERS: Record<string, ((body: Readable) => Readable) | undefined> = {
  identity: (body) => body,
  gzip: (body) => pipeline(body, createGunzip(), () => undefined),
  'x-gzip': (body) => pipeline(body, createGunzip(), () => undefined),
  deflate: (body) => pipeline(body, createInflate(), () => undefined),
  br: (body) => pipeline(body, createBrotliDecompress(), () => undefined),
};

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain', 'application/octet-stream'];

/** How often an import under way asks again whether its token still holds (through the token cache: a revocation is seen within TOKEN_CACHE_TTL_MS and this). */
const TOKEN_RECHECK_MS = 1000;

/**
 * Asks again, while an import runs, whether the token it was started with still holds: an import
 * authenticated once went on writing, under the token's name, after the token was revoked (found by
 * a security review: six lines stored after a revocation, and an upload can last as long as its
 * sender wants). A refusal stops the import with the 401 a new request would get.
 */
function watchToken(tokens: ApiTokenRepository, token: string, stop: AbortController): () => void {
  let asking = false;
  const timer = setInterval(() => {
    if (asking || stop.signal.aborted) return;
    asking = true;
    tokens
      .authenticate(token)
      .then((authentication) => {
        if (!authentication.ok) stop.abort(refusedToken(authentication));
      })
      // A database that cannot be asked fails the import's own writes; the next tick asks again.
      .catch(() => undefined)
      .finally(() => (asking = false));
  }, TOKEN_RECHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

@ApiTags('import')
@ApiBearerAuth()
@Controller('v1/import')
export class ImportController {
  private readonly logger = new Logger('ImportController');

  /** HTTP dry runs under way in this process: one at a time, each holding up to IMPORT_DRY_RUN_MAX_LINES lines' states. */
  private dryRunsUnderWay = 0;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly shutdown: Shutdown,
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
  ) {}

  @Post()
  @Requires('importEvents')
  @Problems(415, 429)
  @ApiOperation({
    summary: 'Import NDJSON command lines; streams back {rejected:[{line,id,rule,code,message}] (first 1,000), rejectedCount, accepted, …}',
    description:
      'Every line goes through the same validation and rules as the API, and needs the capability of its event type ' +
      '(a line the caller’s role may not write is rejected with code FORBIDDEN_EVENT_TYPE and the capability). ' +
      'A line over IMPORT_MAX_LINE_BYTES (default 64 KiB) or not valid UTF-8 is rejected by its number (LINE_TOO_LONG, INVALID_UTF8); so is a line giving one name twice in an object (REPEATED_JSON_KEY, with the field). ' +
      'Re-importing a file is a no-op. Send Content-Type: application/x-ndjson. The report is streamed: the status is 200 once ' +
      'the import starts, and a failure after that is reported as `error` in the body (lines before it are in the ledger): ' +
      'the token revoked or expired under way (401, within TOKEN_CACHE_TTL_MS and a second), a dry run longer than IMPORT_DRY_RUN_MAX_LINES (413 DRY_RUN_TOO_LONG), ' +
      'the server stopping (503 SERVER_STOPPING). One dry run at a time per API process: another is answered 429 DRY_RUN_BUSY with Retry-After.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', example: '{"id":"imp-0001","type":"AppointedToPost","cadreId":"C0001","effectiveDate":"2016-03-01","data":{"orgUnitId":"T01","role":"PARTY_SECRETARY"}}' } })
  @ApiOkResponse({ type: ImportReportDto, description: 'streamed: the rejections as they are found, then the counts' })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  async import(@Req() req: HttpRequest, @Res() reply: HttpResponse, @CurrentPrincipal() principal: Principal, @Query('dryRun') dryRun?: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      const got = type.slice(0, 80);
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `send the file as Content-Type: application/x-ndjson (got ${got || 'none'})`,
        `请以 Content-Type: application/x-ndjson 发送文件（收到的是 ${got || '未注明类型'}）`,
      );
    }
    const charset = unsupportedCharset(req.headers['content-type']);
    if (charset) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', charset.message, charset.messageZh);
    if (dryRun !== undefined && !['true', 'false', '1', '0'].includes(dryRun)) throw badRequest('dryRun', 'must be true or false', '须为 true 或 false');
    // A compressed file is read as it arrives (found 2026-12-02: a gzip body was read as text, one
    // INVALID_UTF8 a line); an encoding the ledger cannot undo is refused before anything is read.
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decode = DECODERS[encoding];
    if (!decode) {
      const named = encoding.slice(0, 80);
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding ${named} cannot be read; send gzip, deflate, br or none`,
        `无法读取 Content-Encoding ${named}；请以 gzip、deflate、br 压缩，或不压缩发送`,
      );
    }
    const dry = dryRun === 'true' || dryRun === '1';
    if (dry && this.dryRunsUnderWay > 0) {
      throw new ApiError(
        429,
        'DRY_RUN_BUSY',
        'another dry run is under way on this server (one at a time: each holds the states of every line it checked); send the file again in a moment, or check it with the CLI: import FILE --dry-run',
        '本服务正有另一次试导入在进行（一次只能进行一个：试导入须在内存中保留所校验各行的状态）；请稍后重新发送，或用命令行 import 文件 --dry-run 校验',
        { retryAfterSeconds: 5 },
      );
    }
    // The report is written as the import goes, on Node's response under either server.
    const res = nodeResponse(reply);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.write('{"rejected":[');
    let written = 0;
    const onRejection = (r: ImportRejection) => res.write(`${written++ === 0 ? '' : ','}${JSON.stringify(r)}`);
    const stop = new AbortController();
    const command = new ImportNdjsonCommand(decode(nodeRequest(req)), actorOf(principal), principal.role, dry, requestIdOf(req), onRejection, AbortSignal.any([this.shutdown.signal, stop.signal]));
    const unwatch = watchToken(this.tokens, bearerTokenOf(req), stop);
    if (dry) this.dryRunsUnderWay++;
    try {
      const { rejected, ...summary } = await this.commandBus.execute(command);
      void rejected; // already written, one by one
      res.end(`],${JSON.stringify(summary).slice(1)}`);
    } catch (error) {
      // The status line is gone: the failure becomes part of the report, with the counts up to it
      // (found 2026-12-02: the report had only `error`, not the counts the document promises).
      const reason = error instanceof ImportInterrupted ? error.reason : error;
      const interruptedAt = error instanceof ImportInterrupted ? error.partial.lines : 0;
      const zlibCode = decompressionFailure(reason);
      const tokenRefusal = reason instanceof ImportStopped && reason.why instanceof ApiError ? reason.why : undefined;
      let body =
        tokenRefusal
          ? {
              statusCode: tokenRefusal.status,
              code: tokenRefusal.code,
              ...tokenRefusal.details,
              ...(command.dryRun
                ? {
                    message: `${tokenRefusal.message}; the dry run stopped: it checked the first ${interruptedAt} lines and wrote nothing`,
                    detailZh: `${tokenRefusal.messageZh}；试导入已中止：已校验前 ${interruptedAt} 行（未写入任何内容）`,
                  }
                : {
                    message: `${tokenRefusal.message}; the import stopped: the outcomes of the first ${interruptedAt} lines are final, the lines after were not written`,
                    detailZh: `${tokenRefusal.messageZh}；导入已中止：前 ${interruptedAt} 行的处理结果已确定，其后各行未写入`,
                  }),
            }
          : reason instanceof DryRunTooLong
          ? {
              statusCode: 413,
              code: 'DRY_RUN_TOO_LONG',
              maxLines: reason.maxLines,
              message: `a dry run over HTTP checks at most ${reason.maxLines} lines (IMPORT_DRY_RUN_MAX_LINES); the first ${interruptedAt} lines were checked, nothing was written: check the whole file with the CLI (import FILE --dry-run), or send it in parts`,
              detailZh: `通过网络接口试导入最多校验 ${reason.maxLines} 行（IMPORT_DRY_RUN_MAX_LINES）；已校验前 ${interruptedAt} 行，未写入任何内容：请用命令行 import 文件 --dry-run 校验整个文件，或分成几部分发送`,
            }
          : reason instanceof ImportStopped
          ? {
              // Said before the server's grace runs out, so that the caller knows where to resume.
              statusCode: 503,
              code: 'SERVER_STOPPING',
              ...(command.dryRun
                ? {
                    // A dry run writes nothing: what it stopped short of is checking, not writing (found by a review).
                    message: `the server is stopping; the dry run checked the first ${interruptedAt} lines and wrote nothing, the lines after were not checked: send the file again once it is back`,
                    detailZh: `服务正在停止；试导入已校验前 ${interruptedAt} 行（未写入任何内容），其后各行未校验：请待服务恢复后重新发送该文件`,
                  }
                : {
                    message: `the server is stopping; the outcomes of the first ${interruptedAt} lines are final, the lines after were not written: send the file again once it is back (lines already stored are skipped)`,
                    detailZh: `服务正在停止；前 ${interruptedAt} 行的处理结果已确定，其后各行未写入：请待服务恢复后重新导入该文件（已写入的行会被跳过）`,
                  }),
            }
          : zlibCode !== undefined
          ? {
              statusCode: 400,
              code: 'INVALID_REQUEST',
              message: `the compressed body cannot be decompressed (${zlibCode}); the outcomes of the first ${interruptedAt} lines are final, the lines after were not written: send them again`,
              detailZh: `压缩的请求内容无法解压（${zlibCode}）；前 ${interruptedAt} 行的处理结果已确定，其后各行未写入，请重新发送`,
              field: '(body)',
            }
          : toErrorBody(reason);
      if (tokenRefusal) this.logger.warn({ lines: interruptedAt, code: tokenRefusal.code }, 'import stopped: its token no longer holds');
      else if (reason instanceof ImportStopped) this.logger.warn({ lines: interruptedAt }, 'import stopped: the server is stopping');
      if (!body) {
        // A client that went away mid-upload (its connection reset or the body cut short) is no
        // fault of the ledger: a warning, not an error an operator is paged for (found by a review).
        const clientGone = nodeRequest(req).destroyed || ['ECONNRESET', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].includes((reason as { code?: string } | null)?.code ?? '');
        if (clientGone) this.logger.warn({ err: reason, lines: interruptedAt }, 'import stopped: the client went away');
        else this.logger.error({ err: reason }, 'import failed');
        body = {
          statusCode: 500,
          code: 'INTERNAL_ERROR',
          message: `the import stopped on an unexpected error; the outcomes of the first ${interruptedAt} lines are final, the lines after were not written: send them again`,
          detailZh: `导入因意外错误中止；前 ${interruptedAt} 行的处理结果已确定，其后各行未写入，请重新发送`,
        };
      }
      const counts = error instanceof ImportInterrupted ? JSON.stringify({ ...error.partial, rejected: undefined }).slice(1, -1) : '';
      res.end(`],${counts ? `${counts},` : ''}"error":${JSON.stringify(body)}}`, () => {
        if (reason instanceof ImportStopped || reason instanceof DryRunTooLong) closeUnreadUpload(nodeRequest(req));
      });
    } finally {
      unwatch();
      if (dry) this.dryRunsUnderWay--;
    }
  }
}

/**
 * The server stopping, an upload still under way once its report is written: the client would send
 * the rest of its file (HTTP/1.1 cannot stop a body mid-way) until the drain's grace cut it off 10 s
 * later (found by a review: curl returned only then). Closed here a second after the report, a
 * lingering close: the lines arriving meanwhile are read and dropped, so that the close, with
 * lines unread, does not reset the connection before the client has read its report.
 */
function closeUnreadUpload(request: IncomingMessage): void {
  if (request.complete) return;
  request.resume();
  setTimeout(() => request.socket?.destroy(), 1000).unref();
}
